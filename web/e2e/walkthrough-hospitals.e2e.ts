// Issue 17's hospital items in Chromium against the product as `npm start` runs it, in both
// languages at a phone's and a laptop's width: bug 7 (a 0 % recommendation is shown as poor, not
// in green), the rating sort's Bayesian average (one 5-star review does not outrank a steady record)
// with each hospital's review count in sight, the search box on every page finding hospitals by what
// people call them (서울대병원 → 서울대학교병원, beside the posts that name it) and by district
// (강남구), and the review form's scales saying what 1 and 5 mean. Screenshots land in
// test-artifacts/screenshots/hospitals-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { callApi, type Member, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, type Width, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    hospitals: '병원 찾기',
    sort: '정렬',
    search: '검색',
    siteSearch: '전체 검색하기',
    found: '병원',
    posts: '게시글',
    reviews: (n: number) => `리뷰 ${n}개`,
    recommend: /^리뷰어의 0%\(/,
    recommendAll: /^리뷰어의 100%\(/,
    scaleEnds: ['1 매우 나쁨', '5 매우 좋음'],
    lowest: '1 매우 나쁨',
  },
  en: {
    hospitals: 'Hospitals',
    sort: 'Sort',
    search: 'Search',
    siteSearch: 'Search the site',
    found: 'Hospitals',
    posts: 'Posts',
    reviews: (n: number) => `${n} ${n === 1 ? 'review' : 'reviews'}`,
    recommend: /^0% of reviewers/,
    recommendAll: /^100% of reviewers/,
    scaleEnds: ['1 very poor', '5 excellent'],
    lowest: '1 very poor',
  },
} as const;

const run = Date.now().toString(36).slice(-5);
/** The two reviewed hospitals: one 5-star review nobody recommends, and a record of 4, 4 and 5. */
const LONE = { domain: `lone-${run}.example`, scores: [5], recommend: false };
const STEADY = { domain: `steady-${run}.example`, scores: [4, 4, 5], recommend: true };

describe("issue 17's hospital pages and search, in Chromium", { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let lone = { id: '', name: '' };
  let steady = { id: '', name: '' };
  /** A verified insider of the lone hospital who has not reviewed it yet. */
  let newcomer: Member;
  /** A free-board post that names 서울대병원, for the search that finds posts and hospitals together. */
  const postTitle = `서울대병원 야간 외래 다녀온 이야기 ${run}`;

  before(async () => {
    // Five insiders sign up from this one address, beside the other journeys' members.
    stack = await startStack(120_000, { SIGNUP_MAX_PER_ADDRESS: '50' });
    browser = await launchChromium();
    const listed = (await callApi(stack, '/api/hospitals?sort=name&limit=2')).items;
    lone = listed[0];
    steady = listed[1];
    const admin = { email: `admin-${run}@example.com`, nickname: `병원관리${run}`, password: 'Hospitals-admin-2026' };
    await stack.createAdmin(admin.email, admin.nickname, admin.password);
    const session = await callApi(stack, '/api/auth/login', { body: { email: admin.email, password: admin.password } });
    let n = 0;
    for (const [hospital, record] of [
      [lone, LONE],
      [steady, STEADY],
    ] as const) {
      await callApi(stack, `/api/hospitals/admin/hospitals/${hospital.id}/email-domains`, {
        method: 'PUT',
        body: { domains: [record.domain] },
        token: session.accessToken,
      });
      for (const overall of record.scores) {
        n += 1;
        const insider = await signUpMember(
          stack,
          {
            email: `insider-${run}-${n}@${record.domain}`,
            password: 'Hospitals-review-2026',
            nickname: `병원${run}${n}`,
          },
          { hospitalId: hospital.id, jobCategory: 'nurse' },
        );
        const review = await callApi(stack, `/api/hospitals/${hospital.id}/reviews`, {
          token: insider.token,
          body: {
            ratings: { overall, care: 3, honesty: 3, staff: 3, facilities: 3, waiting: 3 },
            recommend: record.recommend,
            title: `평점 확인용 리뷰 ${run} ${n}`,
            body: '정렬과 추천 비율을 확인하려고 남긴 리뷰입니다. 내용은 중요하지 않아요.',
            showJobCategory: true,
          },
        });
        assert.equal(review.tier, 'verified');
      }
    }
    newcomer = await signUpMember(
      stack,
      { email: `newcomer-${run}@${LONE.domain}`, password: 'Hospitals-review-2026', nickname: `새내기${run}` },
      { hospitalId: lone.id, jobCategory: 'nurse' },
    );
    await callApi(stack, '/api/board/posts', {
      body: { board: 'free', title: postTitle, body: '새벽 외래 대기 시간이 길었어요.' },
      token: newcomer.token,
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Searches from the header of the page the tab is on; a phone's header opens the search page first. */
  async function searchSite(page: Page, width: Width, t: (typeof TEXT)['ko' | 'en'], q: string) {
    if (width === 'phone') {
      await page.getByRole('button', { name: t.siteSearch }).click();
      // The button submits the header's empty field: wait for that page, not the /search already shown
      // by an earlier search, or the new page would clear what is typed next.
      await page.waitForURL((url) => url.pathname === '/search' && !url.searchParams.get('q'));
      await page.locator('#search-q').fill(q);
      await page.locator('#search-q').press('Enter');
    } else {
      await page.locator('#header-q').fill(q);
      await page.locator('#header-q').press('Enter');
    }
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === q);
    return page.getByRole('region', { name: t.found, exact: true });
  }

  /** The colour a custom property of the stylesheet resolves to in this tab (light or dark). */
  const colourOf = (page: Page, property: string) =>
    page.evaluate((name) => {
      const probe = document.createElement('span');
      probe.style.color = `var(${name})`;
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    }, property);

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    it(`the rating sort, a 0 % recommendation, search by alias and district, labelled scales (${locale}, ${width})`, async () => {
      const t = TEXT[locale];
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale, newcomer);

      // The rating sort: three reviews of 4.3 rank above one of 5.0, and both counts are shown.
      await page.goto(`${stack.url}/hospitals`);
      await page.getByLabel(t.sort, { exact: true }).selectOption('rating');
      await page.getByRole('button', { name: t.search, exact: true }).click();
      await page.waitForURL(/sort=rating/);
      const rows = page.locator('.hospital-list > li');
      await rows.nth(1).getByRole('link', { name: lone.name }).waitFor();
      assert.deepEqual(
        await rows.locator('.hospital-name').evaluateAll((names) => names.slice(0, 2).map((n) => n.textContent)),
        [steady.name, lone.name],
      );
      await rows.nth(0).getByText(t.reviews(3), { exact: true }).waitFor();
      await rows.nth(1).getByText(t.reviews(1), { exact: true }).waitFor();
      await walkShot(page, 'hospitals', 'rating-sort', width, locale);

      // 7. Nobody recommends the lone hospital: its 0 % is in the poor colour, never the good one.
      await rows.nth(1).getByRole('link', { name: lone.name }).click();
      const share = page.getByTestId('recommend-share');
      await share.waitFor();
      assert.match((await share.textContent()) ?? '', t.recommend);
      const [red, green] = [await colourOf(page, '--red'), await colourOf(page, '--green')];
      assert.notEqual(red, green);
      assert.equal(await share.evaluate((node) => getComputedStyle(node).color), red);
      await page.locator('fieldset.review-filters').waitFor();
      await walkShot(page, 'hospitals', 'no-recommendation', width, locale);

      // The review form's scales say what their ends mean, on screen and to screen readers.
      await page.goto(`${stack.url}/hospitals/${lone.id}/review`);
      const scales = page.locator('fieldset.rating-input');
      await scales.first().waitFor();
      assert.equal(await scales.count(), 6);
      const ends = await page
        .locator('.scale-ends')
        .evaluateAll((all) => all.map((p) => [...p.children].map((end) => end.textContent?.trim())));
      assert.deepEqual(ends, Array(6).fill(t.scaleEnds));
      assert.ok(await page.locator('.scale-ends').first().isVisible());
      assert.equal(await page.getByRole('radio', { name: t.lowest }).count(), 6);
      await walkShot(page, 'hospitals', 'review-scales', width, locale);

      // The steady hospital, everyone recommending it, is in the good colour.
      await page.goto(`${stack.url}/hospitals/${steady.id}`);
      await share.waitFor();
      assert.match((await share.textContent()) ?? '', t.recommendAll);
      assert.equal(await share.evaluate((node) => getComputedStyle(node).color), green);

      // Search from the header of a hospital page, as people call hospitals and by district.
      const byAlias = await searchSite(page, width, t, '서울대병원');
      await byAlias.locator('.hospital-name').first().waitFor();
      assert.equal(await byAlias.locator('.hospital-name').first().textContent(), '서울대학교병원');
      // Posts are found on the same page, beside the hospitals.
      await page
        .getByRole('region', { name: t.posts, exact: true })
        .getByRole('link', { name: new RegExp(postTitle) })
        .waitFor();
      await walkShot(page, 'hospitals', 'search-together', width, locale);
      const byDistrict = await searchSite(page, width, t, '강남구');
      await byDistrict.locator('.hospital-name').first().waitFor();
      const places = await byDistrict.locator('.hospital-item .meta:not(.rating-line)').allTextContents();
      assert.ok(places.length > 0);
      for (const place of places) assert.match(place, /강남구/);
      await walkShot(page, 'hospitals', 'search-district', width, locale);

      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
