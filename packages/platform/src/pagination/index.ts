export * from './cursor.js';
export * from './keyset.js';
