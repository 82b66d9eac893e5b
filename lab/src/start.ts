// `npm start`: the whole product on this machine, behind one address.
import { join } from 'node:path';
import { startLocalStack } from './local-stack.js';
import { REPO_ROOT, SERVICES } from './services.js';

const port = Number(process.env.PORT ?? 8080);
const started = Date.now();
console.log(`Carebridge: starting ${SERVICES.length} service(s) on embedded databases (data in .data/)`);

try {
  const stack = await startLocalStack({
    services: SERVICES,
    port,
    dataDir: process.env.CAREBRIDGE_DATA_DIR ?? join(REPO_ROOT, '.data'),
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Carebridge is running (ready in ${seconds}s)
    Site:      http://localhost:${stack.port}/
    API docs:  ${SERVICES.map((s) => `http://localhost:${stack.port}${s.routes[0]}/docs`).join('\n               ')}
  Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use. Stop what uses it, or run with PORT=<another port> npm start.`);
  } else {
    console.error(`Carebridge could not start: ${message}`);
  }
  process.exit(1);
}
