import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { searchKey } from '../hospitals/search.js';
import { HOSPITAL_ALIASES_TABLE } from '../hospitals/search-sql.js';

/** What people call well-known hospitals, beside the names the agency lists them under. */
const ALIASES: [alias: string, name: string][] = [
  ['세브란스', '신촌세브란스병원'],
  ['세브란스', '연세대학교의과대학세브란스병원'],
  ['신촌세브란스', '연세대학교의과대학세브란스병원'],
  ['연대병원', '연세대학교의과대학세브란스병원'],
  ['서울대병원', '서울대학교병원'],
  ['아산병원', '서울아산병원'],
  ['삼성병원', '삼성서울병원'],
  ['서울성모', '가톨릭대학교서울성모병원'],
  ['성모병원', '가톨릭대학교서울성모병원'],
  ['고대병원', '고려대학교안암병원'],
  ['고대안암병원', '고려대학교안암병원'],
  ['고대구로병원', '고려대학교구로병원'],
  ['고대안산병원', '고려대학교안산병원'],
  ['분당서울대', '분당서울대학교병원'],
  ['보라매병원', '서울특별시보라매병원'],
  ['일산병원', '국민건강보험공단일산병원'],
];

/**
 * Hospital search as people type it: an alias table (folded alias → folded name, so it holds for
 * every hospital of that name, imported before or after), and an index for searching by district.
 */
export class HospitalAliases1764700000000 implements MigrationInterface {
  name = 'HospitalAliases1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: HOSPITAL_ALIASES_TABLE,
        columns: [
          c.varchar('alias_search', 200, { isPrimary: true }),
          c.varchar('name_search', 200, { isPrimary: true }),
        ],
        indices: [{ name: 'idx_hospital_aliases_name', columnNames: ['name_search'] }],
      }),
    );
    if (runner.connection.options.type === 'postgres') {
      // Prefix matches of aliases as they are typed ("세브" → 세브란스) walk this index.
      await runner.query(
        `CREATE INDEX idx_hospital_aliases_prefix ON ${HOSPITAL_ALIASES_TABLE} (alias_search text_pattern_ops)`,
      );
    }
    await runner.manager
      .createQueryBuilder()
      .insert()
      .into(HOSPITAL_ALIASES_TABLE, ['alias_search', 'name_search'])
      .values(ALIASES.map(([alias, name]) => ({ alias_search: searchKey(alias), name_search: searchKey(name) })))
      .execute();
    await runner.createIndex(
      'hospitals',
      new TableIndex({ name: 'idx_hospitals_district', columnNames: ['district', 'name', 'id'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('hospitals', 'idx_hospitals_district');
    await runner.dropTable(HOSPITAL_ALIASES_TABLE, true);
  }
}
