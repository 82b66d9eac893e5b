import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commentView, POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const COMMENT_ID = '99999999-9999-4999-8999-999999999999';
const mine = commentView({
  id: COMMENT_ID,
  body: '암막 커튼이 도움이 됐어요.',
  author: { nickname: '새벽근무' },
  createdAt: '2026-01-04T00:00:00.000Z',
  updatedAt: '2026-01-04T00:00:00.000Z',
  isMine: true,
});

/** The comment's item once the member's list (with its buttons) has loaded. */
const memberItem = (text: string) =>
  waitFor(() => {
    const item = screen.getByText(text).closest('li') as HTMLElement;
    within(item).getByRole('button', { name: '수정' });
    return item;
  });

describe('editing a comment', () => {
  it('lets the author change it in place; the API says what was saved', async () => {
    signInAs(member());
    const calls = mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([mine])),
      [`PATCH /api/board/comments/${COMMENT_ID}`]: () =>
        json({ ...mine, body: '암막 커튼과 귀마개가 도움이 됐어요.', updatedAt: '2026-01-05T00:00:00.000Z' }),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    const item = await memberItem(mine.body);
    await userEvent.click(within(item).getByRole('button', { name: '수정' }));
    const field = within(item).getByLabelText('댓글 수정');
    expect(field).toHaveValue(mine.body);
    await userEvent.clear(field);
    await userEvent.type(field, '암막 커튼과 귀마개가 도움이 됐어요.');
    await userEvent.click(within(item).getByRole('button', { name: '저장' }));
    expect(await screen.findByText('암막 커튼과 귀마개가 도움이 됐어요.')).toBeInTheDocument();
    // Its byline now says it was edited, as the post's does.
    expect(within(item).getByText('수정됨')).toBeInTheDocument();
    expect(screen.queryByLabelText('댓글 수정')).not.toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ body: '암막 커튼과 귀마개가 도움이 됐어요.' });
  });

  it('is offered only on your own comments, and cancelling keeps the text', async () => {
    signInAs(member());
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
      [`GET /api/board/posts/${POST_ID}/comments`]: () =>
        json(page([mine, { ...mine, id: '12121212-1212-4121-8121-121212121212', body: '남의 댓글', isMine: false }])),
    });
    // Another entry than the test before (lists restore what an entry showed on Back).
    renderRoutes(createRoutes(), `/board/free/${POST_ID}?again`);
    const item = await memberItem(mine.body);
    const other = screen.getByText('남의 댓글').closest('li') as HTMLElement;
    expect(within(other).queryByRole('button', { name: '수정' })).not.toBeInTheDocument();
    await userEvent.click(within(item).getByRole('button', { name: '수정' }));
    await userEvent.click(within(item).getByRole('button', { name: '취소' }));
    expect(within(item).getByText(mine.body)).toBeInTheDocument();
    expect(within(item).queryByText('수정됨')).not.toBeInTheDocument();
  });
});
