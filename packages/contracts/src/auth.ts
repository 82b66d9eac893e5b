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
  emailVerified: boolean;
  /** When the account was created (ISO date-time): account age weighs in write limits and reports. */
  memberSince: string;
}

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

export const AUTH_API = {
  prefix: '/api/auth',
  signup: '/api/auth/signup',
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  emailVerification: '/api/auth/email/verification',
  emailVerify: '/api/auth/email/verify',
  jwks: '/api/auth/.well-known/jwks.json',
} as const;

export const REFRESH_COOKIE_NAME = 'cb_refresh';
