import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

describe('password reset', () => {
  it('is linked from the log-in page', async () => {
    signInAs(null);
    mockApi({});
    renderRoutes(createRoutes(), '/login');
    await userEvent.click(await screen.findByRole('link', { name: '비밀번호를 잊었나요?' }));
    expect(await screen.findByRole('heading', { level: 1, name: '비밀번호 재설정' })).toBeInTheDocument();
  });

  it('asks for a code, then sets the new password with it', async () => {
    signInAs(null);
    const calls = mockApi({
      'POST /api/auth/password/reset-request': () => json({ status: 'accepted' }, 202),
      'POST /api/auth/password/reset': () => new Response(null, { status: 204 }),
    });
    renderRoutes(createRoutes(), '/reset-password');
    await userEvent.type(await screen.findByLabelText('이메일'), 'nurse@example.com');
    await userEvent.click(screen.getByRole('button', { name: '코드 받기' }));
    expect(await screen.findByText(/가입된 이메일이라면 코드를 보냈어요/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('인증 코드'), '123456');
    await userEvent.type(screen.getByLabelText('새 비밀번호'), 'a new long password 26');
    await userEvent.click(screen.getByRole('button', { name: '비밀번호 바꾸기' }));
    expect(await screen.findByText('비밀번호를 바꿨어요. 새 비밀번호로 로그인해 주세요.')).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname.endsWith('/reset'))?.body).toEqual({
      email: 'nurse@example.com',
      code: '123456',
      newPassword: 'a new long password 26',
    });
  });

  it('says in Korean when the code is wrong, used or expired', async () => {
    signInAs(null);
    mockApi({
      'POST /api/auth/password/reset-request': () => json({ status: 'accepted' }, 202),
      'POST /api/auth/password/reset': () =>
        json(
          {
            key: 'AUTH.PASSWORD_RESET_CODE_INVALID',
            status: 400,
            title: 'x',
            type: 'x',
            errors: [{ field: 'code', message: 'is wrong, used or expired; ask for a new one' }],
          },
          400,
        ),
    });
    renderRoutes(createRoutes(), '/reset-password?email=nurse%40example.com');
    expect(await screen.findByLabelText('이메일')).toHaveValue('nurse@example.com');
    await userEvent.click(screen.getByRole('button', { name: '코드 받기' }));
    await userEvent.type(await screen.findByLabelText('인증 코드'), '000000');
    await userEvent.type(screen.getByLabelText('새 비밀번호'), 'a new long password 26');
    await userEvent.click(screen.getByRole('button', { name: '비밀번호 바꾸기' }));
    expect(await screen.findByLabelText('인증 코드')).toHaveAccessibleDescription(
      /코드가 맞지 않거나 이미 쓰였거나 만료됐어요/,
    );
    expect(screen.queryByText(/is wrong/)).not.toBeInTheDocument();
  });
});
