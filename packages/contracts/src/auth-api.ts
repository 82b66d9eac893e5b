import { AUTH_REFRESH_PATH } from './auth.js';

/**
 * The auth service's paths. In a module of their own: the web app bundles a module with the first
 * page that imports any of it, and only the account pages need these.
 */
export const AUTH_API = {
  prefix: '/api/auth',
  signup: '/api/auth/signup',
  login: '/api/auth/login',
  refresh: AUTH_REFRESH_PATH,
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  emailVerification: '/api/auth/email/verification',
  emailVerify: '/api/auth/email/verify',
  logoutAll: '/api/auth/logout/all',
  passwordResetRequest: '/api/auth/password/reset-request',
  passwordReset: '/api/auth/password/reset',
  affiliation: '/api/auth/me/affiliation',
  affiliationWorkEmail: '/api/auth/me/affiliation/work-email',
  affiliationWorkEmailVerify: '/api/auth/me/affiliation/work-email/verify',
  affiliationRequests: '/api/auth/me/affiliation/requests',
  adminAffiliationRequests: '/api/auth/admin/affiliation-requests',
  jwks: '/api/auth/.well-known/jwks.json',
} as const;
