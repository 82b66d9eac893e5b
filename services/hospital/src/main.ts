import { loadConfig, runService } from '@carebridge/platform';
import { AppModule, SERVICE } from './app.module.js';
import { HospitalConfig } from './config.js';

await runService(() => AppModule.forRoot(loadConfig(HospitalConfig, process.env, SERVICE)), {
  service: SERVICE,
  apiPrefix: 'api/hospitals',
  title: 'Carebridge hospitals',
  description:
    'Hospitals, insider reviews and their rating summaries, moderation, and the public hospital-list import.',
});
