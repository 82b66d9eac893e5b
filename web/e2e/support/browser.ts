// Tabs and screenshots for the browser journeys; the launch itself is platform/testing's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './stack.js';

export const SCREENSHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;

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

/** The widths the issue-17 walk-throughs use: a phone and a laptop. */
export const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } } as const;
export type Width = keyof typeof WIDTHS;
export type Locale = 'ko' | 'en';

/** Every width in both languages: what a journey of a whole feature walks through. */
export const EVERY_WIDTH_AND_LANGUAGE = [
  ['phone', 'ko'],
  ['desktop', 'ko'],
  ['phone', 'en'],
  ['desktop', 'en'],
] as const satisfies readonly (readonly [Width, Locale])[];

/**
 * A tab at one of `WIDTHS` in one language, signed in as `who` when given (the refresh cookie
 * of a real log-in: the app renews the session from it), recording script errors.
 */
export async function walkTab(
  browser: Browser,
  siteUrl: string,
  width: Width,
  locale: Locale,
  who?: { email: string; password: string },
) {
  const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'ko-KR' });
  await context.addInitScript(
    ([lang, signedIn]) => {
      if (signedIn) localStorage.setItem('cb_signed_in', '1');
      if (lang === 'en') localStorage.setItem('cb_locale', 'en');
    },
    [locale, Boolean(who)] as const,
  );
  if (who) {
    const res = await context.request.post(`${siteUrl}/api/auth/login`, {
      data: { email: who.email, password: who.password },
    });
    if (res.status() !== 200) throw new Error(`log-in for the tab failed: ${res.status()}`);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/**
 * Saves a screenshot as test-artifacts/screenshots/<prefix>-<name>-<locale>-<width>.png: the whole
 * page, or only the screen when what matters is what a reader sees first or where they scrolled to.
 */
export async function walkShot(
  page: Page,
  prefix: string,
  name: string,
  width: Width,
  locale: Locale,
  { fullPage = true } = {},
) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${prefix}-${name}-${locale}-${width}.png`), fullPage });
}

const LOG_IN_FORM = {
  ko: { email: '이메일', password: '비밀번호', submit: '로그인' },
  en: { email: 'Email', password: 'Password', submit: 'Log in' },
} as const satisfies Record<Locale, Record<string, string>>;

/** Fills in the log-in form on screen and sends it; where it lands is the caller's to check. */
export async function submitLogIn(page: Page, who: { email: string; password: string }, locale: Locale = 'ko') {
  const form = LOG_IN_FORM[locale];
  await page.getByLabel(form.email, { exact: true }).fill(who.email);
  await page.getByLabel(form.password, { exact: true }).fill(who.password);
  await page.getByRole('button', { name: form.submit, exact: true }).click();
}

/**
 * Logs in with the form, as a reader does (so the refresh cookie is the origin's own), and waits
 * until the app has taken them on to `next`.
 */
export async function logInWithForm(
  page: Page,
  origin: string,
  who: { email: string; password: string },
  locale: Locale,
  next: string,
) {
  await page.goto(`${origin}/login?next=${encodeURIComponent(next)}`);
  await submitLogIn(page, who, locale);
  await page.waitForURL((url) => url.pathname === next);
}
