// The set-up the benchmarks share: where MariaDB is, and a real service (the board's on a database
// of the benchmark's own) started from its build.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

/** mysql2 connection options and the service's DATABASE_URL from `--server mariadb://user:pass@host:port`. */
export function mariadbAccess(serverUrl) {
  const server = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const access = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: server.username || 'root',
    password: server.password,
  };
  const databaseUrl = (dbName) =>
    `mariadb://${access.user}${access.password ? `:${access.password}` : ''}@${server.host}/${dbName}`;
  return { access, databaseUrl };
}

/** Starts services/board's build on `databaseUrl`; resolves with the child and its base URL once it listens. */
export function startBoard(databaseUrl, dataDir, nodeArgs = []) {
  return startService('board', { DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, nodeArgs);
}

/**
 * Starts `services/<name>`'s build in production mode on a port of its own, with `env` added;
 * `base` resolves with its URL once it listens.
 */
export function startService(name, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, `services/${name}/dist/src/main.js`)], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const base = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    child.on('message', (m) => m?.type === 'listening' && resolve(m.url));
  });
  return { child, base };
}

/** Stops a service started here and waits until it has exited (a `--cpu-prof` profile is written on exit). */
export async function stopService(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
