import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';

/**
 * A database server of the fault suite's own, started from the installed binaries on a private
 * port and data folder, so that killing it with SIGKILL touches nobody else's server.
 */
export interface PrivateServer {
  readonly name: string;
  /** `DATABASE_URL` of the service's database on this server. */
  readonly url: string;
  /** Starts the server; `fresh` starts from a new data folder (nothing left by an earlier run). */
  start(fresh?: boolean): Promise<void>;
  /** SIGKILL to every process of the server: a crash, not a shutdown. */
  kill(): void;
  stop(): Promise<void>;
  /** Runs one query against the service's database (for the suite's checks). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

async function waitUntil(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

const exited = (child: ChildProcess | undefined) =>
  !child || child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export class PrivateMariaDb implements PrivateServer {
  readonly name = 'MariaDB';
  private child: ChildProcess | undefined;

  constructor(
    private readonly dir: string,
    private readonly port: number,
    private readonly database: string,
  ) {}

  get url(): string {
    return `mariadb://root@127.0.0.1:${this.port}/${this.database}`;
  }

  async start(fresh = false): Promise<void> {
    if (fresh || !existsSync(join(this.dir, 'mysql'))) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
      const init = spawnSync(
        'mariadb-install-db',
        [
          '--no-defaults',
          `--datadir=${this.dir}`,
          '--user=root',
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ],
        { encoding: 'utf8' },
      );
      if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr}`);
    }
    this.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${this.dir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--user=root',
        '--skip-log-bin',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=300',
      ],
      { detached: true, stdio: 'ignore' },
    );
    await waitUntil('MariaDB', async () => {
      const c = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1_000 });
      if (fresh) await c.query(`DROP DATABASE IF EXISTS \`${this.database}\``);
      await c.query(
        `CREATE DATABASE IF NOT EXISTS \`${this.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await c.end();
      return true;
    });
  }

  kill(): void {
    killGroup(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    killGroup(this.child, 'SIGTERM');
    await exited(this.child);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', database: this.database });
    try {
      const [rows] = await c.query(sql, params);
      return rows as T[];
    } finally {
      await c.end();
    }
  }
}

export class PrivatePostgres implements PrivateServer {
  readonly name = 'PostgreSQL';
  private child: ChildProcess | undefined;

  constructor(
    private readonly dir: string,
    private readonly port: number,
    private readonly database: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${this.database}`;
  }

  private bin(name: string): string {
    const versions = spawnSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' }).stdout.trim().split('\n');
    return `/usr/lib/postgresql/${versions.sort().at(-1)}/bin/${name}`;
  }

  async start(fresh = false): Promise<void> {
    // PostgreSQL refuses to run as root: the data folder belongs to the postgres user.
    if (fresh || !existsSync(join(this.dir, 'PG_VERSION'))) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
      chownSync(this.dir, uid('postgres'), uid('postgres'));
      const init = spawnSync(
        'runuser',
        ['-u', 'postgres', '--', this.bin('initdb'), '-D', this.dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8'],
        { encoding: 'utf8' },
      );
      if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    }
    this.child = spawn(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        this.bin('postgres'),
        '-D',
        this.dir,
        '-p',
        String(this.port),
        '-k',
        this.dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
      ],
      { detached: true, stdio: 'ignore' },
    );
    await waitUntil('PostgreSQL', async () => {
      const c = new pg.Client({ connectionString: this.url.replace(`/${this.database}`, '/postgres') });
      await c.connect();
      if (fresh) await c.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
      const known = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (known.rowCount === 0) await c.query(`CREATE DATABASE "${this.database}" ENCODING 'UTF8'`);
      await c.end();
      return true;
    });
  }

  kill(): void {
    killGroup(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    killGroup(this.child, 'SIGINT');
    await exited(this.child);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: this.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
}

function uid(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
