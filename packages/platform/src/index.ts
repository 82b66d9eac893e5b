import 'reflect-metadata';

export * from './auth/index.js';
export * from './bootstrap/index.js';
export * from './config/index.js';
export * from './database/index.js';
export * from './errors/index.js';
export * from './health/index.js';
export * from './idempotency/index.js';
export * from './logging/index.js';
export * from './metrics/index.js';
export * from './pagination/index.js';
export * from './platform.module.js';
export * from './request/index.js';
export * from './revocations/index.js';
export * from './service.module.js';
export * from './service-name.js';
export * from './trust/index.js';
