// Debian's Chromium driven by playwright-core (no browser is ever downloaded): the one launch every
// browser test and benchmark uses.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible run: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const CHROMIUM_ARGS = ['--headless', ...CHROMIUM_FLAGS];

/** Launches Chromium with the quiet flags, plus any a suite needs (e.g. `--host-resolver-rules`). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Decides whether a browser suite runs. A missing Chromium is announced loudly; under CI (`CI=true`)
 * it is an error, never a silent skip. Returns the reason to skip, or undefined when it is there.
 */
export function requireChromium(suite: string): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const message = `${suite}: no browser at ${CHROMIUM}; these tests DID NOT RUN.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI requires Chromium (.ci/run installs it).`);
  process.stderr.write(`\n!!! ${message}\n\n`);
  return message;
}
