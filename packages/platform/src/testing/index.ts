export * from './http-client.js';
export * from './test-database.js';
