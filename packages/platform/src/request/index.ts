export * from './hostile-input.js';
export * from './json-body.js';
export * from './json-depth.js';
