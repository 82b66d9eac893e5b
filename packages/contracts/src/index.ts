export * from './auth.js';
export * from './board.js';
export * from './hospital.js';
export * from './lab.js';
export * from './moderation.js';
export * from './pagination.js';
export * from './problem.js';
export * from './problem-keys.js';
