import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { POST_ID, page, postSummary } from '../../testing/fixtures';
import { json, mockApi, renderRoutes, withoutWeeklyBest } from '../../testing/render';
import { createRoutes } from '../router';

describe('errors never leave a blank screen', () => {
  it('an unknown address is a real not-found page', async () => {
    mockApi({});
    renderRoutes(createRoutes(), '/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '홈으로' })).toBeInTheDocument();
  });

  it('an unknown board is not found', async () => {
    mockApi({});
    renderRoutes(createRoutes(), '/board/secret');
    expect(await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' })).toBeInTheDocument();
  });

  it('a missing post is not found', async () => {
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () =>
        json({ key: 'BOARD.POST_NOT_FOUND', status: 404, title: 'Not Found', type: 'x' }, 404),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없어요' })).toBeInTheDocument();
  });

  it('a server failure offers a retry that recovers, keeping the site frame', async () => {
    let healthy = false;
    mockApi({
      'GET /api/board/posts': withoutWeeklyBest(() =>
        healthy
          ? json(page([postSummary()]))
          : json({ key: 'GATEWAY.NO_READY_REPLICA', status: 503, title: 'Bad Gateway', type: 'x' }, 503),
      ),
    });
    renderRoutes(createRoutes(), '/board/free');
    expect(await screen.findByRole('heading', { level: 1, name: '페이지를 불러오지 못했어요' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('서버에 문제가 생겼어요');
    expect(screen.getByRole('navigation', { name: '주 메뉴' })).toBeInTheDocument();
    healthy = true;
    await userEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByRole('link', { name: /야간 근무 후 수면 관리/ })).toBeInTheDocument();
  });

  it('a network failure says so', async () => {
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    renderRoutes(createRoutes(), '/hospitals');
    expect(await screen.findByRole('alert')).toHaveTextContent('서버에 연결할 수 없어요');
    expect(screen.getByRole('button', { name: '다시 시도' })).toBeInTheDocument();
  });
});
