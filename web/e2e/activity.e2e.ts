// 내 활동 in Chromium against the product as `npm start` runs it, in both languages at a phone's
// and a laptop's width: a member likes a comment and bookmarks a post (both optimistic, both kept
// after a reload), then finds their posts, comments, review and bookmarks on their own page.
// Screenshots land in test-artifacts/screenshots/activity-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { callApi, type Member, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    comments: '댓글',
    like: (n: number) => `좋아요 ${n}`,
    bookmark: '스크랩',
    tabs: { posts: '내 글', comments: '내 댓글', reviews: '내 리뷰', bookmarks: '스크랩' },
    title: '내 활동',
    onPost: (title: string) => `‘${title}’에 단 댓글`,
  },
  en: {
    comments: 'Comments',
    like: (n: number) => `Like ${n}`,
    bookmark: 'Bookmark',
    tabs: { posts: 'Posts', comments: 'Comments', reviews: 'Reviews', bookmarks: 'Bookmarks' },
    title: 'My activity',
    onPost: (title: string) => `On “${title}”`,
  },
} as const;

const run = Date.now().toString(36).slice(-5);

describe('내 활동, comment likes and bookmarks, in Chromium', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let me: Member;
  let other: Member;
  let mine: { id: string; title: string };
  let theirs: { id: string; title: string };
  let myComment: { id: string; body: string };
  let review: { title: string };
  let hospitalName = '';

  const api = (path: string, body?: unknown, token?: string) => callApi(stack, path, { body, token });

  const member = (name: string, extra: Record<string, unknown> = {}) =>
    signUpMember(
      stack,
      { email: `act-${run}-${name}@example.com`, password: 'Activity-2026-pass', nickname: `활동${run}${name}` },
      extra,
    );

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    const hospital = (await api('/api/hospitals?sort=name&limit=1')).items[0];
    hospitalName = hospital.name;
    me = await member('a', { hospitalId: hospital.id, jobCategory: 'nurse' });
    other = await member('b');
    mine = await api(
      '/api/board/posts',
      { board: 'free', title: `내가 쓴 글 ${run}`, body: '야간 근무 후기' },
      me.token,
    );
    theirs = await api(
      '/api/board/posts',
      { board: 'free', title: `스크랩할 글 ${run}`, body: '신규 간호사 교육 기간이 궁금해요.' },
      other.token,
    );
    await api(`/api/board/posts/${theirs.id}/comments`, { body: '저희 병원은 8주였어요.' }, other.token);
    myComment = await api(`/api/board/posts/${theirs.id}/comments`, { body: `제 경우는 6주 ${run}` }, me.token);
    review = await api(
      `/api/hospitals/${hospital.id}/reviews`,
      {
        ratings: { overall: 4, care: 4, honesty: 4, staff: 3, facilities: 4, waiting: 3 },
        recommend: true,
        title: `교육이 체계적인 병원 ${run}`,
        body: '신규 교육이 체계적이고 선배들이 잘 알려 줘요. 야간 인력은 조금 부족해요.',
      },
      me.token,
    );
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The member's own page, then one tab of it by its link (as a member would). */
  async function openTab(page: Page, locale: 'ko' | 'en', tab: keyof (typeof TEXT)['ko']['tabs']) {
    const t = TEXT[locale];
    await page.getByRole('link', { name: t.tabs[tab], exact: true }).click();
    await page.waitForURL(new RegExp(`tab=${tab}`));
    await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
  }

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    it(`likes a comment and bookmarks a post, then finds it all on 내 활동 (${locale}, ${width})`, async () => {
      const t = TEXT[locale];
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale, me);
      await page.goto(`${stack.url}/board/free/${theirs.id}`);
      const comments = page.getByRole('region', { name: t.comments, exact: true });
      // The helper's comment: liking it moves its count at once; the like is kept after a reload.
      const like = comments.getByRole('button', { name: t.like(0) });
      await like.waitFor();
      const liked = page.waitForResponse((r) => r.url().includes('/like') && r.request().method() === 'PUT');
      await like.click();
      await comments.getByRole('button', { name: t.like(1), pressed: true }).waitFor();
      assert.equal((await liked).status(), 200);

      const bookmark = page.getByRole('button', { name: t.bookmark, exact: true });
      assert.equal(await bookmark.getAttribute('aria-pressed'), 'false');
      const kept = page.waitForResponse((r) => r.url().endsWith('/bookmark') && r.request().method() === 'PUT');
      await bookmark.click();
      assert.equal((await kept).status(), 200);
      await page.reload();
      await comments.getByRole('button', { name: t.like(1), pressed: true }).waitFor();
      await page.getByRole('button', { name: t.bookmark, exact: true, pressed: true }).waitFor();
      await walkShot(page, 'activity', 'post', width, locale);

      // The header's account link leads to the member's own page and its activity tabs.
      await page.getByRole('link', { name: new RegExp(me.nickname) }).click();
      await openTab(page, locale, 'posts');
      await page.getByRole('link', { name: mine.title }).waitFor();
      await walkShot(page, 'activity', 'posts', width, locale);
      await openTab(page, locale, 'comments');
      await page.getByRole('link', { name: myComment.body }).waitFor();
      await page.getByText(t.onPost(theirs.title)).waitFor();
      await walkShot(page, 'activity', 'comments', width, locale);
      await openTab(page, locale, 'reviews');
      await page.getByRole('link', { name: review.title }).waitFor();
      await page.getByText(hospitalName, { exact: true }).waitFor();
      await walkShot(page, 'activity', 'reviews', width, locale);
      await openTab(page, locale, 'bookmarks');
      await page.getByRole('link', { name: theirs.title }).click();
      await page.waitForURL(new RegExp(`/board/free/${theirs.id}$`));

      // Take both back, so the next case starts from the same state.
      const unliked = page.waitForResponse((r) => r.url().includes('/like') && r.request().method() === 'DELETE');
      await comments.getByRole('button', { name: t.like(1), pressed: true }).click();
      await comments.getByRole('button', { name: t.like(0), pressed: false }).waitFor();
      assert.equal((await unliked).status(), 200);
      const removed = page.waitForResponse((r) => r.url().endsWith('/bookmark') && r.request().method() === 'DELETE');
      await page.getByRole('button', { name: t.bookmark, exact: true, pressed: true }).click();
      assert.equal((await removed).status(), 200);
      await page.goto(`${stack.url}/me?tab=bookmarks`);
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      assert.equal(await page.getByRole('link', { name: theirs.title }).count(), 0, 'out of the bookmarks');
      await walkShot(page, 'activity', 'bookmarks-empty', width, locale);

      // The lists are the caller's own: another member's token shows none of these.
      const theirsOnly = await api('/api/board/me/comments', undefined, other.token);
      assert.ok(!theirsOnly.items.some((c: { id: string }) => c.id === myComment.id));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
