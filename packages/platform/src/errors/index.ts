export * from './problem.exception.js';
export * from './problem.filter.js';
export * from './uuid.pipe.js';
export * from './validation.pipe.js';
