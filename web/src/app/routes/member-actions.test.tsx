import type { ModerationItem } from '@carebridge/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const comment = {
  id: '55555555-5555-4555-8555-555555555555',
  postId: POST_ID,
  parentId: null,
  body: '저는 암막 커튼이 도움이 됐어요.',
  author: { nickname: '병동간호사' },
  createdAt: '2026-01-04T00:00:00.000Z',
  updatedAt: '2026-01-04T00:00:00.000Z',
  deleted: false,
  accepted: false,
  replies: [],
};

function postApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
    [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([comment])),
    ...extra,
  });
}

describe('what members do on a post', () => {
  it('report: choose a reason, send, and see the receipt', async () => {
    signInAs(member());
    const calls = postApi({ [`POST /api/board/posts/${POST_ID}/reports`]: () => json({ received: true }, 201) });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    const article = await screen.findByRole('article');
    await userEvent.click(await within(article).findByRole('button', { name: '신고' }));
    await userEvent.selectOptions(await screen.findByLabelText('신고 사유'), 'privacy');
    await userEvent.click(screen.getByRole('button', { name: '신고하기' }));
    expect(await screen.findByText('신고가 접수됐어요. 관리자가 확인할게요.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'privacy' });
  });

  it('report: no reason is chosen for the member; sending without one asks for it', async () => {
    signInAs(member());
    const calls = postApi({ [`POST /api/board/posts/${POST_ID}/reports`]: () => json({ received: true }, 201) });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    const article = await screen.findByRole('article');
    await userEvent.click(await within(article).findByRole('button', { name: '신고' }));
    const reason = await screen.findByLabelText('신고 사유');
    expect(reason).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: '신고하기' }));
    expect(reason).toHaveAccessibleDescription('신고 사유를 골라 주세요.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('report twice: the API says so and the form tells the member', async () => {
    signInAs(member());
    postApi({
      [`POST /api/board/posts/${POST_ID}/reports`]: () =>
        json({ key: 'MODERATION.ALREADY_REPORTED', status: 409, title: 'Conflict', type: 'x' }, 409),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    const article = await screen.findByRole('article');
    await userEvent.click(await within(article).findByRole('button', { name: '신고' }));
    await userEvent.selectOptions(await screen.findByLabelText('신고 사유'), 'spam');
    await userEvent.click(await screen.findByRole('button', { name: '신고하기' }));
    expect(await screen.findByText('이미 신고했어요.')).toHaveAttribute('role', 'alert');
  });

  it('like toggles with the count the API returns', async () => {
    signInAs(member());
    postApi({ [`PUT /api/board/posts/${POST_ID}/like`]: () => json({ liked: true, likeCount: 3 }) });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: '좋아요 2' }));
    expect(await screen.findByRole('button', { name: '좋아요 3' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('comment and reply appear without a reload', async () => {
    signInAs(member());
    postApi({
      [`POST /api/board/posts/${POST_ID}/comments`]: (_url, init) => {
        const body = JSON.parse(String(init.body)) as { body: string; parentId?: string };
        return json(
          {
            ...comment,
            id: body.parentId ? 'reply-1' : 'comment-2',
            parentId: body.parentId ?? null,
            body: body.body,
            author: { nickname: '새벽근무' },
            isMine: true,
          },
          201,
        );
      },
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    await userEvent.type(await screen.findByLabelText('댓글 쓰기'), '귀마개도 좋아요.');
    await userEvent.click(screen.getByRole('button', { name: '댓글 등록' }));
    expect(await screen.findByText('귀마개도 좋아요.')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: '답글' })[0] as HTMLElement);
    await userEvent.type(screen.getByLabelText('병동간호사 님에게 답글'), '감사해요!');
    await userEvent.click(screen.getAllByRole('button', { name: '답글' })[0] as HTMLElement);
    const replies = await screen.findByRole('list', { name: '답글' });
    expect(within(replies).getByText('감사해요!')).toBeInTheDocument();
  });
});

describe('Q&A', () => {
  it('the asker accepts an answer; the post then shows it as answered', async () => {
    signInAs(member());
    let answered = false;
    const calls = mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () =>
        json(
          postDetail({
            board: 'qna',
            isMine: true,
            answered,
            acceptedCommentId: answered ? comment.id : null,
          }),
        ),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([{ ...comment, accepted: answered }])),
      [`POST /api/board/posts/${POST_ID}/answer`]: () => {
        answered = true;
        return json(postDetail({ board: 'qna', answered: true, acceptedCommentId: comment.id }));
      },
    });
    renderRoutes(createRoutes(), `/board/qna/${POST_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: '답변 채택' }));
    expect(await screen.findByText('채택된 답변')).toBeInTheDocument();
    expect(screen.getByText('채택 완료')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '답변 채택' })).not.toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ commentId: comment.id });
  });
});

describe('what admins do', () => {
  it('hide a reported post: the case leaves the open queue', async () => {
    signInAs(member({ role: 'admin' }));
    const item: ModerationItem = {
      id: '66666666-6666-4666-8666-666666666666',
      targetType: 'post',
      targetId: POST_ID,
      excerpt: '야간 근무 후 수면 관리',
      reportCount: 2,
      reportWeight: 2,
      reasons: { privacy: 2 },
      hidden: false,
      status: 'open',
      createdAt: '2026-01-05T00:00:00.000Z',
    };
    const calls = mockApi({
      'GET /api/board/admin/reports': () => json(page([item])),
      'GET /api/hospitals/admin/reports': () => json(page([])),
      [`POST /api/board/admin/reports/${item.id}/resolve`]: () => json({ ...item, hidden: true, status: 'resolved' }),
    });
    renderRoutes(createRoutes(), '/admin');
    expect(await screen.findByText('개인정보 노출 2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '숨기기' }));
    const boardQueue = screen.getByRole('region', { name: '게시판 (글·댓글)' });
    expect(await within(boardQueue).findByText('처리할 신고가 없어요.')).toBeInTheDocument();
    expect(screen.queryByText('야간 근무 후 수면 관리')).not.toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ action: 'hide' });
  });
});
