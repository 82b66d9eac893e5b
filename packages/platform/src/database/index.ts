export * from './database.module.js';
export * from './database-errors.js';
export * from './database-options.js';
export * from './like-pattern.js';
export * from './migration-columns.js';
export * from './migration-lock.js';
export * from './sqlite-turns.js';
export * from './timestamp-column.js';
