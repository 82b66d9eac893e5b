export * from './auth.js';
export * from './pagination.js';
export * from './problem.js';
