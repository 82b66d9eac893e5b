import { tableMigration } from '../database/table-migration.js';

/** The table behind `RevocationsModule`; every service that takes writes from members runs it. */
export const TokenRevocations1764100000000 = tableMigration('TokenRevocations1764100000000', (c) => ({
  name: 'token_revocations',
  columns: [c.varchar('sub', 64, { isPrimary: true }), c.timestamp('not_before')],
}));
