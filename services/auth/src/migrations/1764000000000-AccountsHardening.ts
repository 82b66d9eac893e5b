import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { nicknameSkeleton } from '../users/nickname.js';

/**
 * Workplace-change limits, suspension, the cooling-off of released nicknames, password-reset codes and the
 * outbox of token revocations; nickname keys become confusable skeletons.
 */
export class AccountsHardening1764000000000 implements MigrationInterface {
  name = 'AccountsHardening1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.addColumn('users', new TableColumn(c.timestamp('hospital_changed_at', { isNullable: true })));
    await runner.addColumn('users', new TableColumn(c.timestamp('suspended_at', { isNullable: true })));
    await runner.createTable(
      new Table({
        name: 'released_nicknames',
        columns: [
          c.varchar('skeleton', 80, { isPrimary: true }),
          c.varchar('released_by', 36, { isNullable: true }),
          c.timestamp('available_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          c.id(),
          c.varchar('user_id', 36),
          c.varchar('code_hash', 64),
          c.int('attempts', { default: '0' }),
          c.timestamp('expires_at'),
          c.timestamp('consumed_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_password_resets_user', columnNames: ['user_id'] }],
        foreignKeys: [
          {
            name: 'fk_password_resets_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'revocation_notices',
        columns: [
          c.id(),
          c.varchar('sub', 64),
          c.timestamp('not_before'),
          c.varchar('service_url', 300),
          c.int('attempts', { default: '0' }),
          c.varchar('last_error', 500, { isNullable: true }),
          c.timestamp('claimed_at', { isNullable: true }),
          c.timestamp('next_attempt_at', { isNullable: true }),
          c.timestamp('sent_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_revocation_notices_pending', columnNames: ['sent_at', 'created_at'] }],
      }),
    );
    // Existing keys were NFKC + lower case; a look-alike pair already taken keeps its old key.
    const users: { id: string; nickname: string }[] = await runner.query('SELECT id, nickname FROM users');
    for (const user of users) {
      await runner
        .query('UPDATE users SET nickname_key = ? WHERE id = ?', [nicknameSkeleton(user.nickname), user.id])
        .catch(() => undefined);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['revocation_notices', 'password_resets', 'released_nicknames']) {
      await runner.dropTable(table, true);
    }
    await runner.dropColumn('users', 'suspended_at');
    await runner.dropColumn('users', 'hospital_changed_at');
  }
}
