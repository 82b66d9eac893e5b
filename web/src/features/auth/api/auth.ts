import {
  AUTH_API,
  type JobCategory,
  type LoginRequest,
  type MyProfile,
  type SessionResponse,
  type SignupAccepted,
  type SignupRequest,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';
import { session } from '../../../lib/session';

export async function login(credentials: LoginRequest): Promise<MyProfile> {
  const response = await api<SessionResponse>(AUTH_API.login, { method: 'POST', body: credentials });
  session.signIn(response);
  return response.user;
}

/** The same answer whether or not the email was taken; the next sign-in tells the member. */
export function signup(request: SignupRequest): Promise<SignupAccepted> {
  return api<SignupAccepted>(AUTH_API.signup, { method: 'POST', body: request });
}

export async function logout(): Promise<void> {
  try {
    await api<void>(AUTH_API.logout, { method: 'POST' });
  } finally {
    session.clear();
  }
}

export async function fetchMe(): Promise<MyProfile> {
  const user = await api<MyProfile>(AUTH_API.me);
  session.updateUser(user);
  return user;
}

export interface ProfileChange {
  nickname?: string;
  hospitalId?: string | null;
  jobCategory?: JobCategory | null;
  currentPassword?: string;
  newPassword?: string;
}

export async function updateMe(change: ProfileChange): Promise<MyProfile> {
  const user = await api<MyProfile>(AUTH_API.me, { method: 'PATCH', body: change });
  session.updateUser(user);
  return user;
}

export async function deleteAccount(password: string): Promise<void> {
  await api<void>(AUTH_API.me, { method: 'DELETE', body: { password } });
  session.clear();
}

export function requestEmailCode(): Promise<void> {
  return api<void>(AUTH_API.emailVerification, { method: 'POST' });
}

export async function verifyEmail(code: string): Promise<MyProfile> {
  const user = await api<MyProfile>(AUTH_API.emailVerify, { method: 'POST', body: { code } });
  session.updateUser(user);
  return user;
}
