export * from './idempotency.interceptor.js';
export * from './idempotency.module.js';
export * from './idempotency-keys.table.js';
export * from './idempotency-rules.js';
export * from './idempotency-store.js';
