// Starts the product exactly as `npm start` does (the compiled lab on the real services and their
// embedded databases), on a free port and a throwaway data folder, and stops it afterwards.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

export const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

export interface Stack {
  url: string;
  dataDir: string;
  /** Everything the product printed so far. */
  log: string[];
  /** The latest email verification code sent to an address (read from the auth service's outbox). */
  emailCode(email: string): Promise<string>;
  /** `npm run -w services/auth admin:create`, against this stack's data. */
  createAdmin(email: string, nickname: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(timeoutMs = 120_000, env: Record<string, string> = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-web-e2e-'));
  const log: string[] = [];
  // The environment `npm start` has: the test runner's NODE_ENV=test is not passed on.
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'lab/dist/src/start.js')], {
    cwd: REPO_ROOT,
    env: { ...inherited, PORT: '0', CAREBRIDGE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the stack did not start in ${timeoutMs} ms:\n${log.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const match = /Site:\s+(http:\/\/[^\s/]+)\//.exec(log.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited with ${code} before it was ready:\n${log.join('')}`));
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));

  return {
    url,
    dataDir,
    log,
    async emailCode(email) {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const db = new Database(join(dataDir, 'auth', 'auth.sqlite'), { readonly: true, fileMustExist: true });
        try {
          const row = db
            .prepare('SELECT subject FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1')
            .get(email) as { subject: string } | undefined;
          const code = row && /(\d{6})/.exec(row.subject)?.[1];
          if (code) return code;
        } finally {
          db.close();
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no verification code was sent to ${email}`);
    },
    async createAdmin(email, nickname, password) {
      await promisify(execFile)(
        process.execPath,
        [join(REPO_ROOT, 'services/auth/dist/src/cli/admin-create.js'), '--email', email, '--nickname', nickname],
        { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: join(dataDir, 'auth'), ADMIN_PASSWORD: password } },
      );
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
