// The walk-through bugs of issue 17 that live in forms and counts, seen in Chromium in both
// languages at a phone's and a laptop's width against the product as `npm start` runs it:
// 3. plurals ("1 like", "1 comment"); 5. an empty review says "1~5 중에서 골라 주세요" once per score;
// 6. a wrong current password is said once; 14. the same password is not reported as a change.
// Screenshots land in test-artifacts/screenshots/forms-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser } from 'playwright-core';
import { callApi, type Member, signUpMember } from './support/api.js';
import { EVERY_WIDTH_AND_LANGUAGE, walkShot, walkTab } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const TEXT = {
  ko: {
    oneLike: '좋아요 1',
    oneComment: '댓글 1',
    publish: '리뷰 올리기',
    rating: '1~5 중에서 골라 주세요.',
    current: '현재 비밀번호',
    next: '새 비밀번호',
    change: '비밀번호 변경',
    wrong: ['현재 비밀번호가 맞지 않아요.'],
    same: '새 비밀번호가 현재 비밀번호와 같아요. 다른 비밀번호를 입력해 주세요.',
  },
  en: {
    oneLike: '1 like',
    oneComment: '1 comment',
    publish: 'Publish review',
    rating: 'Choose from 1 to 5.',
    current: 'Current password',
    next: 'New password',
    change: 'Change password',
    wrong: ['This is not your current password.', 'Your current password is wrong.'],
    same: 'The new password is the same as the current one. Choose another.',
  },
} as const;

const run = Date.now().toString(36).slice(-5);

describe("the walk-through's form and count bugs, in Chromium", { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let insider: Member;
  let hospitalId = '';
  let post: { id: string; title: string };

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    hospitalId = (await callApi(stack, '/api/hospitals?sort=name&limit=1')).items[0].id;
    const who = (name: string) => ({
      email: `forms-${run}-${name}@example.com`,
      password: 'Forms-2026-pass',
      nickname: `양식${run}${name}`,
    });
    insider = await signUpMember(stack, who('i'), { hospitalId, jobCategory: 'nurse' });
    const other = await signUpMember(stack, who('o'));
    post = await callApi(stack, '/api/board/posts', {
      body: { board: 'free', title: `하나씩 달린 글 ${run}`, body: '댓글 하나, 좋아요 하나.' },
      token: insider.token,
    });
    await callApi(stack, `/api/board/posts/${post.id}/comments`, {
      body: { body: '하나뿐인 댓글' },
      token: other.token,
    });
    await callApi(stack, `/api/board/posts/${post.id}/like`, { method: 'PUT', token: other.token });
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  for (const [width, locale] of EVERY_WIDTH_AND_LANGUAGE) {
    it(`3, 5, 6 and 14 (${locale}, ${width})`, async () => {
      const t = TEXT[locale];
      const { context, page, problems } = await walkTab(browser, stack.url, width, locale, insider);

      // 3. One like and one comment are said in the singular.
      await page.goto(`${stack.url}/board/free`);
      // The post is in 주간 베스트 too (it has a like): both rows say the same.
      const row = page
        .locator('.post-list > li')
        .filter({ has: page.getByRole('link', { name: post.title }) })
        .last();
      await row.getByText(t.oneLike, { exact: true }).waitFor();
      assert.equal(await row.locator('.comment-count').getAttribute('title'), t.oneComment);
      if (locale === 'en') assert.equal(await row.getByText(/1 likes|1 comments/).count(), 0);

      // 5. An empty review: the same words once beside each of the six scores.
      await page.goto(`${stack.url}/hospitals/${hospitalId}/review`);
      await page.getByRole('button', { name: t.publish }).click();
      await page.getByText(t.rating).first().waitFor();
      assert.equal(await page.getByText(t.rating).count(), 6);
      assert.equal(await page.getByText('1 이상이어야 해요.').count(), 0);
      await walkShot(page, 'forms', 'empty-review', width, locale);

      // 6. A wrong current password is said once, beside the field.
      await page.goto(`${stack.url}/me`);
      const form = page.locator('form').filter({ has: page.getByLabel(t.current, { exact: true }) });
      await form.getByLabel(t.current, { exact: true }).fill('not-my-password-1');
      await form.getByLabel(t.next, { exact: true }).fill(`Another-${run}-pass`);
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH');
      await form.getByRole('button', { name: t.change }).click();
      assert.equal((await refused).status(), 400);
      await form.locator('input[name="currentPassword"][aria-invalid="true"]').waitFor();
      let said = 0;
      for (const text of t.wrong) said += await page.getByText(text, { exact: true }).count();
      assert.equal(said, 1, 'the wrong password is said once');

      // 14. The same password again is refused beside the field, and nothing is sent.
      let sent = 0;
      page.on('request', (request) => {
        if (request.url().endsWith('/api/auth/me') && request.method() === 'PATCH') sent += 1;
      });
      await form.getByLabel(t.current, { exact: true }).fill(insider.password);
      await form.getByLabel(t.next, { exact: true }).fill(insider.password);
      await form.getByRole('button', { name: t.change }).click();
      await page.getByText(t.same).waitFor();
      assert.equal(sent, 0, 'no request for an unchanged password');
      await walkShot(page, 'forms', 'same-password', width, locale);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
