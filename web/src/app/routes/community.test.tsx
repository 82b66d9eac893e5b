// What readers of Korean community boards expect (issue 17): dense rows, search on every page,
// a dark mode that follows the system with a switch.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { page, postSummary } from '../../testing/fixtures';
import { json, mockApi, renderRoutes, withoutWeeklyBest } from '../../testing/render';
import { createRoutes } from '../router';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('board rows', () => {
  it('title with [comments], nickname, how long ago, views and likes; Q&A says answered or not', async () => {
    mockApi({
      'GET /api/board/posts': withoutWeeklyBest(() =>
        json(
          page([
            postSummary({
              id: 'a',
              board: 'qna',
              title: '야간 수당 질문',
              commentCount: 3,
              viewCount: 120,
              likeCount: 4,
              createdAt: minutesAgo(5),
            }),
            postSummary({
              id: 'b',
              board: 'qna',
              title: '인수인계 시간',
              commentCount: 0,
              answered: true,
              createdAt: minutesAgo(90),
            }),
          ]),
        ),
      ),
    });
    renderRoutes(createRoutes(), '/board/qna');
    await screen.findByRole('link', { name: '야간 수당 질문' });
    const rows = screen.getAllByRole('listitem');
    const first = rows.find((row) => row.textContent?.includes('야간 수당 질문')) as HTMLElement;
    expect(within(first).getByText('[3]')).toBeInTheDocument();
    expect(within(first).getByText('5분 전')).toBeInTheDocument();
    expect(within(first).getByText('조회 120')).toBeInTheDocument();
    expect(within(first).getByText('좋아요 4')).toBeInTheDocument();
    expect(within(first).getByText('미답변')).toBeInTheDocument();
    expect(within(first).getByText('새벽근무')).toBeInTheDocument();
    const second = rows.find((row) => row.textContent?.includes('인수인계 시간')) as HTMLElement;
    expect(within(second).getByText('채택 완료')).toBeInTheDocument();
    expect(within(second).queryByText(/^\[/)).toBeNull();
    expect(within(second).getByText('1시간 전')).toBeInTheDocument();
  });
});

describe('the header', () => {
  it('searches posts and hospitals from any page', async () => {
    mockApi({
      'GET /api/hospitals': () => json(page([])),
      'GET /api/board/posts': () => json(page([postSummary()])),
    });
    const { router } = renderRoutes(createRoutes(), '/hospitals');
    const search = within(await screen.findByRole('banner')).getByRole('searchbox', { name: '전체 검색' });
    await userEvent.type(search, '야간{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: '“야간” 검색 결과' })).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/search?q=%EC%95%BC%EA%B0%84');
  });

  it('switches to dark and back to following the system', async () => {
    mockApi({ 'GET /api/board/posts': () => json(page([])) });
    renderRoutes(createRoutes(), '/board/free');
    const dark = await screen.findByRole('button', { name: '어두운 화면' });
    expect(dark).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(dark);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('cb_theme')).toBe('dark');
    expect(dark).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(dark);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('cb_theme')).toBeNull();
  });
});
