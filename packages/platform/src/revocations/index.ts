export * from './revocation-list.js';
export * from './revocations.controller.js';
export * from './revocations.module.js';
export * from './token-revocation.entity.js';
export * from './token-revocations.migration.js';
