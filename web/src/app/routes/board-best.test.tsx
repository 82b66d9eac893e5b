// 주간 베스트 above a board's list and the 미답변 chip on Q&A (issue 17).
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ALL_PARTS, I18nProvider, loadParts } from '../../lib/i18n';
import { page, postSummary } from '../../testing/fixtures';
import { json, mockApi, renderRoutes } from '../../testing/render';
import { createRoutes } from '../router';

const best = postSummary({ id: 'best', board: 'qna', title: '이번 주 최고 질문', likeCount: 30 });
const open = postSummary({ id: 'open', board: 'qna', title: '아직 답 없는 질문', answered: false });
const solved = postSummary({ id: 'solved', board: 'qna', title: '해결된 질문', answered: true });

/** The board API as the list asks it: the week's top list, the 미답변 filter, or everything. */
function boardApi() {
  return mockApi({
    'GET /api/board/posts': (url) => {
      if (url.searchParams.get('period') === 'week') return json(page([best]));
      if (url.searchParams.get('answered') === 'false') return json(page([open]));
      return json(page([open, solved]));
    },
  });
}

describe('주간 베스트', () => {
  it('shows the most liked posts of the week above the list, asked as a bounded top list', async () => {
    const calls = boardApi();
    renderRoutes(createRoutes(), '/board/qna');
    const strip = (await screen.findByRole('heading', { name: '주간 베스트' })).closest('section') as HTMLElement;
    expect(within(strip).getByRole('link', { name: '이번 주 최고 질문' })).toBeInTheDocument();
    expect(within(strip).queryByRole('link', { name: '해결된 질문' })).toBeNull();
    const asked = calls.find((c) => c.url.searchParams.get('period') === 'week');
    expect(asked?.url.searchParams.get('sort')).toBe('popular');
    expect(asked?.url.searchParams.get('board')).toBe('qna');
    expect(asked?.url.searchParams.has('cursor')).toBe(false);
  });

  it('is not shown over search results', async () => {
    const calls = boardApi();
    renderRoutes(createRoutes(), '/board/qna?q=%EC%95%BC%EA%B0%84');
    await screen.findByRole('link', { name: '해결된 질문' });
    expect(screen.queryByRole('heading', { name: '주간 베스트' })).toBeNull();
    expect(calls.some((c) => c.url.searchParams.get('period') === 'week')).toBe(false);
  });

  it('is named in English too', async () => {
    await loadParts(ALL_PARTS, 'en');
    boardApi();
    const router = createMemoryRouter(createRoutes(), { initialEntries: ['/board/qna'] });
    render(
      <I18nProvider initial="en">
        <RouterProvider router={router} />
      </I18nProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Best of the week' })).toBeInTheDocument();
    const chips = screen.getByRole('navigation', { name: 'Answer status' });
    expect(within(chips).getByRole('link', { name: 'All' })).toHaveAttribute('aria-current', 'true');
    expect(within(chips).getByRole('link', { name: 'Unanswered' })).toBeInTheDocument();
  });
});

describe('the 미답변 chip', () => {
  it('lists only questions without an accepted answer, and 전체 lists all again', async () => {
    const calls = boardApi();
    const { router } = renderRoutes(createRoutes(), '/board/qna?sort=popular');
    await screen.findByRole('link', { name: '해결된 질문' });
    const chips = screen.getByRole('navigation', { name: '답변 상태' });
    await userEvent.click(within(chips).getByRole('link', { name: '미답변' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: '해결된 질문' })).toBeNull());
    expect(screen.getByRole('link', { name: '아직 답 없는 질문' })).toBeInTheDocument();
    expect(within(chips).getByRole('link', { name: '미답변' })).toHaveAttribute('aria-current', 'true');
    expect(router.state.location.search).toBe('?sort=popular&answered=false');
    const filtered = calls.filter((c) => c.url.searchParams.get('answered') === 'false');
    expect(filtered.at(-1)?.url.searchParams.get('sort')).toBe('popular');
    await userEvent.click(within(chips).getByRole('link', { name: '전체' }));
    await screen.findByRole('link', { name: '해결된 질문' });
    expect(router.state.location.search).toBe('?sort=popular');
  });

  it('is not on the free board, where answers do not exist', async () => {
    boardApi();
    renderRoutes(createRoutes(), '/board/free');
    await screen.findByRole('link', { name: '해결된 질문' });
    expect(screen.queryByRole('navigation', { name: '답변 상태' })).toBeNull();
  });
});
