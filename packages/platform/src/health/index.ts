export * from './health.controller.js';
export * from './lifecycle.js';
