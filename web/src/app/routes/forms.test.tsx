import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HOSPITAL_ID, hospital, POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const validation = (errors: { field: string; message: string }[]) =>
  json({ key: 'REQUEST.VALIDATION_FAILED', status: 400, title: 'Bad Request', type: 'x', errors }, 400);

describe('forms show the API’s validation beside the fields', () => {
  it('sign-up: field errors, described by the fields, and a strength hint', async () => {
    const calls = mockApi({
      'POST /api/auth/signup': () =>
        validation([
          { field: 'email', message: 'must be a valid email address' },
          { field: 'password', message: 'must be 10 to 128 characters long' },
        ]),
    });
    renderRoutes(createRoutes(), '/signup');
    const email = await screen.findByLabelText('이메일');
    const password = screen.getByLabelText('비밀번호');
    await userEvent.type(email, 'not-an-email');
    await userEvent.type(password, 'short');
    expect(password).toHaveAccessibleDescription('10자 이상 입력해 주세요.');
    await userEvent.type(screen.getByLabelText('닉네임'), '새벽근무');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));

    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/올바른 이메일 주소를 입력해 주세요/);
    expect(password).toHaveAccessibleDescription(/10~128자로 입력해 주세요/);
    expect(screen.getByRole('alert')).toHaveTextContent('입력한 내용을 확인해 주세요.');
    expect(calls.at(-1)?.body).toEqual({ email: 'not-an-email', password: 'short', nickname: '새벽근무' });
  });

  it('sign-up: chooses a workplace by searching hospitals', async () => {
    const calls = mockApi({
      'GET /api/hospitals': () => json(page([hospital()])),
      'POST /api/auth/signup': () =>
        json(
          {
            key: 'AUTH.EMAIL_TAKEN',
            status: 409,
            title: 'Conflict',
            type: 'x',
            errors: [{ field: 'email', message: 'is already registered' }],
          },
          409,
        ),
    });
    renderRoutes(createRoutes(), '/signup');
    await userEvent.type(await screen.findByLabelText('병원 이름으로 검색'), '한빛');
    await userEvent.click(screen.getByRole('button', { name: '찾기' }));
    await userEvent.click(await screen.findByRole('button', { name: /한빛대학교병원/ }));
    expect(screen.getByRole('button', { name: '다른 병원 선택' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('이메일'), 'nurse@hanbit.example');
    await userEvent.type(screen.getByLabelText('비밀번호'), 'Night-Shift-2026');
    await userEvent.type(screen.getByLabelText('닉네임'), '새벽근무');
    await userEvent.selectOptions(screen.getByLabelText('직군'), 'nurse');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));
    // Said once, beside the field; the form only points there.
    expect(await screen.findByRole('alert')).toHaveTextContent('입력한 내용을 확인해 주세요.');
    expect(screen.getByLabelText('이메일')).toHaveAccessibleDescription(/이미 가입된 이메일이에요\.$/);
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      hospitalId: HOSPITAL_ID,
      jobCategory: 'nurse',
    });
  });

  it('log-in: a wrong password says so without naming the field', async () => {
    mockApi({
      'POST /api/auth/login': () =>
        json({ key: 'AUTH.INVALID_CREDENTIALS', status: 401, title: 'Unauthorized', type: 'x' }, 401),
    });
    renderRoutes(createRoutes(), '/login');
    await userEvent.type(await screen.findByLabelText('이메일'), 'a@example.com');
    await userEvent.type(screen.getByLabelText('비밀번호'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이메일 또는 비밀번호가 맞지 않아요.');
  });

  it('writing a post: an empty title is refused beside the title', async () => {
    signInAs(member());
    mockApi({ 'POST /api/board/posts': () => validation([{ field: 'title', message: 'title should not be empty' }]) });
    renderRoutes(createRoutes(), '/board/free/new');
    await userEvent.type(await screen.findByLabelText('내용'), '본문만 있어요');
    await userEvent.click(screen.getByRole('button', { name: '올리기' }));
    const title = screen.getByLabelText('제목');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('필수 항목이에요.');
  });

  it('writing a post: success opens the new post', async () => {
    signInAs(member());
    mockApi({
      'POST /api/board/posts': () => json(postDetail({ title: '새 글' }), 201),
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail({ title: '새 글', isMine: true })),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    });
    const { router } = renderRoutes(createRoutes(), '/board/free/new');
    await userEvent.type(await screen.findByLabelText('제목'), '새 글');
    await userEvent.type(screen.getByLabelText('내용'), '본문');
    await userEvent.click(screen.getByRole('button', { name: '올리기' }));
    expect(await screen.findByRole('heading', { level: 1, name: '새 글' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/board/free/${POST_ID}`);
  });

  it('writing a review: rating errors appear in their group', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews/mine`]: () =>
        json({ key: 'HOSPITAL.NO_REVIEW_YET', status: 404, title: 'Not Found', type: 'x' }, 404),
      [`POST /api/hospitals/${HOSPITAL_ID}/reviews`]: () =>
        validation([
          { field: 'ratings.waiting', message: 'must be at least 1' },
          { field: 'body', message: 'must be 20 to 5000 characters long' },
        ]),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}/review`);
    await userEvent.click(await screen.findByRole('button', { name: '리뷰 올리기' }));
    const waiting = screen.getByRole('group', { name: /대기 시간/ });
    await waitFor(() => expect(waiting).toHaveAccessibleDescription('1~5 중에서 골라 주세요.'));
    expect(screen.getByLabelText('리뷰 내용')).toHaveAccessibleDescription(/20~5000자로 입력해 주세요/);
  });

  it('writing a review: each score scale says what 1 and 5 mean', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews/mine`]: () =>
        json({ key: 'HOSPITAL.NO_REVIEW_YET', status: 404, title: 'Not Found', type: 'x' }, 404),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}/review`);
    const overall = await screen.findByRole('group', { name: /종합/ });
    expect(within(overall).getByRole('radio', { name: /^1 ?매우 나쁨$/ })).toBeInTheDocument();
    expect(within(overall).getByRole('radio', { name: '3' })).toBeInTheDocument();
    expect(within(overall).getByRole('radio', { name: /^5 ?매우 좋음$/ })).toBeInTheDocument();
    expect(within(overall).getByText('1 매우 나쁨', { selector: '.scale-ends span' })).toBeVisible();
  });
});
