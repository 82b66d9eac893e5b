// Notifications in Chromium against the product as `npm start` runs it, in both languages at a
// phone's and a laptop's width: another member comments on a member's post and answers their
// question; the member's bell counts both, the list shows what happened without naming who, opening
// one marks it read and "mark all read" clears the bell. The post it leads to shows its address as a
// link and its **bold** words in bold.
// Screenshots land in test-artifacts/screenshots/notifications-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { callApi, type Member, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, type Locale, WIDTHS, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    bell: '알림',
    bellUnread: (n: number) => `알림, 읽지 않은 알림 ${n}개`,
    title: '알림',
    comment: '내 글에 새 댓글이 달렸어요',
    answer: '내 질문에 새 답변이 달렸어요',
    unread: '읽지 않음',
    readAll: '모두 읽음',
  },
  en: {
    bell: 'Notifications',
    bellUnread: (n: number) => `Notifications, ${n} unread`,
    title: 'Notifications',
    comment: 'New comment on your post',
    answer: 'New answer to your question',
    unread: 'Unread',
    readAll: 'Mark all read',
  },
} as const;

const run = Date.now().toString(36).slice(-5);
/** With an address and bold words: the post the notification leads to shows them as a link and in bold. */
const POST_BODY = '경험 나눠 주세요.\n**야간** 근무 팁은 https://example.com/night-shift 참고했어요.';

describe('notifications: the bell, the list and marking read, in Chromium', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let writer: Member;
  let replier: Member;
  let post: { id: string; title: string };
  let question: { id: string; title: string };

  const member = (name: string) =>
    signUpMember(stack, {
      email: `noti-${run}-${name}@example.com`,
      password: 'Notify-2026-pass',
      nickname: `알림${run}${name}`,
    });

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    writer = await member('w');
    replier = await member('r');
    const write = (board: string, title: string) =>
      callApi(stack, '/api/board/posts', { body: { board, title, body: POST_BODY }, token: writer.token });
    post = await write('free', `야간 근무 후 수면 ${run}`);
    question = await write('qna', `신규 교육 기간 질문 ${run}`);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const bell = (page: Page, locale: Locale, name: string = TEXT[locale].bell) =>
    page.getByRole('banner').getByRole('link', { name, exact: true });

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    it(`counts, lists and marks read what others wrote on the member's items (${locale}, ${width})`, async () => {
      const t = TEXT[locale];
      const reply = (id: string, body: string) =>
        callApi(stack, `/api/board/posts/${id}/comments`, { body: { body }, token: replier.token });
      await reply(post.id, `저는 암막 커튼이 효과 있었어요 ${width} ${locale}`);
      await reply(question.id, `저희 병원은 8주였어요 ${width} ${locale}`);

      const { context, page, problems } = await walkTab(browser, stack.url, width, locale, writer);
      await page.goto(`${stack.url}/board/free`);
      const counted = bell(page, locale, t.bellUnread(2));
      await counted.waitFor();
      await page.getByRole('link', { name: post.title }).waitFor();
      assert.equal((await counted.textContent())?.trim(), '2', 'the badge shows the count');
      const box = await counted.boundingBox();
      assert.ok(box && box.x + box.width <= WIDTHS[width].width, `the bell is on the screen (${box?.x} px)`);
      // Beside it, every link of the navigation stays in sight ("Hospitals" in English too).
      const hidden = await page.locator('.site-nav ul').evaluate((ul) => ul.scrollWidth - ul.clientWidth);
      assert.ok(hidden <= 0, `the navigation's links are all on screen (${hidden} px scrolled out)`);
      await walkShot(page, 'notifications', 'bell', width, locale);

      await counted.click();
      await page.waitForURL(/\/me\?tab=notifications$/);
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      const rows = page.locator('.notification-list > li');
      const commentRow = rows.filter({ has: page.getByRole('link', { name: t.comment }) }).first();
      const answerRow = rows.filter({ has: page.getByRole('link', { name: t.answer }) }).first();
      await commentRow.getByText(t.unread).waitFor();
      await answerRow.getByText(t.unread).waitFor();
      await commentRow.getByText(`‘${post.title}’`).waitFor();
      // Who replied is not in the notification: the nickname is only on the post, as for everyone.
      assert.equal(await page.locator('.notification-list').getByText(replier.nickname).count(), 0);
      await walkShot(page, 'notifications', 'list', width, locale);

      // Opening one takes the member to the post and marks that one read.
      const marked = page.waitForResponse((r) => r.url().endsWith('/notifications/read'));
      await commentRow.getByRole('link', { name: t.comment }).click();
      assert.equal((await marked).status(), 204);
      await page.waitForURL(new RegExp(`/board/free/${post.id}$`));
      const body = page.locator('.post-body');
      const link = body.getByRole('link', { name: 'https://example.com/night-shift' });
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow ugc');
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.equal(await body.locator('strong').innerText(), '야간');
      assert.equal(await body.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap', 'line breaks kept');
      await walkShot(page, 'notifications', 'post', width, locale);
      await page
        .getByRole('banner')
        .getByRole('link', { name: t.bellUnread(1), exact: true })
        .waitFor();

      await page.goBack();
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      assert.equal(await commentRow.getByText(t.unread).count(), 0, 'the opened one is read');
      await answerRow.getByText(t.unread).waitFor();
      const allRead = page.waitForResponse((r) => r.url().endsWith('/notifications/read'));
      await page.getByRole('button', { name: t.readAll }).click();
      assert.equal((await allRead).status(), 204);
      await bell(page, locale).waitFor();
      assert.equal(await page.locator('.notification-list').getByText(t.unread).count(), 0);
      assert.equal(await page.getByRole('button', { name: t.readAll }).isDisabled(), true);

      // After a reload the server says the same: nothing unread.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      await bell(page, locale).waitFor();
      assert.equal(await page.locator('.notification-list').getByText(t.unread).count(), 0);
      assert.equal(
        (await callApi(stack, '/api/board/me/notifications/unread-count', { token: writer.token })).count,
        0,
      );
      await walkShot(page, 'notifications', 'read', width, locale);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
