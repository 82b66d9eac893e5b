import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabaseOn, queryDatabase } from '@carebridge/platform/testing';

/**
 * A database server of the fault suite's own, started from the installed binaries on a private
 * port and data folder, so that killing it with SIGKILL touches nobody else's server. The dialects
 * differ only in the hooks: how a data folder is made, how the server is run and stopped.
 */
export abstract class PrivateServer {
  abstract readonly name: string;
  protected abstract readonly dialect: 'mariadb' | 'postgres';
  /** Signal that shuts the server down cleanly. */
  protected abstract readonly stopSignal: NodeJS.Signals;
  /** The server's own URL, with the database to connect to first where the dialect needs one. */
  protected abstract get serverUrl(): string;
  /** A file that exists once the data folder is initialised. */
  protected abstract readonly marker: string;
  /** Initialises an empty data folder. */
  protected abstract initialise(): void;
  /** The command that runs the server in the foreground. */
  protected abstract command(): [string, string[]];

  private child: ChildProcess | undefined;

  constructor(
    protected readonly dir: string,
    protected readonly port: number,
    private readonly database: string,
  ) {}

  /** `DATABASE_URL` of the service's database on this server. */
  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.database}`;
    return url.toString();
  }

  /** Starts the server; `fresh` starts from a new data folder (nothing left by an earlier run). */
  async start(fresh = false): Promise<void> {
    const initialised = existsSync(join(this.dir, this.marker));
    if (fresh || !initialised) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
      this.initialise();
    }
    const [bin, args] = this.command();
    this.child = spawn(bin, args, { detached: true, stdio: 'ignore' });
    await waitUntil(this.name, async () => (await queryDatabase(this.serverUrl, 'SELECT 1')).length === 1);
    // A new data folder holds no database yet; a restarted server keeps the one it had.
    if (fresh || !initialised) await createDatabaseOn(this.dialect, this.serverUrl, this.database);
  }

  /** SIGKILL to every process of the server: a crash, not a shutdown. */
  kill(): void {
    killGroup(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    killGroup(this.child, this.stopSignal);
    await exited(this.child);
  }

  /** Runs one query against the service's database (for the suite's checks). */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryDatabase<T>(this.url, sql, params);
  }
}

export class PrivateMariaDb extends PrivateServer {
  readonly name = 'MariaDB';
  protected readonly dialect = 'mariadb';
  protected readonly stopSignal = 'SIGTERM';
  protected readonly marker = 'mysql';

  protected get serverUrl(): string {
    return `mariadb://root@127.0.0.1:${this.port}`;
  }

  protected initialise(): void {
    run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${this.dir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
  }

  protected command(): [string, string[]] {
    return [
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
    ];
  }
}

/** PostgreSQL refuses to run as root: the data folder belongs to the postgres user, and so does the server. */
export class PrivatePostgres extends PrivateServer {
  readonly name = 'PostgreSQL';
  protected readonly dialect = 'postgres';
  protected readonly stopSignal = 'SIGINT';
  protected readonly marker = 'PG_VERSION';

  protected get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  protected initialise(): void {
    chownSync(this.dir, uid('postgres'), uid('postgres'));
    run('runuser', [
      '-u',
      'postgres',
      '--',
      pgBin('initdb'),
      '-D',
      this.dir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
    ]);
  }

  protected command(): [string, string[]] {
    return [
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        pgBin('postgres'),
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
    ];
  }
}

function run(bin: string, args: string[]): void {
  const done = spawnSync(bin, args, { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`${bin} failed: ${done.stderr}`);
}

function pgBin(name: string): string {
  const versions = spawnSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' }).stdout.trim().split('\n');
  return `/usr/lib/postgresql/${versions.sort().at(-1)}/bin/${name}`;
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

function uid(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
