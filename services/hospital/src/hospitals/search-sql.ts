import { containsPattern, type Dialect, LIKE_ESCAPE } from '@carebridge/platform';
import type { HospitalSearchPlan } from './search-plan.js';

export const HOSPITAL_ALIASES_TABLE = 'hospital_aliases';

export interface SearchSql {
  /** A condition on `h`: the hospital is one the plan finds. */
  where: string;
  /** 0 for a name or alias starting with the query, 1 for a name containing it, 2 for the rest. */
  rank: string;
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
  const names = plan.names.map((value, i) => nameMatch('n.name_search', value, `sName${i}`));
  const arms = names.map((sql) => `SELECT n.id FROM hospitals n WHERE ${sql}`);
  const aliased = `SELECT n.id FROM hospitals n JOIN ${HOSPITAL_ALIASES_TABLE} a ON a.name_search = n.name_search WHERE a.alias_search LIKE :sPrefix ${LIKE_ESCAPE}`;
  arms.push(aliased);
  const f = plan.filters;
  if (f) {
    const conditions: string[] = [];
    f.districts.forEach((district, i) => {
      params[`sDistrict${i}`] = district;
      conditions.push(`n.district = :sDistrict${i}`);
    });
    f.regions.forEach((region, i) => {
      params[`sRegion${i}`] = region;
      conditions.push(`n.region = :sRegion${i}`);
    });
    f.departments.forEach((departments, i) => {
      params[`sDepartments${i}`] = departments;
      conditions.push(
        `n.id IN (SELECT d.hospital_id FROM hospital_departments d WHERE d.name IN (:...sDepartments${i}))`,
      );
    });
    f.nameParts.forEach((part, i) => {
      conditions.push(nameMatch('n.name_search', part, `sPart${i}`));
    });
    arms.push(`SELECT n.id FROM hospitals n WHERE ${conditions.join(' AND ')}`);
  }
  const contains = plan.names.map((_, i) => `h.name_search LIKE :sName${i} ${LIKE_ESCAPE}`).join(' OR ');
  const rank = `(CASE WHEN h.name_search LIKE :sPrefix ${LIKE_ESCAPE} OR h.name_search IN (SELECT a.name_search FROM ${HOSPITAL_ALIASES_TABLE} a WHERE a.alias_search LIKE :sPrefix ${LIKE_ESCAPE}) THEN 0 WHEN ${contains} THEN 1 ELSE 2 END)`;
  return { where: `h.id IN (${arms.join(' UNION ')})`, rank, params };
}
