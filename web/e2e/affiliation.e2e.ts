// Workplace verification (trust and safety): a member with an unverified workplace proves it from
// 내 정보 by a work-email code, or asks an admin with evidence; the admin approves it in the queue.
// In Chromium against the product as `npm start` runs it, in both languages, at a phone's and a
// laptop's width. Screenshots land in test-artifacts/screenshots/affiliation-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser } from 'playwright-core';
import { walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    me: '내 정보',
    panel: '소속 인증',
    workEmail: '업무용 이메일',
    sendCode: '인증 코드 받기',
    code: '인증 코드',
    verify: '인증하기',
    verified: '인증된 인사이더',
    evidence: '증빙 내용',
    ask: '인증 요청 보내기',
    pending: '검토 중',
    notRegistered: /병원이 등록한 도메인의 이메일이 아니에요/,
  },
  en: {
    me: 'My page',
    panel: 'Verify your workplace',
    workEmail: 'Work email',
    sendCode: 'Send a code',
    code: 'Code',
    verify: 'Verify',
    verified: 'Verified insider',
    evidence: 'Evidence',
    ask: 'Send the request',
    pending: 'Under review',
    notRegistered: /not at a domain your hospital registered. Ask an admin/,
  },
} as const;
const QUEUE = { ko: ['소속 인증 요청', '승인'], en: ['Workplace verification requests', 'Approve'] } as const;

const run = Date.now().toString(36).slice(-5);
let seq = 0;

describe('workplace verification from 내 정보, in Chromium', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let hospitalId = '';
  const admin = { email: `aff-admin-${run}@carebridge.test`, password: 'Admin-Password-2026', nickname: `심사${run}` };

  const api = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    assert.ok(response.ok, `${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const login = async (who: { email: string; password: string }) =>
    (await api('/api/auth/login', { body: { email: who.email, password: who.password } })).accessToken as string;

  /** A member at the workplace with a verified (non-work) email, not yet a verified insider. */
  async function newMember() {
    seq += 1;
    const who = { email: `aff-${run}-${seq}@example.com`, password: 'Affiliation-2026!', nickname: `병동${run}${seq}` };
    await api('/api/auth/signup', { body: { ...who, hospitalId, jobCategory: 'nurse' } });
    const token = await login(who);
    await api('/api/auth/email/verify', { body: { code: await stack.emailCode(who.email) }, token });
    return who;
  }

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    hospitalId = (await api('/api/hospitals?sort=name&limit=1')).items[0].id;
    await stack.createAdmin(admin.email, admin.nickname, admin.password);
    await api(`/api/hospitals/admin/hospitals/${hospitalId}/email-domains`, {
      method: 'PUT',
      body: { domains: ['ward.example'] },
      token: await login(admin),
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  for (const [width, locale] of [
    ['phone', 'ko'],
    ['desktop', 'en'],
  ] as const) {
    it(`a work-email code makes the member a verified insider (${locale}, ${width})`, async () => {
      const who = await newMember();
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale, who);
      const t = TEXT[locale];
      await page.goto(`${stack.url}/me`);
      const panel = page.getByRole('region', { name: t.panel });
      await panel.waitFor();
      await walkShot(page, 'affiliation', 'panel', width, locale);
      await panel.getByLabel(t.workEmail, { exact: true }).fill(`someone-${run}@gmail.com`);
      await panel.getByRole('button', { name: t.sendCode }).click();
      await panel.getByText(t.notRegistered).first().waitFor();
      const workEmail = `nurse-${run}-${seq}@ward.example`;
      await panel.getByLabel(t.workEmail, { exact: true }).fill(workEmail);
      await panel.getByRole('button', { name: t.sendCode }).click();
      await panel.getByLabel(t.code, { exact: true }).fill(await stack.emailCode(workEmail));
      await panel.getByRole('button', { name: t.verify, exact: true }).click();
      await page.getByText(t.verified, { exact: true }).waitFor();
      assert.equal(await page.getByRole('region', { name: t.panel }).count(), 0, 'nothing left to verify');
      await walkShot(page, 'affiliation', 'verified', width, locale);
      // The renewed token already says so: the member's review of the workplace counts.
      const token = await login(who);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
      assert.equal(claims.insiderVerified, true);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  for (const [width, locale] of [
    ['phone', 'en'],
    ['desktop', 'ko'],
  ] as const) {
    it(`evidence waits for an admin, who approves it in the queue (${locale}, ${width})`, async () => {
      const who = await newMember();
      const member = await walkTab(browser, stack.url, width, locale, who);
      const t = TEXT[locale];
      const evidence = `Internal medicine ward ${seq}, staff number 2023${seq}, call the nursing office to confirm`;
      await member.page.goto(`${stack.url}/me`);
      const panel = member.page.getByRole('region', { name: t.panel });
      await panel.getByLabel(t.evidence).fill(evidence);
      await panel.getByRole('button', { name: t.ask }).click();
      await panel.getByText(t.pending, { exact: true }).waitFor();
      await walkShot(member.page, 'affiliation', 'pending', width, locale);

      const desk = await walkTab(browser, stack.url, width, locale, admin);
      await desk.page.goto(`${stack.url}/admin/members`);
      const [queueName, approve] = QUEUE[locale];
      const queue = desk.page.getByRole('region', { name: queueName });
      const item = queue.getByRole('listitem').filter({ hasText: evidence });
      await item.waitFor();
      await walkShot(desk.page, 'affiliation', 'queue', width, locale);
      await item.getByRole('button', { name: approve, exact: true }).click();
      await item.waitFor({ state: 'detached' });

      // Signing in again (a new token) shows the member as a verified insider.
      const again = await walkTab(browser, stack.url, width, locale, who);
      await again.page.goto(`${stack.url}/me`);
      await again.page.getByText(t.verified, { exact: true }).waitFor();
      assert.equal(await again.page.getByRole('region', { name: t.panel }).count(), 0);
      for (const view of [member, desk, again]) {
        assert.deepEqual(view.problems, []);
        await view.context.close();
      }
    });
  }
});
