export * from './run-service.js';
export * from './start-service.js';
