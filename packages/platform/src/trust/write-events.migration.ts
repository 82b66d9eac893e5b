import { tableMigration } from '../database/table-migration.js';
import { WRITE_EVENTS_TABLE } from './write-log.js';

/**
 * The log behind per-member write limits (`SqlWriteLog`), shared by every replica. Rows live a day
 * at most: the longest limit window.
 */
export const WriteEvents1764600001000 = tableMigration('WriteEvents1764600001000', (c) => ({
  name: WRITE_EVENTS_TABLE,
  columns: [c.id(), c.varchar('event_key', 120), { name: 'at_ms', type: 'bigint' }],
  indices: [
    { name: 'idx_write_events_key', columnNames: ['event_key', 'at_ms'] },
    { name: 'idx_write_events_at', columnNames: ['at_ms'] },
  ],
}));
