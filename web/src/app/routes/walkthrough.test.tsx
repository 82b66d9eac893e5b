// The bugs found walking through the app (issue 17), each as the reader meets it.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ALL_PARTS, format, I18nProvider, loadParts } from '../../lib/i18n';
import { runsLocally } from '../../lib/local-site';
import { HOSPITAL_ID, hospital, POST_ID, page, postDetail, postSummary } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs, withoutWeeklyBest } from '../../testing/render';
import { createRoutes } from '../router';

const problem = (status: number, key: string, errors?: { field: string; message: string }[]) =>
  json(
    {
      key,
      status,
      title: 'x',
      type: 'x',
      detail: 'An English sentence from the server.',
      ...(errors ? { errors } : {}),
    },
    status,
  );

function renderInEnglish(path: string) {
  const router = createMemoryRouter(createRoutes(), { initialEntries: [path] });
  render(
    <I18nProvider initial="en">
      <RouterProvider router={router} />
    </I18nProvider>,
  );
  return router;
}

describe('1. server messages on /verify-email are Korean', () => {
  it('a wrong code, a malformed code and the resend cooldown', async () => {
    signInAs(member({ emailVerified: false }));
    let code = 0;
    mockApi({
      'POST /api/auth/email/verify': () =>
        code++ === 0
          ? problem(400, 'AUTH.EMAIL_CODE_WRONG', [{ field: 'code', message: 'is not correct' }])
          : problem(400, 'REQUEST.VALIDATION_FAILED', [{ field: 'code', message: 'must be 6 digits' }]),
      'POST /api/auth/email/verification': () => problem(429, 'AUTH.EMAIL_CODE_COOLDOWN'),
    });
    renderRoutes(createRoutes(), '/verify-email');
    const input = await screen.findByLabelText('인증 코드');
    await userEvent.type(input, '000000');
    await userEvent.click(screen.getByRole('button', { name: '인증하기' }));
    await waitFor(() => expect(input).toHaveAccessibleDescription(/^코드가 맞지 않아요/));
    await userEvent.clear(input);
    await userEvent.type(input, '12ab');
    await userEvent.click(screen.getByRole('button', { name: '인증하기' }));
    await waitFor(() => expect(input).toHaveAccessibleDescription('숫자 6자리를 입력해 주세요.'));
    await userEvent.click(screen.getByRole('button', { name: '코드가 안 왔나요? 다시 받기' }));
    expect(await screen.findByText(/코드는 1분에 한 번 보낼 수 있어요/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/is not correct|must be 6 digits|English sentence/);
  });
});

describe('3. plurals follow the language’s rules', () => {
  it('format picks one or other', () => {
    const template = '{count} like|{count} likes';
    expect(format(template, { count: 1 }, 'en')).toBe('1 like');
    expect(format(template, { count: '1,234' }, 'en')).toBe('1,234 likes');
    expect(format(template, { count: 0 }, 'en')).toBe('0 likes');
  });

  it('an English board list says “1 like” and “1 comment”', async () => {
    await loadParts(ALL_PARTS, 'en');
    mockApi({
      'GET /api/board/posts': withoutWeeklyBest(() =>
        json(page([postSummary({ likeCount: 1, commentCount: 1, viewCount: 1 })])),
      ),
    });
    renderInEnglish('/board/free');
    expect(await screen.findByText('1 like')).toBeInTheDocument();
    expect(screen.getByTitle('1 comment')).toBeInTheDocument();
    expect(screen.getByText('1 view')).toBeInTheDocument();
  });
});

describe('5. an empty review asks to choose from 1 to 5', () => {
  it('in every rating group', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    const categories = ['overall', 'care', 'honesty', 'staff', 'facilities', 'waiting'];
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews/mine`]: () => problem(404, 'HOSPITAL.NO_REVIEW_YET'),
      [`POST /api/hospitals/${HOSPITAL_ID}/reviews`]: () =>
        problem(
          400,
          'REQUEST.VALIDATION_FAILED',
          categories.map((c) => ({ field: `ratings.${c}`, message: 'must be at least 1' })),
        ),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}/review`);
    await userEvent.click(await screen.findByRole('button', { name: '리뷰 올리기' }));
    await waitFor(() => expect(screen.getAllByText('1~5 중에서 골라 주세요.')).toHaveLength(6));
    expect(screen.queryByText('1 이상이어야 해요.')).toBeNull();
  });
});

describe('6. one error is said once', () => {
  it('a wrong current password', async () => {
    signInAs(member());
    mockApi({
      'PATCH /api/auth/me': () =>
        problem(400, 'AUTH.CURRENT_PASSWORD_INCORRECT', [
          { field: 'currentPassword', message: 'is not your current password' },
        ]),
    });
    renderRoutes(createRoutes(), '/me');
    await userEvent.type(await screen.findByLabelText('현재 비밀번호'), 'wrong-password-1');
    await userEvent.type(screen.getByLabelText('새 비밀번호'), 'A-new-password-2026');
    await userEvent.click(screen.getByRole('button', { name: '비밀번호 변경' }));
    await waitFor(() => expect(screen.getByLabelText('현재 비밀번호')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText('현재 비밀번호가 맞지 않아요.')).toHaveLength(1);
  });

  it('a taken nickname', async () => {
    signInAs(member());
    mockApi({
      'PATCH /api/auth/me': () =>
        problem(409, 'AUTH.NICKNAME_TAKEN', [{ field: 'nickname', message: 'This nickname is already taken.' }]),
    });
    renderRoutes(createRoutes(), '/me');
    const nickname = await screen.findByLabelText('닉네임');
    await userEvent.clear(nickname);
    await userEvent.type(nickname, '다른닉네임');
    await userEvent.click(screen.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(nickname).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText(/이미 사용 중/)).toHaveLength(1);
  });
});

describe('7. a low recommendation share is not good news', () => {
  it('0 % is styled as poor, a majority as good', async () => {
    const rating = { ...hospital().rating, recommendCount: 0, recommendShare: 0 };
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital({ rating })),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews`]: () => json(page([])),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    const share = await screen.findByTestId('recommend-share');
    expect(share).toHaveClass('recommend-poor');
    expect(share).not.toHaveClass('recommend-good');
  });
});

describe('9. the verify page speaks to users', () => {
  it('the npm start hint only where the app runs locally', () => {
    expect(runsLocally('localhost')).toBe(true);
    expect(runsLocally('127.0.0.1')).toBe(true);
    expect(runsLocally('carebridge.example')).toBe(false);
    expect(runsLocally('www.carebridge.kr')).toBe(false);
  });

  it('jsdom is localhost: the local hint shows, and nothing else mentions npm', async () => {
    signInAs(member({ emailVerified: false }));
    mockApi({});
    renderRoutes(createRoutes(), '/verify-email');
    expect(await screen.findByText(/npm start/)).toBeInTheDocument();
    expect(screen.queryByText(/스팸함/)).toBeNull();
  });
});

describe('11. a missing page has a not-found tab title', () => {
  it('when a loader finds nothing', async () => {
    mockApi({ [`GET /api/board/posts/${POST_ID}`]: () => problem(404, 'BOARD.POST_NOT_FOUND') });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' });
    await waitFor(() => expect(document.title).toBe('페이지를 찾을 수 없어요 · 케어브릿지'));
  });
});

describe('12. the header’s log-in link comes back here', () => {
  it('keeps the page and its query', async () => {
    mockApi({ 'GET /api/board/posts': () => json(page([])) });
    renderRoutes(createRoutes(), '/board/qna?q=%EC%95%BC%EA%B0%84');
    await screen.findByRole('heading', { level: 1, name: 'Q&A' });
    const links = screen.getAllByRole('link', { name: '로그인' });
    for (const link of links)
      expect(link).toHaveAttribute('href', `/login?next=${encodeURIComponent('/board/qna?q=%EC%95%BC%EA%B0%84')}`);
  });
});

describe('13. a post opens under its own board', () => {
  it('redirects /board/qna/<id> of a free-board post', async () => {
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail({ board: 'free' })),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    });
    const { router } = renderRoutes(createRoutes(), `/board/qna/${POST_ID}`);
    await screen.findByRole('heading', { level: 1, name: postDetail().title });
    expect(router.state.location.pathname).toBe(`/board/free/${POST_ID}`);
  });
});

describe('14. the same password again is not a change', () => {
  it('is refused beside the field, without a request', async () => {
    signInAs(member());
    const calls = mockApi({ 'PATCH /api/auth/me': () => json(member()) });
    renderRoutes(createRoutes(), '/me');
    await userEvent.type(await screen.findByLabelText('현재 비밀번호'), 'Same-Password-2026');
    await userEvent.type(screen.getByLabelText('새 비밀번호'), 'Same-Password-2026');
    await userEvent.click(screen.getByRole('button', { name: '비밀번호 변경' }));
    await waitFor(() =>
      expect(screen.getByLabelText('새 비밀번호')).toHaveAccessibleDescription(/현재 비밀번호와 같아요/),
    );
    expect(screen.queryByText(/비밀번호를 바꿨어요/)).toBeNull();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
  });
});
