import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  HOSPITAL_ID,
  hospital,
  OTHER_HOSPITAL_ID,
  POST_ID,
  page,
  postDetail,
  postSummary,
  review,
} from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs, withoutWeeklyBest } from '../../testing/render';
import { createRoutes } from '../router';

function hospitalApi() {
  return mockApi({
    [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
    [`GET /api/hospitals/${HOSPITAL_ID}/reviews`]: () => json(page([review()])),
    [`GET /api/hospitals/${HOSPITAL_ID}/reviews/mine`]: () =>
      json({ key: 'HOSPITAL.NO_REVIEW_YET', status: 404, title: 'Not Found', type: 'x' }, 404),
  });
}

describe('roles in the UI', () => {
  it('visitors see no write button on a board but an invitation to join as an insider', async () => {
    mockApi({ 'GET /api/board/posts': withoutWeeklyBest(() => json(page([postSummary()]))) });
    renderRoutes(createRoutes(), '/board/free');
    expect(await screen.findByRole('heading', { level: 1, name: '자유게시판' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '글쓰기' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: '인사이더로 가입하기' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: /야간 근무 후 수면 관리/ })).toHaveAttribute(
      'href',
      `/board/free/${POST_ID}`,
    );
  });

  it('members get the write button', async () => {
    signInAs(member());
    mockApi({ 'GET /api/board/posts': () => json(page([])) });
    renderRoutes(createRoutes(), '/board/qna');
    expect(await screen.findByRole('link', { name: '글쓰기' })).toHaveAttribute('href', '/board/qna/new');
    expect(screen.queryByRole('link', { name: '인사이더로 가입하기' })).not.toBeInTheDocument();
  });

  it('visitors read a post without like, report or comment controls', async () => {
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: /야간 근무 후 수면 관리/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /좋아요/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '신고' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('댓글 쓰기')).not.toBeInTheDocument();
    expect(screen.getByText('댓글을 쓰려면 인사이더로 가입하거나 로그인해 주세요.')).toBeInTheDocument();
  });

  it('members can like, report and comment', async () => {
    signInAs(member());
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    expect(await screen.findByRole('button', { name: '좋아요 2' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: '신고' })).toBeInTheDocument();
    expect(await screen.findByLabelText('댓글 쓰기')).toBeInTheDocument();
  });

  it('on a hospital page, visitors are invited to join, with the summary shown', async () => {
    hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: '한빛대학교병원' })).toBeInTheDocument();
    expect(screen.getByTestId('recommend-share')).toHaveTextContent('50%');
    expect(screen.getByRole('meter', { name: '대기 시간' })).toHaveAttribute('value', '2');
    expect(screen.queryByRole('link', { name: '이 병원 리뷰 쓰기' })).not.toBeInTheDocument();
    expect(screen.getByText(/리뷰는 이 병원에서 일하는 인사이더만/)).toBeInTheDocument();
  });

  it('members of another hospital are told why they cannot review', async () => {
    signInAs(member({ hospitalId: OTHER_HOSPITAL_ID }));
    hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    expect(await screen.findByTestId('review-refusal')).toHaveTextContent('다른 병원으로 등록돼 있어요');
    expect(screen.queryByRole('link', { name: '이 병원 리뷰 쓰기' })).not.toBeInTheDocument();
  });

  it('insiders of the hospital get the write-review link', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    expect(await screen.findByRole('link', { name: '이 병원 리뷰 쓰기' })).toHaveAttribute(
      'href',
      `/hospitals/${HOSPITAL_ID}/review`,
    );
    expect(await screen.findByRole('button', { name: '도움돼요 3' })).toBeInTheDocument();
  });

  it('the review page refuses outsiders with the reason', async () => {
    signInAs(member({ hospitalId: OTHER_HOSPITAL_ID }));
    hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}/review`);
    expect(await screen.findByTestId('review-refusal')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '리뷰 올리기' })).not.toBeInTheDocument();
  });

  it('only admins see the admin menu and page', async () => {
    signInAs(member());
    mockApi({ 'GET /api/board/posts': () => json(page([])), 'GET /api/hospitals': () => json(page([])) });
    const view = renderRoutes(createRoutes(), '/admin');
    expect(await screen.findByText('관리자만 볼 수 있는 페이지예요.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '관리' })).not.toBeInTheDocument();
    view.unmount();

    signInAs(member({ role: 'admin' }));
    mockApi({
      'GET /api/board/admin/reports': () => json(page([])),
      'GET /api/hospitals/admin/reports': () => json(page([])),
    });
    renderRoutes(createRoutes(), '/admin');
    expect(await screen.findByRole('heading', { level: 1, name: '신고 처리' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '관리' })).toBeInTheDocument();
  });

  it('pages for members send visitors to log in, and back afterwards', async () => {
    mockApi({});
    const { router } = renderRoutes(createRoutes(), '/me');
    expect(await screen.findByRole('heading', { level: 1, name: '로그인' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/me')}`);
  });
});
