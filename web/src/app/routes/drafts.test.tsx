import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

async function startWriting() {
  const view = renderRoutes(createRoutes(), '/board/free/new');
  await userEvent.type(await screen.findByLabelText('제목'), '야간 근무 후 수면');
  await userEvent.type(screen.getByLabelText('내용'), '암막 커튼이 도움이 될까요?');
  return view;
}

describe('drafts of a new post', () => {
  it('come back after the page was left by mistake, and can be discarded', async () => {
    signInAs(member());
    mockApi({ 'GET /api/board/posts': () => json(page([])) });
    const first = await startWriting();
    first.unmount();

    renderRoutes(createRoutes(), '/board/free/new');
    expect(await screen.findByText('보내지 않은 글을 불러왔어요.')).toBeInTheDocument();
    expect(screen.getByLabelText('제목')).toHaveValue('야간 근무 후 수면');
    expect(screen.getByLabelText('내용')).toHaveValue('암막 커튼이 도움이 될까요?');
    await userEvent.click(screen.getByRole('button', { name: '지우고 새로 쓰기' }));
    expect(screen.getByLabelText('제목')).toHaveValue('');
    expect(screen.queryByText('보내지 않은 글을 불러왔어요.')).not.toBeInTheDocument();
  });

  it('are gone once the post is published', async () => {
    signInAs(member());
    mockApi({
      'POST /api/board/posts': () => json(postDetail(), 201),
      [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail({ isMine: true })),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    });
    const first = await startWriting();
    await userEvent.click(screen.getByRole('button', { name: '올리기' }));
    await screen.findByRole('heading', { level: 1, name: postDetail().title });
    first.unmount();
    renderRoutes(createRoutes(), '/board/free/new');
    expect(await screen.findByLabelText('제목')).toHaveValue('');
    expect(screen.queryByText('보내지 않은 글을 불러왔어요.')).not.toBeInTheDocument();
  });

  it('belong to one account: another member on the same tab starts empty', async () => {
    signInAs(member());
    mockApi({});
    (await startWriting()).unmount();
    signInAs(member({ id: 'u-2', nickname: '다른회원' }));
    renderRoutes(createRoutes(), '/board/free/new');
    expect(await screen.findByLabelText('제목')).toHaveValue('');
  });
});
