import type { MyComment } from '@carebridge/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commentView, HOSPITAL_ID, POST_ID, page, postDetail, postSummary, review } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const myComment: MyComment = {
  id: '77777777-7777-4777-8777-777777777777',
  postId: POST_ID,
  board: 'qna',
  postTitle: '야간 근무 후 수면 관리',
  body: '암막 커튼이 제일 효과 있었어요.',
  createdAt: '2026-01-05T00:00:00.000Z',
  likeCount: 1,
};

const comment = commentView({
  likeCount: 4,
});

describe('내 활동 (my activity)', () => {
  it('shows my posts first, then each tab from its own list, with more pages on demand', async () => {
    signInAs(member());
    const calls = mockApi({
      'GET /api/board/me/posts': (url) =>
        url.searchParams.get('cursor')
          ? json(page([postSummary({ id: 'p2', title: '두 번째 쪽의 글' })]))
          : json(page([postSummary({ title: '내가 쓴 첫 글' })], 'next')),
      'GET /api/board/me/comments': () => json(page([myComment])),
      'GET /api/hospitals/me/reviews': () =>
        json(page([{ ...review({ title: '내 리뷰 제목', hidden: true }), hospitalName: '한빛대학교병원' }])),
      'GET /api/board/me/bookmarks': () => json(page([])),
    });
    renderRoutes(createRoutes(), '/me?tab=posts');
    expect(await screen.findByRole('heading', { level: 1, name: '내 활동' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '내 글' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: '내가 쓴 첫 글' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '더 보기' }));
    expect(await screen.findByRole('link', { name: '두 번째 쪽의 글' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: '내 댓글' }));
    const commentLink = await screen.findByRole('link', { name: myComment.body });
    expect(commentLink).toHaveAttribute('href', `/board/qna/${POST_ID}`);
    expect(screen.getByText('‘야간 근무 후 수면 관리’에 단 댓글')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: '내 리뷰' }));
    expect(await screen.findByRole('link', { name: '내 리뷰 제목' })).toHaveAttribute(
      'href',
      `/hospitals/${HOSPITAL_ID}`,
    );
    expect(screen.getByText('숨겨짐')).toBeInTheDocument();
    expect(screen.getByText('한빛대학교병원')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: '스크랩' }));
    expect(await screen.findByText(/스크랩한 글이 없어요/)).toBeInTheDocument();
    // Only the member's own lists were asked for, by token; no nickname or id in any query.
    expect(calls.filter((c) => c.url.pathname.includes('/me/')).every((c) => !c.url.search.includes('nickname'))).toBe(
      true,
    );
  });

  it('sends a visitor to log in and back', async () => {
    signInAs(null);
    mockApi({});
    renderRoutes(createRoutes(), '/me?tab=comments');
    expect(await screen.findByRole('heading', { level: 1, name: '로그인' })).toBeInTheDocument();
  });
});

describe('comment likes and bookmarks on a post', () => {
  function openPost(handlers: Parameters<typeof mockApi>[0] = {}) {
    signInAs(member());
    const calls = mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([comment])),
      ...handlers,
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    return calls;
  }

  it('likes a comment at once, then shows the server’s count', async () => {
    let release: (r: Response) => void = () => undefined;
    const answer = new Promise<Response>((resolve) => {
      release = resolve;
    });
    openPost({ [`PUT /api/board/comments/${comment.id}/like`]: () => answer });
    // The post's own like reads 좋아요 2; the comment's reads 좋아요 4.
    await userEvent.click(await screen.findByRole('button', { name: '좋아요 4' }));
    expect(screen.getByRole('button', { name: '좋아요 5' })).toHaveAttribute('aria-pressed', 'true');
    release(json({ liked: true, likeCount: 9 }));
    expect(await screen.findByRole('button', { name: '좋아요 9' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('keeps a post in the bookmarks with one press, and takes it out with another', async () => {
    const calls = openPost({
      [`PUT /api/board/posts/${POST_ID}/bookmark`]: () => json({ bookmarked: true }),
      [`DELETE /api/board/posts/${POST_ID}/bookmark`]: () => json({ bookmarked: false }),
    });
    const button = await screen.findByRole('button', { name: '스크랩' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(await screen.findByRole('button', { name: '스크랩', pressed: true })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '스크랩' }));
    expect(await screen.findByRole('button', { name: '스크랩', pressed: false })).toBeInTheDocument();
    expect(calls.filter((c) => c.url.pathname.endsWith('/bookmark')).map((c) => c.method)).toEqual(['PUT', 'DELETE']);
  });
});
