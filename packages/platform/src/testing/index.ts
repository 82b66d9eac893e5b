export * from './http-client.js';
export * from './jwks-server.js';
export * from './test-database.js';
