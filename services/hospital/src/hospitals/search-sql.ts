import { containsPattern, type Dialect, LIKE_ESCAPE } from '@carebridge/platform';
import type { HospitalSearchPlan } from './search-plan.js';

export const HOSPITAL_ALIASES_TABLE = 'hospital_aliases';

export interface SearchSql {
  /** A condition on `h`: the hospital is one the plan finds. */
  where: string;
  /**
   * The same hospitals by rank, each level a condition on `h` that excludes the levels before it:
   * 0 a name or alias starting with the query, 1 a name containing it, 2 the rest (when the plan
   * has filters). A page reads level by level in name order and stops once it is full.
   */
  levels: string[];
  params: Record<string, unknown>;
}

/**
 * The plan as SQL for PostgreSQL and SQLite. Candidates are a union of lookups that each have an
 * index (trigrams or character pairs of names, aliases, districts, departments), so the database
 * never compares the query with every name; the rank is computed for the candidates only.
 */
export function searchSql(plan: HospitalSearchPlan, dialect: Dialect): SearchSql {
  const params: Record<string, unknown> = {
    sPrefix: `${plan.key.replace(/[!%_]/g, '!$&')}%`,
  };
  const nameMatch = (column: string, value: string, name: string) => {
    params[name] = containsPattern(value);
    let sql = `${column} LIKE :${name} ${LIKE_ESCAPE}`;
    if (dialect === 'postgres' && [...value].length === 2) {
      // Too short for trigrams: the character-pair index of the schema migration finds these.
      params[`${name}Pair`] = value;
      sql += ` AND hospital_name_bigrams(${column}) @> ARRAY[CAST(:${name}Pair AS text)]`;
    }
    return sql;
  };
  const names = (alias: string) => plan.names.map((value, i) => nameMatch(`${alias}.name_search`, value, `sName${i}`));
  const arms = names('n').map((sql) => `SELECT n.id FROM hospitals n WHERE ${sql}`);
  const aliasNames = `SELECT a.name_search FROM ${HOSPITAL_ALIASES_TABLE} a WHERE a.alias_search LIKE :sPrefix ${LIKE_ESCAPE}`;
  const aliased = `SELECT n.id FROM hospitals n WHERE n.name_search IN (${aliasNames})`;
  const f = plan.filters;
  const filters = (alias: string) => {
    if (!f) return null;
    const conditions: string[] = [];
    f.districts.forEach((district, i) => {
      params[`sDistrict${i}`] = district;
      conditions.push(`${alias}.district = :sDistrict${i}`);
    });
    f.regions.forEach((region, i) => {
      params[`sRegion${i}`] = region;
      conditions.push(`${alias}.region = :sRegion${i}`);
    });
    f.departments.forEach((departments, i) => {
      params[`sDepartments${i}`] = departments;
      conditions.push(
        `${alias}.id IN (SELECT d.hospital_id FROM hospital_departments d WHERE d.name IN (:...sDepartments${i}))`,
      );
    });
    f.nameParts.forEach((part, i) => {
      conditions.push(nameMatch(`${alias}.name_search`, part, `sPart${i}`));
    });
    return conditions.join(' AND ');
  };
  const filtered = filters('n');
  const where = [...arms, aliased, ...(filtered ? [`SELECT n.id FROM hospitals n WHERE ${filtered}`] : [])];
  // Levels 1 and 2 are conditions on each row, so the planner may walk the name index and stop at
  // a page when matches are common, or look them up by index when they are rare.
  const prefixed = `(h.name_search LIKE :sPrefix ${LIKE_ESCAPE} OR h.name_search IN (${aliasNames}))`;
  const contains = `(${names('h').join(' OR ')})`;
  const levels = [
    `h.id IN (SELECT n.id FROM hospitals n WHERE ${names('n')[0]} AND n.name_search LIKE :sPrefix ${LIKE_ESCAPE} UNION ${aliased})`,
    `${contains} AND NOT ${prefixed}`,
  ];
  const rest = filters('h');
  if (rest) levels.push(`${rest} AND NOT ${prefixed} AND NOT ${contains}`);
  return { where: `h.id IN (${where.join(' UNION ')})`, levels, params };
}
