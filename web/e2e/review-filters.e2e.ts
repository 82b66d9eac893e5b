// Issue 17's review filters in Chromium against the product as `npm start` runs it, in both
// languages, at a phone's and a laptop's width: job category, verified only, score and the four
// sorts of a hospital's reviews, kept in the URL (Back, shared links), with the labels on one line
// and nothing wider than a phone. Screenshots land in test-artifacts/screenshots/filters-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { callApi, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    bar: '리뷰 필터',
    job: '직군',
    nurse: '간호사',
    score: '평점',
    sort: '리뷰 정렬',
    verified: '인증된 리뷰만',
    sorts: ['최신순', '도움순', '높은 평점순', '낮은 평점순'],
  },
  en: {
    bar: 'Review filters',
    job: 'Job',
    nurse: 'Nurse',
    score: 'Score',
    sort: 'Sort reviews',
    verified: 'Verified only',
    sorts: ['Newest', 'Most helpful', 'Highest rated', 'Lowest rated'],
  },
} as const;

const run = Date.now().toString(36).slice(-5);
const DOMAIN = `filters-${run}.example`;
/** The reviews written, oldest first: who, their tier, job and overall score. */
const REVIEWS = [
  { key: 'A', verified: true, job: 'nurse', overall: 5 },
  { key: 'B', verified: true, job: 'doctor', overall: 2 },
  { key: 'C', verified: false, job: 'nurse', overall: 4 },
  { key: 'D', verified: true, job: 'pharmacist', overall: 4 },
] as const;
const title = (key: string) => `필터 확인용 리뷰 ${key} ${run}`;

describe("issue 17's review filters, in Chromium", { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let hospitalId = '';

  before(async () => {
    // Four reviewers sign up from this one address, beside the other journeys' members.
    stack = await startStack(120_000, { SIGNUP_MAX_PER_ADDRESS: '50' });
    browser = await launchChromium();
    const hospitals = await callApi(stack, '/api/hospitals?sort=name&limit=20');
    hospitalId = hospitals.items[0].id;
    const admin = { email: `admin-${run}@example.com`, nickname: `관리${run}`, password: 'Filters-admin-2026' };
    await stack.createAdmin(admin.email, admin.nickname, admin.password);
    const session = await callApi(stack, '/api/auth/login', { body: { email: admin.email, password: admin.password } });
    await callApi(stack, `/api/hospitals/admin/hospitals/${hospitalId}/email-domains`, {
      method: 'PUT',
      body: { domains: [DOMAIN] },
      token: session.accessToken,
    });
    for (const [n, review] of REVIEWS.entries()) {
      const who = await signUpMember(
        stack,
        {
          email: `reviewer-${run}-${n}@${review.verified ? DOMAIN : 'example.com'}`,
          password: 'Filters-review-2026',
          nickname: `필터${run}${n}`,
        },
        { hospitalId, jobCategory: review.job },
      );
      const written = await callApi(stack, `/api/hospitals/${hospitalId}/reviews`, {
        token: who.token,
        body: {
          ratings: { overall: review.overall, care: 3, honesty: 3, staff: 3, facilities: 3, waiting: 3 },
          recommend: true,
          title: title(review.key),
          body: '필터와 정렬을 확인하려고 남긴 리뷰입니다. 내용은 중요하지 않아요.',
          showJobCategory: true,
        },
      });
      assert.equal(written.tier, review.verified ? 'verified' : 'unverified');
    }
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The titles of the listed reviews, in order, once the list shows exactly `expected`. */
  async function listed(page: Page, expected: string[]): Promise<void> {
    const titles = expected.map(title);
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('.review-list h3')].map((h) => h.textContent)) === want,
      JSON.stringify(titles),
    );
  }

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    it(`filters and sorts a hospital's reviews, kept in the URL (${locale}, ${width})`, async () => {
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale);
      const t = TEXT[locale];
      await page.goto(`${stack.url}/hospitals/${hospitalId}`);
      const bar = page.getByRole('group', { name: t.bar });
      const sort = bar.getByLabel(t.sort, { exact: true });
      await sort.waitFor();
      await listed(page, ['D', 'B', 'A', 'C']);
      assert.deepEqual(await sort.locator('option').allTextContents(), t.sorts);

      // Labels sit on one line with their controls, and nothing is wider than the screen.
      const boxes = await Promise.all(
        [t.job, t.score, t.sort].map(async (label) => bar.getByText(label, { exact: true }).boundingBox()),
      );
      const tops = boxes.map((b) => Math.round(b?.y ?? -1));
      if (width === 'desktop') assert.equal(new Set(tops).size, 1, `labels at ${tops}`);
      else assert.equal(tops[0], tops[1], `the first row's labels at ${tops}`);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'no sideways scrolling',
      );

      await bar.getByLabel(t.job, { exact: true }).selectOption('nurse');
      await page.waitForURL(/jobCategory=nurse/);
      await listed(page, ['A', 'C']);
      await bar.getByLabel(t.verified, { exact: true }).check();
      await page.waitForURL(/tier=verified/);
      await listed(page, ['A']);
      await walkShot(page, 'filters', 'nurse-verified', width, locale);

      // Back undoes one change at a time.
      await page.goBack();
      await listed(page, ['A', 'C']);
      assert.equal(await bar.getByLabel(t.verified, { exact: true }).isChecked(), false);
      await page.goBack();
      await listed(page, ['D', 'B', 'A', 'C']);

      await sort.selectOption('highest');
      await page.waitForURL(/sort=highest/);
      await listed(page, ['A', 'D', 'B', 'C']);
      await sort.selectOption('lowest');
      await listed(page, ['B', 'D', 'A', 'C']);
      await bar.getByLabel(t.score, { exact: true }).selectOption('4');
      await page.waitForURL(/overall=4/);
      await listed(page, ['D', 'C']);

      // A shared link opens the same list.
      const shared = page.url();
      assert.match(shared, /\?sort=lowest&overall=4$/);
      const other = await context.newPage();
      await other.goto(shared);
      const otherBar = other.getByRole('group', { name: t.bar });
      await listed(other, ['D', 'C']);
      assert.equal(await otherBar.getByLabel(t.sort, { exact: true }).inputValue(), 'lowest');
      assert.equal(await otherBar.getByLabel(t.score, { exact: true }).inputValue(), '4');
      await walkShot(other, 'filters', 'lowest-4', width, locale);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
