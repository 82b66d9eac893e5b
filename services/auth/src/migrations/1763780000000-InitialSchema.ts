import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table, type TableForeignKeyOptions } from 'typeorm';

const ownedByUser = (name: string): TableForeignKeyOptions => ({
  name,
  columnNames: ['user_id'],
  referencedTableName: 'users',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

export class InitialSchema1763780000000 implements MigrationInterface {
  name = 'InitialSchema1763780000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('email', 254, { isUnique: true }),
          c.timestamp('email_verified_at', { isNullable: true }),
          c.varchar('password_hash', 255),
          c.varchar('nickname', 20),
          c.varchar('nickname_key', 80, { isUnique: true }),
          c.varchar('hospital_id', 64, { isNullable: true }),
          c.varchar('job_category', 20, { isNullable: true }),
          c.varchar('role', 10, { default: "'member'" }),
          c.boolean('insider_verified', false),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.id(),
          c.varchar('user_id', 36),
          c.varchar('family_id', 36),
          c.varchar('token_hash', 64, { isUnique: true }),
          c.timestamp('expires_at'),
          c.timestamp('used_at', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          { name: 'idx_refresh_tokens_family', columnNames: ['family_id'] },
          { name: 'idx_refresh_tokens_user', columnNames: ['user_id'] },
        ],
        foreignKeys: [ownedByUser('fk_refresh_tokens_user')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          c.varchar('throttle_key', 300, { isPrimary: true }),
          c.int('failures'),
          c.timestamp('window_started_at'),
          c.timestamp('blocked_until', { isNullable: true }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'email_verifications',
        columns: [
          c.id(),
          c.varchar('user_id', 36),
          c.varchar('email', 254),
          c.varchar('code_hash', 64),
          c.int('attempts', { default: '0' }),
          c.timestamp('expires_at'),
          c.timestamp('consumed_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_email_verifications_user', columnNames: ['user_id'] }],
        foreignKeys: [ownedByUser('fk_email_verifications_user')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          c.id(),
          c.varchar('recipient', 254),
          c.varchar('subject', 200),
          c.text('body'),
          c.int('attempts', { default: '0' }),
          c.varchar('last_error', 500, { isNullable: true }),
          c.timestamp('claimed_at', { isNullable: true }),
          c.timestamp('sent_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_mail_outbox_pending', columnNames: ['sent_at', 'created_at'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['mail_outbox', 'email_verifications', 'login_throttle', 'refresh_tokens', 'users']) {
      await runner.dropTable(table, true);
    }
  }
}
