import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

/** A response the test releases when it wants, to look at the page while the request is out. */
function held() {
  let release: (response: Response) => void = () => undefined;
  const response = new Promise<Response>((resolve) => {
    release = resolve;
  });
  return { response, release };
}

function openPost(like: () => Promise<Response>) {
  signInAs(member());
  mockApi({
    [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail({ likeCount: 2 })),
    [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    [`PUT /api/board/posts/${POST_ID}/like`]: like,
  });
  renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
}

describe('optimistic likes', () => {
  it('count the like on the click, before the server answers, then take its count', async () => {
    const answer = held();
    openPost(() => answer.response);
    await userEvent.click(await screen.findByRole('button', { name: '좋아요 2' }));
    expect(screen.getByRole('button', { name: '좋아요 3' })).toHaveAttribute('aria-pressed', 'true');
    answer.release(json({ liked: true, likeCount: 7 }));
    expect(await screen.findByRole('button', { name: '좋아요 7' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('put the old state back when the server refuses, and say why', async () => {
    const answer = held();
    openPost(() => answer.response);
    await userEvent.click(await screen.findByRole('button', { name: '좋아요 2' }));
    expect(screen.getByRole('button', { name: '좋아요 3' })).toBeInTheDocument();
    answer.release(json({ key: 'BOARD.RATE_LIMITED', status: 429, title: 'x', type: 'x' }, 429));
    expect(await screen.findByRole('button', { name: '좋아요 2' })).toHaveAttribute('aria-pressed', 'false');
    expect(await screen.findByText(/짧은 시간에 너무 많이 썼어요/)).toBeInTheDocument();
  });
});
