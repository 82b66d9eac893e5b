import type { CommentView } from '@carebridge/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { commentView, POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const reply = commentView({
  id: '88888888-8888-4888-8888-888888888888',
  parentId: '55555555-5555-4555-8555-555555555555',
  body: '감사합니다!',
  author: { nickname: '질문자' },
});
const answer: CommentView = {
  ...reply,
  id: '55555555-5555-4555-8555-555555555555',
  parentId: null,
  body: '암막 커튼과 귀마개를 써 보세요.',
  author: { nickname: '병동간호사' },
  replies: [reply],
};

function open(board: 'qna' | 'free') {
  mockApi({
    [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail({ board })),
    [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([answer])),
  });
  renderRoutes(createRoutes(), `/board/${board}/${POST_ID}`);
}

describe('answers on Q&A posts', () => {
  for (const who of ['visitor', 'member'] as const) {
    it(`labels each answer 답변, not its replies, under the heading 답변 (${who})`, async () => {
      signInAs(who === 'member' ? member() : null);
      open('qna');
      const section = await screen.findByRole('region', { name: '답변' });
      const [first, second] = within(section).getAllByRole('listitem');
      expect(within(first as HTMLElement).getAllByText('답변')[0]).toHaveClass('tag-answer');
      expect(within(second as HTMLElement).queryByText('답변')).not.toBeInTheDocument();
    });
  }

  it('keeps comments as comments on the free board', async () => {
    signInAs(null);
    open('free');
    const section = await screen.findByRole('region', { name: '댓글' });
    expect(within(section).queryByText('답변')).not.toBeInTheDocument();
  });
});
