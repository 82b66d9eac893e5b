import { loadConfig, runService } from '@carebridge/platform';
import { AppModule, SERVICE } from './app.module.js';
import { AuthConfig } from './config.js';

await runService(() => AppModule.forRoot(loadConfig(AuthConfig, process.env, SERVICE)), {
  service: SERVICE,
  apiPrefix: 'api/auth',
  title: 'Carebridge auth',
  description: 'Accounts, sessions, email verification and the public keys that verify access tokens.',
});
