import { loadConfig, runService } from '@carebridge/platform';
import { AppModule, SERVICE } from './app.module.js';
import { BoardConfig } from './config.js';

await runService(() => AppModule.forRoot(loadConfig(BoardConfig, process.env, SERVICE)), {
  service: SERVICE,
  apiPrefix: 'api/board',
  title: 'Carebridge board',
  description: 'The free board and Q&A: posts, comments, likes, reports and moderation.',
});
