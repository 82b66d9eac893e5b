import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(new URL('../../../..', import.meta.url).pathname);

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * A suite that needs a tool this machine lacks says so loudly; under CI (`CI=true`) it is a
 * failure, never a silent skip. Returns the reason to skip, or undefined when everything is there.
 */
export function requireTools(suite: string, tools: string[]): string | undefined {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0) return undefined;
  const message = `${suite}: ${missing.join(', ')} not found; these tests DID NOT RUN.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI requires every tool (.ci/run installs them).`);
  process.stderr.write(`\n!!! ${message}\n\n`);
  return message;
}
