import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class HospitalSchema1763900000000 implements MigrationInterface {
  name = 'HospitalSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    const double = (name: string) => ({ name, type: 'double precision', isNullable: true });
    const counter = (name: string) => c.int(name, { default: '0' });
    await runner.createTable(
      new Table({
        name: 'hospitals',
        columns: [
          c.id(),
          c.varchar('agency_code', 200, { isNullable: true, isUnique: true }),
          c.varchar('name', 200),
          c.varchar('name_search', 200),
          c.varchar('type', 40),
          c.varchar('region', 40),
          c.varchar('district', 60, { isNullable: true }),
          c.varchar('address', 500, { isNullable: true }),
          c.varchar('postal_code', 10, { isNullable: true }),
          c.varchar('phone', 40, { isNullable: true }),
          c.varchar('homepage', 500, { isNullable: true }),
          c.int('doctor_count', { isNullable: true }),
          double('latitude'),
          double('longitude'),
          counter('review_count'),
          counter('recommend_count'),
          counter('overall_sum'),
          counter('care_sum'),
          counter('honesty_sum'),
          counter('staff_sum'),
          counter('facilities_sum'),
          counter('waiting_sum'),
          counter('rating_key'),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          { name: 'idx_hospitals_name', columnNames: ['name', 'id'] },
          { name: 'idx_hospitals_region', columnNames: ['region', 'district'] },
          { name: 'idx_hospitals_type', columnNames: ['type'] },
          { name: 'idx_hospitals_rating', columnNames: ['rating_key', 'review_count', 'id'] },
          { name: 'idx_hospitals_reviews', columnNames: ['review_count', 'rating_key', 'id'] },
        ],
      }),
    );
    if (runner.connection.options.type === 'postgres') {
      // Partial-name search ("서울대" in "서울대학교병원") is `ILIKE '%…%'`, which only a trigram index
      // can serve. pg_trgm is a trusted extension: the database owner may create it.
      await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await runner.query('CREATE INDEX idx_hospitals_name_trgm ON hospitals USING gin (name_search gin_trgm_ops)');
      // Trigrams need three characters, but two-syllable searches ("연세", "강남") are the most common
      // Korean ones: an index of each name's character pairs answers those.
      await runner.query(`
        CREATE FUNCTION hospital_name_bigrams(text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT substr($1, i, 2)), '{}')
          FROM generate_series(1, char_length($1) - 1) AS i
        $$`);
      await runner.query(
        'CREATE INDEX idx_hospitals_name_bigrams ON hospitals USING gin (hospital_name_bigrams(name_search))',
      );
    }
    const ofHospital = (name: string) => ({
      name,
      columnNames: ['hospital_id'],
      referencedTableName: 'hospitals',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    await runner.createTable(
      new Table({
        name: 'hospital_departments',
        columns: [
          c.varchar('hospital_id', 36, { isPrimary: true }),
          c.varchar('name', 40, { isPrimary: true }),
          c.int('position'),
        ],
        indices: [{ name: 'idx_hospital_departments_name', columnNames: ['name', 'hospital_id'] }],
        foreignKeys: [ofHospital('fk_hospital_departments_hospital')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'hospital_email_domains',
        columns: [c.varchar('hospital_id', 36, { isPrimary: true }), c.varchar('domain', 253, { isPrimary: true })],
        indices: [{ name: 'idx_hospital_email_domains_domain', columnNames: ['domain'] }],
        foreignKeys: [ofHospital('fk_hospital_email_domains_hospital')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'reviews',
        columns: [
          c.id(),
          c.varchar('hospital_id', 36),
          c.varchar('author_sub', 64, { isNullable: true }),
          c.varchar('author_nickname', 40, { isNullable: true }),
          c.varchar('author_job_category', 20, { isNullable: true }),
          c.boolean('show_job_category', false),
          c.boolean('verified_insider', false),
          c.int('overall'),
          c.int('care'),
          c.int('honesty'),
          c.int('staff'),
          c.int('facilities'),
          c.int('waiting'),
          c.boolean('recommend', false),
          c.varchar('title', 100),
          c.text('body'),
          counter('helpful_count'),
          c.boolean('hidden', false),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        uniques: [{ name: 'uq_reviews_hospital_author', columnNames: ['hospital_id', 'author_sub'] }],
        indices: [
          { name: 'idx_reviews_latest', columnNames: ['hospital_id', 'hidden', 'created_at', 'id'] },
          { name: 'idx_reviews_helpful', columnNames: ['hospital_id', 'hidden', 'helpful_count', 'created_at', 'id'] },
          { name: 'idx_reviews_author', columnNames: ['author_sub'] },
        ],
        foreignKeys: [
          {
            name: 'fk_reviews_hospital',
            columnNames: ['hospital_id'],
            referencedTableName: 'hospitals',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'review_helpful_votes',
        columns: [
          c.varchar('review_id', 36, { isPrimary: true }),
          c.varchar('voter_sub', 64, { isPrimary: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_review_helpful_votes_voter', columnNames: ['voter_sub'] }],
        foreignKeys: [
          {
            name: 'fk_review_helpful_votes_review',
            columnNames: ['review_id'],
            referencedTableName: 'reviews',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'reports',
        columns: [
          c.id(),
          c.varchar('target_type', 20),
          c.varchar('target_id', 36),
          c.varchar('reporter_sub', 64),
          c.varchar('reason', 20),
          c.varchar('detail', 500, { isNullable: true }),
          c.timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_reports_target_reporter', columnNames: ['target_type', 'target_id', 'reporter_sub'] }],
        indices: [{ name: 'idx_reports_reporter', columnNames: ['reporter_sub'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'moderation_cases',
        columns: [
          c.id(),
          c.varchar('target_type', 20),
          c.varchar('target_id', 36),
          c.int('report_count'),
          c.varchar('status', 10),
          c.varchar('resolution', 10, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        uniques: [{ name: 'uq_moderation_cases_target', columnNames: ['target_type', 'target_id'] }],
        indices: [{ name: 'idx_moderation_cases_queue', columnNames: ['status', 'updated_at', 'id'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query('DROP INDEX IF EXISTS idx_hospitals_name_bigrams');
      await runner.query('DROP FUNCTION IF EXISTS hospital_name_bigrams(text)');
    }
    for (const table of [
      'moderation_cases',
      'reports',
      'review_helpful_votes',
      'reviews',
      'hospital_email_domains',
      'hospital_departments',
      'hospitals',
    ]) {
      await runner.dropTable(table, true);
    }
  }
}
