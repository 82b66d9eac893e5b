// The bugs of a walk-through of the web app (issue 17), seen in Chromium in Korean and English at a
// phone's and a laptop's width against the product as `npm start` runs it. Screenshots land in
// test-artifacts/screenshots/walkthrough-*.png. Bug 1 (the email code's errors) is walked through
// in walkthrough-members.e2e.ts, on a real host name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser } from 'playwright-core';
import { callApi, type Member, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, submitLogIn, WIDTHS, type Width, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    loadMore: '더 보기',
    pickerSearch: '병원 이름으로 검색',
    find: '찾기',
    logIn: '로그인',
    account: (nickname: string) => `${nickname} 님`,
    logOut: '로그아웃',
    recently: /^(방금 전|\d+분 전|\d+시간 전)$/,
    counts: [/^조회 \d+$/, /^좋아요 \d+$/],
    dark: '어두운 화면',
    notFound: '페이지를 찾을 수 없어요',
  },
  en: {
    loadMore: 'Load more',
    pickerSearch: 'Search hospitals by name',
    find: 'Find',
    logIn: 'Log in',
    account: (nickname: string) => nickname,
    logOut: 'Log out',
    recently: /^(just now|\d+ minutes? ago|\d+ hours? ago)$/,
    counts: [/^\d+ views?$/, /^\d+ likes?$/],
    dark: 'Dark mode',
    notFound: 'Page not found',
  },
} as const;

const run = Date.now().toString(36).slice(-4);

describe('the walk-through bugs, in Chromium', { timeout: 900_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  /** Six characters, the nickname that used to break the phone header. */
  let member: Member;
  let hospitalId = '';
  let hospitalNames: string[] = [];
  const postIds: string[] = [];

  before(async () => {
    // One member writes 60 posts to fill a list; the write limits are the trust-and-safety suite's subject.
    stack = await startStack(120_000, { WRITE_LIMIT_FACTOR: '0' });
    browser = await launchChromium();
    member = await signUpMember(stack, {
      email: `walk-${run}@example.com`,
      password: 'Walk-Through-2026!',
      nickname: `야간근무${run.slice(0, 2)}`,
    });
    for (let i = 1; i <= 60; i += 1) {
      const created = await callApi(stack, '/api/board/posts', {
        body: { board: 'free', title: `근무표 이야기 ${i}`, body: `${i}번째 글` },
        token: member.token,
      });
      postIds.push(created.id);
    }
    const hospitals = await callApi(stack, '/api/hospitals?sort=name&limit=30');
    hospitalId = hospitals.items[0].id;
    hospitalNames = hospitals.items.map((h: { name: string }) => h.name);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  for (const width of Object.keys(WIDTHS) as Width[]) {
    it(`2. English stays English after a reload and on opened links (${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, 'en');
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
      await walkShot(page, 'walkthrough', 'hospital', width, 'en');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    const t = TEXT[locale];

    it(`4. Back after “load more” returns to the same 60 posts at the same place (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      await page.goto(`${stack.url}/board/free`);
      const items = page.locator('.post-list > li');
      await items.first().waitFor();
      for (const expected of [40, 60]) {
        await page.getByRole('button', { name: t.loadMore, exact: true }).click();
        await page.waitForFunction((n) => document.querySelectorAll('.post-list > li').length >= n, expected);
      }
      const target = page.getByRole('link', { name: /근무표 이야기 3$/ });
      await target.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => window.scrollY);
      assert.ok(before > 500, `scrolled down to the 58th post (${before})`);
      await walkShot(page, 'walkthrough', 'board-scrolled', width, locale, { fullPage: false });
      await target.click();
      await page.getByRole('heading', { level: 1, name: '근무표 이야기 3' }).waitFor();
      await page.goBack();
      await page.waitForFunction(() => document.querySelectorAll('.post-list > li').length === 60);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 4, before, { timeout: 5_000 });
      assert.equal(await items.count(), 60);
      assert.deepEqual(problems, []);
      await context.close();
    });

    it(`8. hospital names in the sign-up picker do not break mid-word (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      await page.goto(`${stack.url}/signup`);
      const longest = [...hospitalNames].sort((a, b) => b.length - a.length)[0] ?? '';
      await page.getByLabel(t.pickerSearch, { exact: true }).fill(longest.slice(0, 2));
      await page.getByRole('button', { name: t.find, exact: true }).click();
      await page.locator('.picker-name').first().waitFor();
      const broken = await page.$$eval('.picker-name', (names) =>
        names
          .filter((name) => !/\s/.test(name.textContent ?? '') && name.getClientRects().length > 1)
          .map((name) => name.textContent),
      );
      assert.deepEqual(broken, [], 'one-word names stay on one line');
      await page.locator('.picker-results').scrollIntoViewIfNeeded();
      await walkShot(page, 'walkthrough', 'signup-picker', width, locale, { fullPage: false });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it(`10 and 12. the header's log-in comes back to the page; a 6-character nickname keeps the header on one line (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      await page.goto(`${stack.url}/board/free?sort=popular`);
      await page.locator('.post-list > li').first().waitFor();
      await page.getByRole('banner').getByRole('link', { name: t.logIn, exact: true }).click();
      await page.waitForURL(/\/login\?next=/);
      await submitLogIn(page, member, locale);
      await page.waitForURL(`${stack.url}/board/free?sort=popular`);
      await page.getByRole('link', { name: t.account(member.nickname), exact: true }).waitFor();
      const header = await page.locator('.header-row').boundingBox();
      const logOut = await page.getByRole('button', { name: t.logOut, exact: true }).boundingBox();
      assert.ok(header && header.height <= 64, `the header row is one line (${header?.height} px)`);
      assert.ok(logOut && logOut.height <= 44, `${t.logOut} does not wrap (${logOut?.height} px)`);
      assert.ok(logOut.x + logOut.width <= WIDTHS[width].width, `${t.logOut} stays on the screen`);
      await walkShot(page, 'walkthrough', 'header-member', width, locale, { fullPage: false });
      assert.deepEqual(problems, []);
      await context.close();
    });

    it(`dense board rows and a dark mode that follows the system, with a switch (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${stack.url}/board/free`);
      const rows = page.locator('.post-list > li');
      await rows.first().waitFor();
      const onFirstScreen = await rows.evaluateAll(
        (items) => items.filter((item) => item.getBoundingClientRect().bottom <= window.innerHeight).length,
      );
      const rowHeight = (await rows.first().boundingBox())?.height ?? 0;
      assert.ok(rowHeight <= 72, `a row is dense (${rowHeight} px)`);
      assert.match(await rows.first().locator('time').innerText(), t.recently);
      // Views and likes each lead with their icon, drawn in the text's colour (so dark mode too).
      const icons = await rows
        .first()
        .locator('.count')
        .evaluateAll((counts) =>
          counts.map((count) => {
            const icon = getComputedStyle(count, '::after');
            return { text: count.textContent ?? '', mask: icon.maskImage, width: icon.width };
          }),
        );
      assert.equal(icons.length, t.counts.length);
      for (const [i, icon] of icons.entries()) {
        assert.match(icon.text, t.counts[i] ?? /^$/);
        assert.match(icon.mask, /^url\("data:image\/svg\+xml/, `${icon.text} has its icon`);
        assert.notEqual(icon.width, '0px');
      }
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const dark = await background();
      await walkShot(page, 'walkthrough', 'board-dark', width, locale, { fullPage: false });
      await page.getByRole('button', { name: t.dark, exact: true }).click();
      assert.notEqual(await background(), dark, 'the switch leaves the system’s dark');
      await page.reload();
      await rows.first().waitFor();
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'light', 'the choice is kept');
      await walkShot(page, 'walkthrough', 'board-light', width, locale, { fullPage: false });
      assert.ok(onFirstScreen >= (width === 'phone' ? 5 : 6), `${onFirstScreen} posts on the first screen`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    it(`11 and 13. a missing post is titled not found; a free post under /board/qna moves to its board (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      await page.goto(`${stack.url}/board/free/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('heading', { level: 1, name: t.notFound }).waitFor();
      await page.waitForFunction((title) => document.title.startsWith(title), t.notFound);
      await walkShot(page, 'walkthrough', 'not-found', width, locale, { fullPage: false });
      const id = postIds[0] as string;
      await page.goto(`${stack.url}/board/qna/${id}`);
      await page.waitForURL(`${stack.url}/board/free/${id}`);
      await page.getByRole('heading', { level: 1, name: '근무표 이야기 1' }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
