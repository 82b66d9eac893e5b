// `npm start`: the whole product on this machine, run from the repository's own manifests.
import { join } from 'node:path';
import { Cluster } from './cluster.js';
import { REPO_ROOT } from './services.js';

const port = Number(process.env.PORT ?? 8080);
// Loopback unless asked: the lab's control API can kill replicas, so it is not offered to the LAN by default.
const host = process.env.HOST ?? '127.0.0.1';
const started = Date.now();
console.log('Carebridge: starting the services from k8s/ and istio/ on embedded databases (data in .data/)');

try {
  const cluster = await Cluster.start({
    port,
    host,
    controlToken: process.env.LAB_TOKEN,
    dataDir: process.env.CAREBRIDGE_DATA_DIR ?? join(REPO_ROOT, '.data'),
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const listening =
    host === '127.0.0.1' || host === 'localhost' || host === '::1'
      ? `${host} only (HOST=0.0.0.0 npm start opens every interface)`
      : `${host} (set by HOST)`;
  const docs = [...cluster.services.values()].map(
    (s) => `http://localhost:${cluster.port}${s.spec.routes[0]?.prefix}/docs`,
  );
  console.log(`
  Carebridge is running (ready in ${seconds}s)
    Site:        http://localhost:${cluster.port}/
    API docs:    ${docs.join('\n                 ')}
    Lab:         http://localhost:${cluster.port}/lab#token=${cluster.controlToken}  (live dashboard)
    Lab token:   ${cluster.controlToken}  (writes to /lab/api/* need -H "authorization: Bearer <token>"; reads are open)
    Listening:   ${listening}
  Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await cluster.stop();
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
