import {
  type AffiliationRequestView,
  AUTH_API,
  type JobCategory,
  type LoginRequest,
  type MyAffiliation,
  type MyProfile,
  type PasswordReset,
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

export function getMyAffiliation(signal?: AbortSignal): Promise<MyAffiliation> {
  return api<MyAffiliation>(AUTH_API.affiliation, { signal });
}

export function sendWorkEmailCode(email: string): Promise<void> {
  return api<void>(AUTH_API.affiliationWorkEmail, { method: 'POST', body: { email } });
}

/** Confirms the work address; the renewed token then says the member is a verified insider. */
export async function verifyWorkEmail(code: string): Promise<MyProfile> {
  const user = await api<MyProfile>(AUTH_API.affiliationWorkEmailVerify, { method: 'POST', body: { code } });
  session.updateUser(user);
  await session.renew();
  return user;
}

export function requestAffiliationReview(evidence: string): Promise<AffiliationRequestView> {
  return api<AffiliationRequestView>(AUTH_API.affiliationRequests, { method: 'POST', body: { evidence } });
}

/** Answers alike whether or not the address has an account. */
export function requestPasswordReset(email: string): Promise<void> {
  return api<void>(AUTH_API.passwordResetRequest, { method: 'POST', body: { email } });
}

export function resetPassword(reset: PasswordReset): Promise<void> {
  return api<void>(AUTH_API.passwordReset, { method: 'POST', body: reset });
}
