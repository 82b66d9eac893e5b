export const JOB_CATEGORIES = ['doctor', 'nurse', 'technician', 'pharmacist', 'administration', 'other'] as const;
export type JobCategory = (typeof JOB_CATEGORIES)[number];

export const ROLES = ['member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const NICKNAME_MIN_LENGTH = 2;
export const NICKNAME_MAX_LENGTH = 20;
/** Letters of any script (Hangul included), digits, `_`, `-` and `.`. */
export const NICKNAME_PATTERN = /^[\p{L}\p{N}_.-]+$/u;
export const HOSPITAL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const EMAIL_CODE_LENGTH = 6;

/** Claims of an access token, as every service sees the caller. */
export interface AccessTokenClaims {
  sub: string;
  nickname: string;
  role: Role;
  hospitalId: string | null;
  jobCategory: JobCategory | null;
  insiderVerified: boolean;
  /** The account's email address is confirmed; writing anywhere needs it. */
  emailVerified: boolean;
  /** When the account was created (ISO 8601 date-time): services give new accounts tighter limits. */
  memberSince: string;
}

/**
 * Labels the system itself shows (staff, withdrawn members, the brand), compared by confusable
 * skeleton: no nickname may look like one of them.
 */
export const RESERVED_NICKNAMES = [
  'admin',
  'administrator',
  'moderator',
  'operator',
  'staff',
  'system',
  'root',
  'carebridge',
  '케어브릿지',
  '케어브리지',
  '카케브릿지',
  '관리자',
  '운영자',
  '운영팀',
  '운영진',
  '관리팀',
  '고객센터',
  '탈퇴한회원',
  '탈퇴회원',
  '알수없음',
  '익명',
  '인증된인사이더',
] as const;

/** A released nickname (account deleted, nickname changed) stays unavailable to others this long. */
export const NICKNAME_COOLING_OFF_DAYS = 30;

/** The caller's own account: the only response that carries the email address. */
export interface MyProfile {
  id: string;
  email: string;
  nickname: string;
  hospitalId: string | null;
  jobCategory: JobCategory | null;
  role: Role;
  emailVerified: boolean;
  insiderVerified: boolean;
  createdAt: string;
}

export interface SessionResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: MyProfile;
}

export interface SignupRequest {
  email: string;
  password: string;
  nickname: string;
  hospitalId?: string;
  jobCategory?: JobCategory;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordReset {
  email: string;
  code: string;
  newPassword: string;
}

/** What sign-up answers, whether or not the email already had an account: it never tells which. */
export interface SignupAccepted {
  status: 'pending-verification';
  /** The address the confirmation went to, masked. */
  sentTo: string;
}

/** The one auth path every page needs (renewing the session); the rest are in auth-api.ts. */
export const AUTH_REFRESH_PATH = '/api/auth/refresh';

export const REFRESH_COOKIE_NAME = 'cb_refresh';

/** The longest evidence text a member may attach to an affiliation request. */
export const AFFILIATION_EVIDENCE_MAX_LENGTH = 1000;

/**
 * How a member proves their workplace: a code mailed to a work address at a domain the hospital
 * registered, or evidence text an admin reads and approves or rejects.
 */
export type AffiliationMethod = 'work-email' | 'evidence';

/** `code-sent`: waiting for the work-email code; `pending`: waiting for an admin. */
export type AffiliationStatus = 'code-sent' | 'pending' | 'approved' | 'rejected';
export const AFFILIATION_STATUSES = ['code-sent', 'pending', 'approved', 'rejected'] as const;

export type AffiliationDecision = 'approve' | 'reject';
export const AFFILIATION_DECISIONS = ['approve', 'reject'] as const;

/** A member's own affiliation request, as they see it (the work address masked). */
export interface AffiliationRequestView {
  id: string;
  method: AffiliationMethod;
  status: AffiliationStatus;
  hospitalId: string;
  workEmail: string | null;
  evidence: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** The member's latest request for their current workplace, if any. */
export interface MyAffiliation {
  request: AffiliationRequestView | null;
}

/** An evidence request in the admin queue, with what the admin needs to judge it. */
export interface AdminAffiliationRequest extends AffiliationRequestView {
  userId: string;
  nickname: string;
  jobCategory: JobCategory | null;
  /** The account's own address domain (not the address), a hint for the admin. */
  accountEmailDomain: string;
}
