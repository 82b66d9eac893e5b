// The bugs of a walk-through of the web app (issue 17), seen in Chromium at a phone's and a
// laptop's width against the product as `npm start` runs it. Screenshots land in test-artifacts/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, WIDTHS, type Width } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const run = Date.now().toString(36).slice(-4);
/** Six characters, the nickname that used to break the phone header. */
const member = {
  email: `walk-${run}@example.com`,
  password: 'Walk-Through-2026!',
  nickname: `야간근무${run.slice(0, 2)}`,
};

async function shot(page: Page, name: string, width: Width) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `walkthrough-${name}-${width}.png`) });
}

describe('the walk-through bugs, in Chromium', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let token = '';
  let hospitalId = '';
  let hospitalNames: string[] = [];
  const postIds: string[] = [];

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };

  async function tab(width: Width, locale?: 'en') {
    const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'ko-KR' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    if (locale) await context.addInitScript(() => localStorage.setItem('cb_locale', 'en'));
    return { context, page, problems };
  }

  async function logIn(page: Page) {
    await page.getByLabel('이메일').fill(member.email);
    await page.getByLabel('비밀번호').fill(member.password);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
  }

  before(async () => {
    // One member writes 60 posts to fill a list; the write limits are the trust-and-safety suite's subject.
    stack = await startStack(120_000, { WRITE_LIMIT_FACTOR: '0' });
    browser = await launchChromium();
    await api('/api/auth/signup', member);
    token = (await api('/api/auth/login', { email: member.email, password: member.password })).accessToken;
    await api('/api/auth/email/verify', { code: await stack.emailCode(member.email) });
    token = (await api('/api/auth/login', { email: member.email, password: member.password })).accessToken;
    for (let i = 1; i <= 60; i += 1) {
      const created = await api('/api/board/posts', {
        board: 'free',
        title: `근무표 이야기 ${i}`,
        body: `${i}번째 글`,
      });
      postIds.push(created.id);
    }
    const hospitals = await api('/api/hospitals?sort=name&limit=30');
    hospitalId = hospitals.items[0].id;
    hospitalNames = hospitals.items.map((h: { name: string }) => h.name);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  for (const width of Object.keys(WIDTHS) as Width[]) {
    it(`2. English stays English after a reload and on opened links (${width})`, async () => {
      const { context, page, problems } = await tab(width, 'en');
      for (const path of [`/hospitals/${hospitalId}`, '/hospitals', '/signup', '/board/free']) {
        await page.goto(`${stack.url}${path}`);
        await page.locator('main h1').first().waitFor();
        const text = (await page.locator('body').innerText()).replace(/[가-힣]+(병원|의원|센터|구|시|도)\b/g, '');
        for (const korean of [
          '병원 정보',
          '인사이더 평점',
          '최신순',
          '도움순',
          '도움돼요',
          '회원가입',
          '불러오는 중',
        ]) {
          assert.ok(!text.includes(korean), `${path} shows “${korean}” in English mode`);
        }
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      }
      // The frame painted before the app starts (here it never starts) is English too.
      const frame = await context.newPage();
      await frame.route('**/assets/*.js', (route) => route.abort());
      await frame.goto(`${stack.url}/board/free`);
      const nav = await frame.locator('.site-nav').innerText();
      assert.match(nav, /Free board/);
      assert.doesNotMatch(nav, /자유게시판|병원 찾기/);
      assert.match(await frame.title(), /^Carebridge/);
      await frame.close();
      await page.goto(`${stack.url}/hospitals/${hospitalId}`);
      await page.getByRole('heading', { name: 'Insider ratings' }).waitFor();
      // This hospital has no reviews, so no filter bar; review-filters.e2e checks its English labels.
      await shot(page, 'hospital-en', width);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  for (const width of Object.keys(WIDTHS) as Width[]) {
    it(`4. Back after “load more” returns to the same 60 posts at the same place (${width})`, async () => {
      const { context, page } = await tab(width);
      await page.goto(`${stack.url}/board/free`);
      const items = page.locator('.post-list > li');
      await items.first().waitFor();
      for (const expected of [40, 60]) {
        await page.getByRole('button', { name: '더 보기' }).click();
        await page.waitForFunction((n) => document.querySelectorAll('.post-list > li').length >= n, expected);
      }
      const target = page.getByRole('link', { name: /근무표 이야기 3$/ });
      await target.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => window.scrollY);
      assert.ok(before > 500, `scrolled down to the 58th post (${before})`);
      await shot(page, 'board-scrolled', width);
      await target.click();
      await page.getByRole('heading', { level: 1, name: '근무표 이야기 3' }).waitFor();
      await page.goBack();
      await page.waitForFunction(() => document.querySelectorAll('.post-list > li').length === 60);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 4, before, { timeout: 5_000 });
      assert.equal(await items.count(), 60);
      await context.close();
    });
  }

  it('8. hospital names in the sign-up picker do not break mid-word on a phone', async () => {
    const { context, page } = await tab('phone');
    await page.goto(`${stack.url}/signup`);
    const longest = [...hospitalNames].sort((a, b) => b.length - a.length)[0] ?? '';
    await page.getByLabel('병원 이름으로 검색').fill(longest.slice(0, 2));
    await page.getByRole('button', { name: '찾기' }).click();
    await page.locator('.picker-name').first().waitFor();
    const broken = await page.$$eval('.picker-name', (names) =>
      names
        .filter((name) => !/\s/.test(name.textContent ?? '') && name.getClientRects().length > 1)
        .map((name) => name.textContent),
    );
    assert.deepEqual(broken, [], 'one-word names stay on one line');
    await page.locator('.picker-results').scrollIntoViewIfNeeded();
    await shot(page, 'signup-picker', 'phone');
    await context.close();
  });

  for (const width of Object.keys(WIDTHS) as Width[]) {
    it(`10 and 12. the header's log-in comes back to the page; a 6-character nickname keeps the header on one line (${width})`, async () => {
      const { context, page } = await tab(width);
      await page.goto(`${stack.url}/board/free?sort=popular`);
      await page.locator('.post-list > li').first().waitFor();
      await page.getByRole('banner').getByRole('link', { name: '로그인' }).click();
      await page.waitForURL(/\/login\?next=/);
      await logIn(page);
      await page.waitForURL(`${stack.url}/board/free?sort=popular`);
      const account = page.getByRole('link', { name: `${member.nickname} 님` });
      await account.waitFor();
      const header = await page.locator('.header-row').boundingBox();
      const logout = await page.getByRole('button', { name: '로그아웃' }).boundingBox();
      assert.ok(header && header.height <= 64, `the header row is one line (${header?.height} px)`);
      assert.ok(logout && logout.height <= 44, `로그아웃 does not wrap (${logout?.height} px)`);
      assert.ok(logout.x + logout.width <= WIDTHS[width].width, '로그아웃 stays on the screen');
      await shot(page, 'header-member', width);
      await context.close();
    });
  }

  it('1. the email code errors on /verify-email are Korean', async () => {
    const other = { email: `unverified-${run}@example.com`, password: 'Unverified-2026!', nickname: `미인증${run}` };
    const { context, page } = await tab('phone');
    token = '';
    await api('/api/auth/signup', other);
    await page.goto(`${stack.url}/login?next=/verify-email`);
    await page.getByLabel('이메일').fill(other.email);
    await page.getByLabel('비밀번호').fill(other.password);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '이메일 인증' }).waitFor();
    // The code was mailed at sign-up: the page offers to send it again.
    const code = page.getByLabel('인증 코드');
    await code.fill('000000');
    await page.getByRole('button', { name: '인증하기' }).click();
    await page.getByText(/^코드가 맞지 않아요/).waitFor();
    await code.fill('12ab');
    await page.getByRole('button', { name: '인증하기' }).click();
    await page.getByText('숫자 6자리를 입력해 주세요.').waitFor();
    await page.getByRole('button', { name: '코드가 안 왔나요? 다시 받기' }).click();
    await page.getByText(/코드는 1분에 한 번 보낼 수 있어요/).waitFor();
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /is not correct|must be|wait|seconds/i);
    await shot(page, 'verify-errors', 'phone');
    await context.close();
  });

  for (const width of Object.keys(WIDTHS) as Width[]) {
    it(`dense board rows and a dark mode that follows the system, with a switch (${width})`, async () => {
      const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'ko-KR', colorScheme: 'dark' });
      const page = await context.newPage();
      await page.goto(`${stack.url}/board/free`);
      await page.locator('.post-list > li').first().waitFor();
      const rows = await page
        .locator('.post-list > li')
        .evaluateAll(
          (items) => items.filter((item) => item.getBoundingClientRect().bottom <= window.innerHeight).length,
        );
      const rowHeight = (await page.locator('.post-list > li').first().boundingBox())?.height ?? 0;
      assert.ok(rowHeight <= 72, `a row is dense (${rowHeight} px)`);
      assert.match(await page.locator('.post-list > li time').first().innerText(), /방금 전|분 전|시간 전/);
      // 조회 and 좋아요 each lead with their icon, drawn in the text's colour (so dark mode too).
      const icons = await page
        .locator('.post-list > li')
        .first()
        .locator('.count')
        .evaluateAll((counts) =>
          counts.map((count) => {
            const icon = getComputedStyle(count, '::after');
            return { text: count.textContent, mask: icon.maskImage, width: icon.width, colour: icon.backgroundColor };
          }),
        );
      assert.deepEqual(
        icons.map((i) => i.text?.split(' ')[0]),
        ['조회', '좋아요'],
      );
      for (const icon of icons) {
        assert.match(icon.mask, /^url\("data:image\/svg\+xml/, `${icon.text} has its icon`);
        assert.notEqual(icon.width, '0px');
      }
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const dark = await background();
      await shot(page, 'board-dark', width);
      await page.getByRole('button', { name: '어두운 화면' }).click();
      assert.notEqual(await background(), dark, 'the switch leaves the system’s dark');
      await page.reload();
      await page.locator('.post-list > li').first().waitFor();
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'light', 'the choice is kept');
      await shot(page, 'board-light', width);
      assert.ok(rows >= (width === 'phone' ? 5 : 6), `${rows} posts on the first screen`);
      await context.close();
    });
  }

  it('11 and 13. a missing post is titled not found; a free post under /board/qna moves to its board', async () => {
    const { context, page } = await tab('desktop');
    await page.goto(`${stack.url}/board/free/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' }).waitFor();
    await page.waitForFunction(() => document.title.startsWith('페이지를 찾을 수 없어요'));
    const id = postIds[0] as string;
    await page.goto(`${stack.url}/board/qna/${id}`);
    await page.waitForURL(`${stack.url}/board/free/${id}`);
    await page.getByRole('heading', { level: 1, name: '근무표 이야기 1' }).waitFor();
    await context.close();
  });
});
