export * from './access-token.guard.js';
export * from './allow-unverified-email.decorator.js';
export * from './cached-jwks.js';
export * from './caller.js';
export * from './internal.decorator.js';
export * from './public.decorator.js';
export * from './roles.decorator.js';
export * from './token-verifier.js';
