// The set-up the board benchmarks share: where MariaDB is, and the real board service started on a
// database of the benchmark's own.
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
export async function startBoard(databaseUrl, dataDir, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'services/board/dist/src/main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const base = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`board exited with ${code}`)));
    child.on('message', (m) => m?.type === 'listening' && resolve(m.url));
  });
  return { child, base };
}
