import type { AdminAffiliationRequest, AffiliationRequestView } from '@carebridge/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HOSPITAL_ID, hospital, page } from '../../testing/fixtures';
import { json, member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const REQUEST_ID = '66666666-6666-4666-8666-666666666666';
const pending: AffiliationRequestView = {
  id: REQUEST_ID,
  method: 'evidence',
  status: 'pending',
  hospitalId: HOSPITAL_ID,
  workEmail: null,
  evidence: '내과 병동 간호사, 사번 20231234',
  createdAt: '2026-11-30T00:00:00.000Z',
  decidedAt: null,
};
const problem = (key: string, status: number, errors?: { field: string; message: string }[]) =>
  json({ key, status, title: 'x', type: 'x', ...(errors ? { errors } : {}) }, status);

function meApi(request: AffiliationRequestView | null, extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
    'GET /api/auth/me/affiliation': () => json({ request }),
    ...extra,
  });
}

describe('verifying the workplace from 내 정보', () => {
  it('sends a code to a work address and confirms it: the member becomes a verified insider', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    const calls = meApi(null, {
      'POST /api/auth/me/affiliation/work-email': () =>
        json({ sentTo: 'nu***@hanbit.example', expiresAt: '2026-12-01T00:10:00Z' }, 202),
      'POST /api/auth/me/affiliation/work-email/verify': () =>
        json(member({ hospitalId: HOSPITAL_ID, insiderVerified: true })),
    });
    renderRoutes(createRoutes(), '/me');
    const panel = await screen.findByRole('region', { name: '소속 인증' });
    await userEvent.type(within(panel).getByLabelText('업무용 이메일'), 'nurse@hanbit.example');
    await userEvent.click(within(panel).getByRole('button', { name: '인증 코드 받기' }));
    expect(await within(panel).findByText('nurse@hanbit.example(으)로 6자리 코드를 보냈어요.')).toBeInTheDocument();
    await userEvent.type(within(panel).getByLabelText('인증 코드'), '123456');
    await userEvent.click(within(panel).getByRole('button', { name: '인증하기' }));
    expect(await screen.findByText('인증된 인사이더')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '소속 인증' })).not.toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname.endsWith('/work-email'))?.body).toEqual({ email: 'nurse@hanbit.example' });
    expect(calls.find((c) => c.url.pathname.endsWith('/verify'))?.body).toEqual({ code: '123456' });
  });

  it('names an address at a domain the hospital never registered, in Korean', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    meApi(null, {
      'POST /api/auth/me/affiliation/work-email': () =>
        problem('AUTH.WORK_EMAIL_DOMAIN_NOT_REGISTERED', 400, [
          { field: 'email', message: 'is not at a domain your workplace registered' },
        ]),
    });
    renderRoutes(createRoutes(), '/me');
    const panel = await screen.findByRole('region', { name: '소속 인증' });
    await userEvent.type(within(panel).getByLabelText('업무용 이메일'), 'me@gmail.com');
    await userEvent.click(within(panel).getByRole('button', { name: '인증 코드 받기' }));
    await waitFor(() =>
      expect(within(panel).getByLabelText('업무용 이메일')).toHaveAccessibleDescription(
        /병원이 등록한 도메인의 이메일이 아니에요/,
      ),
    );
  });

  it('asks an admin with evidence, then shows the request as under review', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    const calls = meApi(null, { 'POST /api/auth/me/affiliation/requests': () => json(pending, 201) });
    renderRoutes(createRoutes(), '/me');
    const panel = await screen.findByRole('region', { name: '소속 인증' });
    await userEvent.type(within(panel).getByLabelText('증빙 내용'), pending.evidence as string);
    await userEvent.click(within(panel).getByRole('button', { name: '인증 요청 보내기' }));
    expect(await within(panel).findByText('검토 중')).toBeInTheDocument();
    expect(within(panel).queryByLabelText('증빙 내용')).not.toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ evidence: pending.evidence });
  });

  it('shows a declined request and lets the member ask again', async () => {
    signInAs(member({ hospitalId: HOSPITAL_ID }));
    meApi({ ...pending, status: 'rejected', decidedAt: '2026-12-01T00:00:00.000Z' });
    renderRoutes(createRoutes(), '/me');
    const panel = await screen.findByRole('region', { name: '소속 인증' });
    expect(within(panel).getByText('반려됨')).toBeInTheDocument();
    expect(within(panel).getByText(/다시 요청할 수 있어요/)).toBeInTheDocument();
    expect(within(panel).getByLabelText('증빙 내용')).toBeInTheDocument();
  });

  it('is not offered to verified insiders, members without a workplace, or before the email is verified', async () => {
    for (const user of [
      member({ hospitalId: HOSPITAL_ID, insiderVerified: true }),
      member(),
      member({ hospitalId: HOSPITAL_ID, emailVerified: false }),
    ]) {
      signInAs(user);
      meApi(null);
      const view = renderRoutes(createRoutes(), '/me');
      await screen.findByRole('heading', { level: 1, name: '내 정보' });
      expect(screen.queryByRole('region', { name: '소속 인증' })).not.toBeInTheDocument();
      view.unmount();
    }
  });
});

describe('the admin queue of affiliation requests', () => {
  const item: AdminAffiliationRequest = {
    ...pending,
    userId: 'u-9',
    nickname: '병동간호사',
    jobCategory: 'nurse',
    accountEmailDomain: 'gmail.com',
  };

  it('shows the evidence and approves: the request leaves the queue', async () => {
    signInAs(member({ role: 'admin' }));
    const calls = mockApi({
      'GET /api/auth/admin/affiliation-requests': () => json(page([item])),
      [`POST /api/auth/admin/affiliation-requests/${REQUEST_ID}/decision`]: () =>
        json({ ...pending, status: 'approved' }),
    });
    renderRoutes(createRoutes(), '/admin/members');
    const queue = await screen.findByRole('region', { name: '소속 인증 요청' });
    expect(within(queue).getByText(pending.evidence as string)).toBeInTheDocument();
    expect(within(queue).getByText('가입 이메일 도메인: gmail.com')).toBeInTheDocument();
    await userEvent.click(within(queue).getByRole('button', { name: '승인' }));
    expect(await within(queue).findByText('검토할 요청이 없어요.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'approve' });
  });

  it('says so when the member changed workplace since asking', async () => {
    signInAs(member({ role: 'admin' }));
    const other = { ...item, id: '77777777-7777-4777-8777-777777777777' };
    mockApi({
      'GET /api/auth/admin/affiliation-requests': () => json(page([other])),
      [`POST /api/auth/admin/affiliation-requests/${other.id}/decision`]: () =>
        problem('AUTH.AFFILIATION_WORKPLACE_CHANGED', 409),
    });
    // Another entry than the test before (lists restore what an entry showed on Back).
    renderRoutes(createRoutes(), '/admin/members?again');
    const queue = await screen.findByRole('region', { name: '소속 인증 요청' });
    await userEvent.click(within(queue).getByRole('button', { name: '승인' }));
    expect(await within(queue).findByText(/근무지를 바꾼 회원이라 승인할 수 없어요/)).toBeInTheDocument();
  });
});
