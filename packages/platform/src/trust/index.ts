export * from './content-fingerprint.js';
export * from './moderation-rows.js';
export * from './report-weight.js';
export * from './standing.js';
export * from './write-events.migration.js';
export * from './write-limiter.js';
export * from './write-limits.js';
export * from './write-log.js';
