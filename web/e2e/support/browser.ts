// Debian's Chromium driven by playwright-core (no browser is ever downloaded).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './stack.js';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const SCREENSHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A browser tab that records what would be a bug for a reader: script errors, failed requests
 * other than expected API refusals, and CSP violations (they show up as console errors).
 */
export async function openTab(browser: Browser, viewport: keyof typeof VIEWPORTS = 'desktop') {
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'ko-KR' });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused API calls (401/403/404/409) are expected in these journeys and logged by Chromium.
    if (message.type() === 'error' && !/status of (400|401|403|404|409)/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>-<viewport>.png. */
export async function screenshot(page: Page, name: string, viewport: keyof typeof VIEWPORTS): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}-${viewport}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
