// The web app in a real browser (Debian's Chromium) against the product as `npm start` runs it:
// real services, real databases. Walks the journeys of a visitor, an insider and an admin, and
// saves screenshots of every main page at phone and desktop width under test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Locator, Page } from 'playwright-core';
import { openTab, screenshot, submitLogIn, VIEWPORTS } from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

/** The part of the hospital API's list items these journeys use. */
interface HospitalSummary {
  id: string;
  name: string;
  region: string;
}

const run = Date.now().toString(36);
const insider = {
  email: `nurse-${run}@hanbit.example`,
  password: 'Night-Shift-2026!',
  nickname: `새벽근무${run.slice(-4)}`,
};
const reporter = {
  email: `reader-${run}@example.com`,
  password: 'Reader-Password-26',
  nickname: `읽는사람${run.slice(-4)}`,
};
const admin = {
  email: `admin-${run}@carebridge.test`,
  password: 'Admin-Password-2026',
  nickname: `운영팀${run.slice(-4)}`,
};
const post = {
  title: '야간 근무 후 수면 관리 어떻게 하세요?',
  body: '3교대 근무 중인데 야간 근무가 끝나면 잠을 잘 못 자요.\n다들 어떻게 관리하시나요?',
};

async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

async function gone(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'detached', timeout });
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name, exact: true });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the web app in Chromium, against the product as npm start runs it', { timeout: 600_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let workplace: HospitalSummary;
  let otherHospital: HospitalSummary;
  let postUrl = '';
  let insiderId = '';

  async function login(page: Page, who: { email: string; password: string; nickname: string }) {
    await page.goto(`${stack.url}/login`);
    await submitLogIn(page, who);
    await visible(page.getByRole('link', { name: `${who.nickname} 님` }));
  }

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    const hospitals = (await (await fetch(`${stack.url}/api/hospitals?sort=name&limit=30`)).json()) as {
      items: HospitalSummary[];
    };
    // Two distinct, searchable names: the insider's workplace and some other hospital.
    const named = hospitals.items.filter((h) => h.name.length >= 4);
    workplace = named[0] as HospitalSummary;
    otherHospital = named.find((h) => h.name !== workplace.name) as HospitalSummary;
    assert.ok(workplace && otherHospital, 'the sample hospital list has hospitals');
    await stack.createAdmin(admin.email, admin.nickname, admin.password);
    // The workplace registers its staff domain, so the insider's verified email makes them a verified
    // insider: only their reviews count in the hospital's summary.
    const adminSession = (await (
      await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      })
    ).json()) as { accessToken: string };
    const domains = await fetch(`${stack.url}/api/hospitals/admin/hospitals/${workplace.id}/email-domains`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminSession.accessToken}` },
      body: JSON.stringify({ domains: ['hanbit.example'] }),
    });
    assert.equal(domains.status, 200);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('an insider signs up with a workplace, verifies the email code, posts, comments, likes, reviews their hospital and sees the summary change, and cannot review another', async () => {
    const { page, context, problems } = await openTab(browser);

    // Sign up, choosing the workplace by searching hospitals.
    await page.goto(`${stack.url}/signup`);
    await (await visible(page.getByLabel('이메일'))).fill(insider.email);
    await page.getByLabel('비밀번호').fill(insider.password);
    await visible(page.getByText('강함'));
    await page.getByLabel('닉네임').fill(insider.nickname);
    await page.getByLabel('병원 이름으로 검색').fill(workplace.name);
    await page.getByRole('button', { name: '찾기' }).click();
    await (await visible(page.getByRole('button', { name: new RegExp(`^${escapeRegExp(workplace.name)}`) }))).click();
    await visible(page.getByRole('button', { name: '다른 병원 선택' }));
    await page.getByLabel('직군').selectOption('nurse');
    await page.getByRole('button', { name: '가입하기' }).click();

    // Verify the email with the code the auth service sent at sign-up.
    await visible(page.getByRole('heading', { level: 1, name: '이메일 인증' }));
    await page.getByLabel('인증 코드').fill(await stack.emailCode(insider.email));
    await page.getByRole('button', { name: '인증하기' }).click();
    await visible(page.getByText(/이메일이 인증됐어요/));

    // My page shows the workplace and the verification state; keep the account number for the admin.
    await page.getByRole('link', { name: `${insider.nickname} 님` }).click();
    await visible(page.getByRole('heading', { level: 1, name: '내 정보' }));
    await visible(page.getByRole('link', { name: workplace.name }));
    await visible(page.getByText('인증됨', { exact: true }));
    insiderId = ((await page.locator('code').first().textContent()) ?? '').trim();
    assert.match(insiderId, /^[0-9a-f-]{36}$/);

    // Write a post; the API's validation shows beside the field first.
    await nav(page, '자유게시판').click();
    await (await visible(page.getByRole('link', { name: '글쓰기' }))).click();
    await (await visible(page.getByLabel('내용'))).fill(post.body);
    await page.getByRole('button', { name: '올리기' }).click();
    const title = page.getByLabel('제목');
    await visible(page.locator('input[name="title"][aria-invalid="true"]'));
    const described = (await title.getAttribute('aria-describedby')) ?? '';
    assert.match((await page.locator(`[id="${described.split(' ').pop()}"]`).textContent()) ?? '', /\S/);
    await visible(page.getByRole('alert').getByText('입력한 내용을 확인해 주세요.'));
    await title.fill(post.title);
    await page.getByRole('button', { name: '올리기' }).click();
    await visible(page.getByRole('heading', { level: 1, name: post.title }));
    postUrl = page.url();

    // Like it, comment on it, reply to the comment.
    await (await visible(page.getByRole('button', { name: '좋아요 0' }))).click();
    await visible(page.getByRole('button', { name: '좋아요 1', pressed: true }));
    await page.getByLabel('댓글 쓰기').fill('저는 암막 커튼이 제일 도움이 됐어요.');
    await page.getByRole('button', { name: '댓글 등록' }).click();
    await visible(page.getByText('저는 암막 커튼이 제일 도움이 됐어요.'));
    await page.getByRole('button', { name: '답글', exact: true }).first().click();
    await page.getByLabel(`${insider.nickname} 님에게 답글`).fill('귀마개도 같이 써 보세요.');
    await page.getByRole('button', { name: '답글', exact: true }).first().click();
    await visible(page.getByRole('list', { name: '답글' }).getByText('귀마개도 같이 써 보세요.'));

    // A reload keeps the member signed in (the refresh cookie renews the in-memory token).
    await page.reload();
    await visible(page.getByRole('button', { name: '좋아요 1', pressed: true }));
    await visible(page.getByRole('link', { name: `${insider.nickname} 님` }));

    // Review the workplace: the summary changes from "no reviews" to the new ratings.
    await page.goto(`${stack.url}/hospitals/${workplace.id}`);
    await visible(page.getByText('아직 리뷰가 없어요. 이 병원의 인사이더라면'));
    await page.getByRole('link', { name: '이 병원 리뷰 쓰기' }).click();
    await visible(page.getByRole('heading', { level: 1, name: `${workplace.name} 리뷰 쓰기` }));
    const ratings: Record<string, string> = {
      종합: '4',
      '진료 수준': '5',
      정직성: '5',
      '직원 친절': '4',
      시설: '3',
      '대기 시간': '2',
    };
    for (const [legend, value] of Object.entries(ratings)) {
      await page
        .getByRole('group', { name: new RegExp(`^${legend}`) })
        // 1 and 5 also say what they mean ("5 매우 좋음").
        .getByRole('radio', { name: new RegExp(`^${value}( |$)`) })
        .check();
    }
    await page.getByLabel('한 줄 요약').fill('인수인계가 체계적인 병원');
    await page
      .getByLabel('리뷰 내용')
      .fill('야간에도 당직 인력이 충분하고 인수인계가 체계적이라 환자 안전에 신경을 많이 씁니다.');
    await page.getByLabel('리뷰에 내 직군 표시하기').check();
    await page.getByRole('button', { name: '리뷰 올리기' }).click();
    await visible(page.getByRole('heading', { level: 1, name: workplace.name }));
    await visible(page.getByText('리뷰 1개').first());
    assert.equal((await page.locator('.big-number').textContent())?.trim(), '4.0');
    assert.match((await page.getByTestId('recommend-share').textContent()) ?? '', /100%/);
    assert.equal(await page.getByRole('meter', { name: '대기 시간' }).getAttribute('value'), '2');
    await visible(page.getByText('인수인계가 체계적인 병원'));
    await visible(page.getByRole('link', { name: '내 리뷰 수정' }));

    // Another hospital: the insider is told why they cannot review it.
    await page.goto(`${stack.url}/hospitals/${otherHospital.id}`);
    await visible(page.getByTestId('review-refusal'));
    assert.equal(await page.getByRole('link', { name: '이 병원 리뷰 쓰기' }).count(), 0);
    await page.goto(`${stack.url}/hospitals/${otherHospital.id}/review`);
    await visible(page.getByTestId('review-refusal'));
    assert.equal(await page.getByRole('button', { name: '리뷰 올리기' }).count(), 0);

    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a visitor browses boards and hospitals, searches in Korean and is refused writing', async () => {
    const { page, context, problems } = await openTab(browser, 'phone');
    await page.goto(stack.url);
    await visible(page.getByRole('heading', { level: 1, name: '병원 안의 이야기를 병원 밖으로' }));
    await visible(page.getByRole('link', { name: post.title }));
    await visible(page.getByRole('region', { name: '평점 높은 병원' }).getByRole('link', { name: workplace.name }));

    // Search posts and hospitals together, in Korean.
    await page.getByLabel('병원과 글 검색').fill('수면 관리');
    await page.getByLabel('병원과 글 검색').press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: '“수면 관리” 검색 결과' }));
    await visible(
      page.getByRole('region', { name: '게시글' }).getByRole('link', { name: new RegExp(escapeRegExp(post.title)) }),
    );
    await page.goto(`${stack.url}/search?q=${encodeURIComponent(workplace.name)}`);
    await visible(page.getByRole('region', { name: '병원' }).getByRole('link', { name: workplace.name }));

    // Boards: list, search, sort; the post reads without an account, but no writing.
    await nav(page, '자유게시판').click();
    await visible(page.getByRole('heading', { level: 1, name: '자유게시판' }));
    assert.equal(await page.getByRole('link', { name: '글쓰기' }).count(), 0);
    await visible(page.getByRole('link', { name: '인사이더로 가입하기' }));
    await page.getByLabel('게시판 검색').fill('야간');
    await page.getByLabel('게시판 검색').press('Enter');
    await visible(page.getByText('“야간” 검색 결과'));
    await page.getByLabel('정렬').selectOption('popular');
    await page.waitForURL(/sort=popular/);
    await (await visible(page.getByRole('link', { name: new RegExp(escapeRegExp(post.title)) }))).click();
    await visible(page.getByRole('heading', { level: 1, name: post.title }));
    await visible(page.getByText('저는 암막 커튼이 제일 도움이 됐어요.'));
    await visible(page.getByText('좋아요와 신고는 회원만 할 수 있어요.'));
    assert.equal(await page.getByRole('button', { name: /좋아요/ }).count(), 0);
    assert.equal(await page.getByLabel('댓글 쓰기').count(), 0);

    // Hospitals: search by name with filters, open one, read its reviews.
    await nav(page, '병원 찾기').click();
    await visible(page.getByRole('heading', { level: 1, name: '병원 찾기' }));
    await page.getByLabel('병원 이름').fill(workplace.name.slice(0, 3));
    await page.getByLabel('시도').selectOption(workplace.region);
    await page.getByLabel('정렬').selectOption('rating');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await page.waitForURL(/sort=rating/);
    await (await visible(page.getByRole('link', { name: workplace.name }))).click();
    await visible(page.getByText('인수인계가 체계적인 병원'));
    await page.getByLabel('리뷰 정렬').selectOption('helpful');
    await page.waitForURL(/sort=helpful/);
    await visible(page.getByText(/리뷰는 이 병원에서 일하는 인사이더만 쓸 수 있어요/));

    // Writing is refused: the pages say why, and so does the API.
    await page.goto(`${stack.url}/board/free/new`);
    await visible(page.getByText('글을 쓰려면 로그인이 필요해요.', { exact: false }));
    assert.equal(await page.getByLabel('제목').count(), 0);
    await page.goto(`${stack.url}/hospitals/${workplace.id}/review`);
    await visible(page.getByText(/리뷰는 이 병원에서 일하는 인사이더만/));
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/board/posts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ board: 'free', title: '방문자', body: '쓸 수 없어야 해요' }),
      });
      return response.status;
    });
    assert.equal(status, 401);

    // A missing page is a real not-found page, not a blank screen.
    await page.goto(`${stack.url}/board/free/00000000-0000-4000-8000-000000000000`);
    await visible(page.getByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' }));

    assert.deepEqual(
      problems.filter((p) => !/404/.test(p)),
      [],
    );
    await context.close();
  });

  it('log-out in one tab signs the member out in every tab', async () => {
    const { page, context, problems } = await openTab(browser);
    await login(page, insider);
    const second = await context.newPage();
    await second.goto(`${stack.url}/board/free`);
    await visible(second.getByRole('link', { name: `${insider.nickname} 님` }));
    await page.getByRole('button', { name: '로그아웃' }).click();
    await visible(page.getByRole('link', { name: '로그인' }));
    await visible(second.getByRole('link', { name: '로그인' }));
    assert.equal(await second.getByRole('link', { name: '글쓰기' }).count(), 0);
    await second.reload();
    await visible(second.getByRole('link', { name: '로그인' }));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('an admin hides a reported post, edits a hospital and verifies a member', async () => {
    // Another member reports the insider's post.
    await fetch(`${stack.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: reporter.email, password: reporter.password, nickname: reporter.nickname }),
    });
    // Reporting needs a verified email: the reporter confirms it with the code mailed at sign-up.
    const json = { 'content-type': 'application/json' };
    const signedIn = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: reporter.email, password: reporter.password }),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const verified = await fetch(`${stack.url}/api/auth/email/verify`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ code: await stack.emailCode(reporter.email) }),
    });
    assert.equal(verified.status, 200);
    const readerTab = await openTab(browser);
    await login(readerTab.page, reporter);
    await readerTab.page.goto(postUrl);
    await (await visible(readerTab.page.getByRole('button', { name: '신고' }))).click();
    await readerTab.page.getByLabel('신고 사유').selectOption('privacy');
    await readerTab.page.getByLabel('자세한 내용 (선택)').fill('동료를 알아볼 수 있어요');
    await readerTab.page.getByRole('button', { name: '신고하기' }).click();
    await visible(readerTab.page.getByText('신고가 접수됐어요.', { exact: false }));
    await readerTab.context.close();

    const { page, context, problems } = await openTab(browser);
    await login(page, admin);
    await (await visible(page.getByRole('link', { name: '관리', exact: true }))).click();
    await visible(page.getByRole('heading', { level: 1, name: '신고 처리' }));
    const item = page.locator('.queue-item', { hasText: post.title.slice(0, 10) });
    await visible(item);
    await visible(item.getByText('개인정보 노출 1'));
    await item.getByRole('button', { name: '숨기기' }).click();
    await gone(item);
    await page.getByRole('link', { name: '처리 완료' }).click();
    await visible(page.locator('.queue-item', { hasText: post.title.slice(0, 10) }).getByText('숨김'));

    // The hidden post is gone for readers.
    const visitor = await openTab(browser);
    await visitor.page.goto(postUrl);
    await visible(visitor.page.getByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' }));
    await visitor.page.goto(`${stack.url}/board/free`);
    await visible(visitor.page.getByRole('heading', { level: 1, name: '자유게시판' }));
    assert.equal(await visitor.page.getByRole('link', { name: new RegExp(escapeRegExp(post.title)) }).count(), 0);
    await visitor.context.close();

    // Hospital edit: the staff email domains.
    await page.getByRole('link', { name: '병원 정보', exact: true }).click();
    await page.getByLabel('병원 이름').fill(workplace.name);
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await (await visible(page.getByRole('link', { name: workplace.name, exact: true }))).click();
    await visible(page.getByRole('heading', { level: 2, name: `${workplace.name} 수정` }));
    await page.getByLabel('직원 이메일 도메인').fill('hanbit.example, hanbit-hospital.example');
    await page.getByRole('button', { name: '저장' }).click();
    await visible(page.getByText('저장했어요.'));

    // Member affiliation.
    await page.getByRole('link', { name: '소속 인증', exact: true }).click();
    await page.getByLabel('회원 계정 번호').fill(insiderId);
    await page.getByRole('button', { name: '인증된 인사이더로 표시' }).click();
    await visible(page.getByText('인증된 인사이더로 표시했어요.', { exact: false }));

    assert.deepEqual(problems, []);
    await context.close();
  });

  it('saves a screenshot of each main page at phone and desktop width', async () => {
    const reviewed = `${stack.url}/hospitals/${workplace.id}`;
    const publicPages: [string, string][] = [
      ['home', '/'],
      ['board', '/board/free'],
      ['qna', '/board/qna'],
      ['search', `/search?q=${encodeURIComponent('병원')}`],
      ['hospitals', '/hospitals'],
      ['hospital', reviewed.replace(stack.url, '')],
      ['signup', '/signup'],
      ['login', '/login'],
      ['not-found', '/no/such/page'],
    ];
    const memberPages: [string, string][] = [
      ['post-member', '/board/qna/new'],
      ['review-form', `/hospitals/${workplace.id}/review`],
      ['my-page', '/me'],
      ['verify-email', '/verify-email'],
    ];
    const adminPages: [string, string][] = [
      ['admin-reports', '/admin?status=resolved'],
      ['admin-hospitals', `/admin/hospitals?q=${encodeURIComponent(workplace.name)}&id=${workplace.id}`],
      ['admin-members', '/admin/members'],
    ];
    // A question with an answer, written through the API by the other member.
    const signedIn = (await (
      await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: reporter.email, password: reporter.password }),
      })
    ).json()) as { accessToken: string };
    const asReporter = { 'content-type': 'application/json', authorization: `Bearer ${signedIn.accessToken}` };
    const question = (await (
      await fetch(`${stack.url}/api/board/posts`, {
        method: 'POST',
        headers: asReporter,
        body: JSON.stringify({
          board: 'qna',
          title: '신규 간호사 교육 기간은 보통 얼마나 되나요?',
          body: '병원마다 다르다고 들었는데, 상급종합병원은 보통 몇 주 정도 프리셉터와 함께 일하나요?',
        }),
      })
    ).json()) as { id: string };
    await fetch(`${stack.url}/api/board/posts/${question.id}/comments`, {
      method: 'POST',
      headers: asReporter,
      body: JSON.stringify({ body: '저희 병원은 8주였어요. 부서마다 조금씩 달라요.' }),
    });
    const questionUrl = `${stack.url}/board/qna/${question.id}`;
    const saved: string[] = [];
    for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
      for (const [who, pages] of [
        [null, publicPages],
        [insider, memberPages],
        [admin, adminPages],
      ] as const) {
        const { page, context, problems } = await openTab(browser, viewport);
        if (who) await login(page, who);
        for (const [name, path] of pages) {
          await page.goto(`${stack.url}${path}`);
          await visible(page.getByRole('heading', { level: 1 }));
          await page.waitForLoadState('networkidle');
          saved.push(await screenshot(page, name, viewport));
        }
        // A post as a visitor reads it (the insider's first post is hidden by now).
        if (!who) {
          await page.goto(questionUrl);
          await visible(page.getByRole('heading', { level: 1 }));
          saved.push(await screenshot(page, 'post', viewport));
        }
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
    assert.ok(saved.length >= 30, `saved ${saved.length} screenshots`);
  });

  it('a member deletes their account after confirming; their question stays, by a withdrawn member', async () => {
    const { page, context, problems } = await openTab(browser);
    await login(page, reporter);
    await page.goto(`${stack.url}/me`);
    await (await visible(page.getByLabel('비밀번호 확인'))).fill(reporter.password);
    await page.getByRole('button', { name: '탈퇴하기' }).click();
    const dialog = page.getByRole('dialog', { name: '정말 탈퇴할까요?' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '탈퇴', exact: true }).click();
    await visible(page.getByRole('link', { name: '로그인' }));
    await visible(page.getByRole('heading', { level: 1, name: '병원 안의 이야기를 병원 밖으로' }));

    // The account is gone: logging in again fails.
    await page.goto(`${stack.url}/login`);
    await submitLogIn(page, reporter);
    await visible(page.getByText('이메일 또는 비밀번호가 맞지 않아요.'));

    // Their question is still readable, signed by a withdrawn member (erasure reaches the board service).
    const list = (await (await fetch(`${stack.url}/api/board/posts?board=qna&limit=5`)).json()) as {
      items: { id: string }[];
    };
    const question = list.items[0];
    assert.ok(question);
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.goto(`${stack.url}/board/qna/${question.id}`);
      await visible(page.getByRole('heading', { level: 1 }));
      if ((await page.locator('article .meta strong').textContent()) === '탈퇴한 회원') break;
      await page.waitForTimeout(500);
    }
    assert.equal(await page.locator('article .meta strong').textContent(), '탈퇴한 회원');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the served app carries the security headers and keeps its layout inside a 360 px screen', async () => {
    const html = await fetch(`${stack.url}/hospitals`);
    assert.equal(html.status, 200);
    const csp = html.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(html.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    const body = await html.text();
    assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(body, /<style|style="/, 'no inline style');

    const { page, context, problems } = await openTab(browser, 'phone');
    for (const path of ['/', '/board/free', '/hospitals', `/hospitals/${workplace.id}`, '/signup']) {
      await page.goto(`${stack.url}${path}`);
      await visible(page.getByRole('heading', { level: 1 }));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360px`);
    }
    // Keyboard: the first Tab reaches the skip link, which moves to the content.
    await page.goto(stack.url);
    await visible(page.getByRole('heading', { level: 1 }));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '본문 바로가기');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
