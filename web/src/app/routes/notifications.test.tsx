import type { NotificationItem } from '@carebridge/contracts';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UNREAD_REFRESH_MS, unreadCountIsStale } from '../../features/board/unread-notifications';
import { POST_ID, page, postDetail, postSummary } from '../../testing/fixtures';
import { inEnglish, json, member, mockApi, renderRoutes, signInAs, withoutWeeklyBest } from '../../testing/render';
import { createRoutes } from '../router';

const notification = (overrides: Partial<NotificationItem> = {}): NotificationItem => ({
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  kind: 'comment_on_post',
  postId: POST_ID,
  postTitle: '야간 근무 후 수면 관리',
  board: 'free',
  commentId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  read: false,
  ...overrides,
});

const answered = notification({
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  kind: 'answer_accepted',
  board: 'qna',
  postTitle: '신규 간호사 교육 기간',
  read: true,
});

/** A member with `unread` notifications on the free board; the list and writes are recorded. */
function memberWithNotifications(unread: { count: number }) {
  signInAs(member());
  return mockApi({
    'GET /api/board/posts': withoutWeeklyBest(() => json(page([postSummary()]))),
    [`GET /api/board/posts/${POST_ID}`]: () => json(postDetail()),
    [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([])),
    'GET /api/board/me/notifications/unread-count': () => json(unread),
    'GET /api/board/me/notifications': () => json(page([notification(), answered])),
    'POST /api/board/me/notifications/read': (_url, init) => {
      const ids = (JSON.parse(String(init.body)) as { ids?: string[] }).ids;
      unread.count = ids ? Math.max(0, unread.count - ids.length) : 0;
      return new Response(null, { status: 204 });
    },
  });
}

describe('notifications', () => {
  it('show the unread count on the bell, list what happened, and clear the bell with 모두 읽음', async () => {
    const calls = memberWithNotifications({ count: 3 });
    renderRoutes(createRoutes(), '/board/free');
    const header = within(screen.getByRole('banner'));
    const bell = await header.findByRole('link', { name: '알림, 읽지 않은 알림 3개' });
    expect(bell).toHaveTextContent('3');

    await userEvent.click(bell);
    expect(await screen.findByRole('heading', { level: 1, name: '알림' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '알림', current: 'page' })).toBeInTheDocument();
    const unreadRow = screen.getByRole('link', { name: '내 글에 새 댓글이 달렸어요' }).closest('li') as HTMLElement;
    expect(unreadRow).toHaveClass('notification-unread');
    expect(within(unreadRow).getByText('읽지 않음')).toBeInTheDocument();
    expect(within(unreadRow).getByText('‘야간 근무 후 수면 관리’')).toBeInTheDocument();
    expect(within(unreadRow).getByText('5분 전')).toBeInTheDocument();
    const readRow = screen.getByRole('link', { name: '내 답변이 채택됐어요' }).closest('li') as HTMLElement;
    expect(readRow).not.toHaveClass('notification-unread');
    expect(within(readRow).getByText('Q&A')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '모두 읽음' }));
    expect(await header.findByRole('link', { name: '알림' })).not.toHaveTextContent(/\d/);
    expect(unreadRow).not.toHaveClass('notification-unread');
    expect(screen.getByRole('button', { name: '모두 읽음' })).toBeDisabled();
    const read = calls.filter((c) => c.method === 'POST');
    expect(read.map((c) => c.body)).toEqual([{}]);
    // Everything was asked for by token alone: no nickname, id or email in any notification request.
    const asked = calls.filter((c) => c.url.pathname.includes('/notifications'));
    expect(asked.every((c) => c.url.search === '' && c.headers.authorization === 'Bearer token')).toBe(true);
  });

  it('mark one read when it is opened, and take the member to its post', async () => {
    const calls = memberWithNotifications({ count: 1 });
    const { router } = renderRoutes(createRoutes(), '/me?tab=notifications');
    await userEvent.click(await screen.findByRole('link', { name: '내 글에 새 댓글이 달렸어요' }));
    await screen.findByRole('heading', { level: 1, name: postDetail().title });
    expect(router.state.location.pathname).toBe(`/board/free/${POST_ID}`);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ ids: [notification().id] }]);
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: '알림' })).not.toHaveTextContent(/\d/);
  });

  it('say so when there are none, and show no bell to visitors', async () => {
    signInAs(member());
    mockApi({
      'GET /api/board/me/posts': () => json(page([])),
      'GET /api/board/me/notifications/unread-count': () => json({ count: 0 }),
      'GET /api/board/me/notifications': () => json(page([])),
    });
    const view = renderRoutes(createRoutes(), '/me?tab=posts');
    await userEvent.click(await within(screen.getByRole('banner')).findByRole('link', { name: '알림' }));
    expect(await screen.findByText(/아직 알림이 없어요/)).toBeInTheDocument();
    view.unmount();

    signInAs(null);
    const calls = mockApi({ 'GET /api/board/posts': withoutWeeklyBest(() => json(page([postSummary()]))) });
    renderRoutes(createRoutes(), '/board/free');
    await screen.findByRole('link', { name: postSummary().title });
    await act(() => Promise.resolve());
    expect(screen.queryByRole('link', { name: /^알림/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname.includes('notifications'))).toBe(false);
  });

  it('are in English too, with the count and each kind named', async () => {
    await inEnglish();
    memberWithNotifications({ count: 1 });
    renderRoutes(createRoutes(), '/board/free', 'en');
    await userEvent.click(
      await within(screen.getByRole('banner')).findByRole('link', { name: 'Notifications, 1 unread' }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New comment on your post' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Your answer was accepted' })).toBeInTheDocument();
    expect(screen.getByText('Unread')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeEnabled();
  });

  it('ask for the count again only when the last answer is old, unless told to', () => {
    expect(unreadCountIsStale(null, 1_000)).toBe(true);
    expect(unreadCountIsStale(1_000, 1_000 + UNREAD_REFRESH_MS - 1)).toBe(false);
    expect(unreadCountIsStale(1_000, 1_000 + UNREAD_REFRESH_MS)).toBe(true);
    expect(unreadCountIsStale(1_000, 1_001, true)).toBe(true);
  });
});
