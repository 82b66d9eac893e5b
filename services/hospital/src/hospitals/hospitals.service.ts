import { randomUUID } from 'node:crypto';
import {
  type AdminHospitalView,
  HOSPITAL_REGIONS,
  HOSPITAL_TYPES,
  type HospitalDetail,
  type HospitalEmailDomains,
  type HospitalSummary,
  type Page,
  type RegionsResponse,
  type TypesResponse,
} from '@carebridge/contracts';
import {
  type CursorValue,
  decodeCursor,
  dialectOfConnection,
  everyColumn,
  isUniqueViolation,
  keysetAfter,
  ProblemException,
  retryingTransaction,
  selectPlain,
  toPage,
} from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { HospitalConfig } from '../config.js';
import type { CreateHospitalDto, UpdateHospitalDto } from './dto/hospital.dto.js';
import type { ListHospitalsQuery } from './dto/list-hospitals.query.js';
import { Hospital, HospitalDepartment, HospitalEmailDomain } from './hospital.entity.js';
import { toAdminHospitalView, toHospitalDetail, toHospitalSummary } from './hospital-views.js';
import { searchKey } from './search.js';
import { type HospitalSearchPlan, planHospitalSearch } from './search-plan.js';
import { searchSql } from './search-sql.js';

/** Each sort: its ORDER BY (one direction throughout, so a row comparison is the keyset condition) and cursor. */
const SORTS = {
  name: {
    columns: ['h.name', 'h.id'],
    direction: 'ASC',
    cursorShape: ['string', 'string'],
    cursorOf: (h: Hospital): CursorValue[] => [h.name, h.id],
  },
  rating: {
    columns: ['h.ratingKey', 'h.reviewCount', 'h.id'],
    direction: 'DESC',
    cursorShape: ['number', 'number', 'string'],
    cursorOf: (h: Hospital): CursorValue[] => [h.ratingKey, h.reviewCount, h.id],
  },
  reviews: {
    columns: ['h.reviewCount', 'h.ratingKey', 'h.id'],
    direction: 'DESC',
    cursorShape: ['number', 'number', 'string'],
    cursorOf: (h: Hospital): CursorValue[] => [h.reviewCount, h.ratingKey, h.id],
  },
} as const;

export const hospitalNotFound = () =>
  ProblemException.notFound('HOSPITAL.NOT_FOUND', 'There is no hospital with this id.');

@Injectable()
export class HospitalsService {
  /** The filter lists (regions, types) count every hospital: kept briefly, dropped on every change here. */
  private readonly facets = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(
    @InjectRepository(Hospital) private readonly hospitals: Repository<Hospital>,
    private readonly dataSource: DataSource,
    private readonly config: HospitalConfig,
  ) {}

  async list(query: ListHospitalsQuery): Promise<Page<HospitalSummary>> {
    const plan = query.q ? planHospitalSearch(query.q) : null;
    if (plan?.key && query.sort === 'name') return this.search(query, plan);
    const sort = SORTS[query.sort];
    const qb = this.hospitals.createQueryBuilder('h');
    this.applyFilters(qb, query);
    if (plan?.key) {
      const { where, params } = searchSql(plan, dialectOfConnection(this.dataSource));
      qb.andWhere(where, params);
    }
    if (query.cursor) {
      const values = decodeCursor(query.cursor, [...sort.cursorShape]);
      keysetAfter(qb, sort.columns, values, sort.direction);
    }
    for (const column of sort.columns) qb.addOrderBy(column, sort.direction);
    const rows = await qb.limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, toHospitalSummary, sort.cursorOf);
  }

  /**
   * A name search as people type it (see `planHospitalSearch`): names starting with the query or
   * an alias first, then names containing it, then district and department matches; by name within each.
   */
  private async search(query: ListHospitalsQuery, plan: HospitalSearchPlan): Promise<Page<HospitalSummary>> {
    const { levels, params } = searchSql(plan, dialectOfConnection(this.dataSource));
    const start = query.cursor ? searchCursor(query.cursor, levels.length) : null;
    const ranked: { hospital: Hospital; rank: number }[] = [];
    for (let rank = start?.rank ?? 0; rank < levels.length && ranked.length <= query.limit; rank++) {
      const qb = this.hospitals.createQueryBuilder('h').andWhere(levels[rank] as string, params);
      this.applyFilters(qb, query);
      if (start && rank === start.rank) keysetAfter(qb, ['h.name', 'h.id'], [start.name, start.id], 'ASC');
      qb.orderBy('h.name', 'ASC').addOrderBy('h.id', 'ASC');
      const rows = await qb.limit(query.limit + 1 - ranked.length).getMany();
      ranked.push(...rows.map((hospital) => ({ hospital, rank })));
    }
    return toPage(
      ranked,
      query.limit,
      (r) => toHospitalSummary(r.hospital),
      (r) => [r.rank, r.hospital.name, r.hospital.id],
    );
  }

  private applyFilters(qb: SelectQueryBuilder<Hospital>, query: ListHospitalsQuery): void {
    if (query.region) qb.andWhere('h.region = :region', { region: query.region });
    if (query.district) qb.andWhere('h.district = :district', { district: query.district });
    if (query.type) qb.andWhere('h.type = :type', { type: query.type });
    if (query.department) {
      qb.andWhere('EXISTS (SELECT 1 FROM hospital_departments d WHERE d.hospital_id = h.id AND d.name = :department)', {
        department: query.department,
      });
    }
  }

  regions(): Promise<RegionsResponse> {
    return this.cached('regions', () => this.countRegions());
  }

  types(): Promise<TypesResponse> {
    return this.cached('types', () => this.countTypes());
  }

  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.facets.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = compute();
    this.facets.set(key, { expires: now + this.config.FACET_CACHE_SECONDS * 1000, value });
    value.catch(() => this.facets.delete(key));
    return value;
  }

  private async countRegions(): Promise<RegionsResponse> {
    const rows = await this.hospitals
      .createQueryBuilder('h')
      .select('h.region', 'region')
      .addSelect('h.district', 'district')
      .addSelect('COUNT(*)', 'n')
      .groupBy('h.region')
      .addGroupBy('h.district')
      .getRawMany<{ region: string; district: string | null; n: string | number }>();
    const regions = new Map<string, { name: string; count: number; districts: { name: string; count: number }[] }>();
    for (const row of rows) {
      const count = Number(row.n);
      const region = regions.get(row.region) ?? { name: row.region, count: 0, districts: [] };
      region.count += count;
      if (row.district) region.districts.push({ name: row.district, count });
      regions.set(row.region, region);
    }
    const list = [...regions.values()].sort(byKnownOrder(HOSPITAL_REGIONS));
    for (const region of list) region.districts.sort((a, b) => a.name.localeCompare(b.name, 'ko'));
    return { total: list.reduce((sum, r) => sum + r.count, 0), regions: list };
  }

  private async countTypes(): Promise<TypesResponse> {
    const rows = await this.hospitals
      .createQueryBuilder('h')
      .select('h.type', 'type')
      .addSelect('COUNT(*)', 'n')
      .groupBy('h.type')
      .getRawMany<{ type: string; n: string | number }>();
    return {
      types: rows.map((r) => ({ name: r.type, count: Number(r.n) })).sort(byKnownOrder(HOSPITAL_TYPES)),
    };
  }

  /** A hospital's page, the service's hottest read: its two statements are built once (`selectPlain`). */
  async detail(id: string): Promise<HospitalDetail> {
    const m = this.hospitals.manager;
    const [hospital] = await selectPlain(
      m.createQueryBuilder(Hospital, 'h').select(everyColumn(this.hospitals.metadata, 'h')).where('h.id = :id', { id }),
      'by-id',
    );
    if (!hospital) throw hospitalNotFound();
    const departments = await selectPlain(
      m
        .createQueryBuilder(HospitalDepartment, 'd')
        .select(['d.name'])
        .where('d.hospitalId = :id', { id })
        .orderBy('d.position', 'ASC'),
      'of-hospital',
    );
    return toHospitalDetail(
      hospital,
      departments.map((department) => department.name),
    );
  }

  // The other reads share their helpers with writes: a write passes its transaction's manager, a read the repository's.
  adminView(id: string): Promise<AdminHospitalView> {
    return this.adminViewIn(this.hospitals.manager, id);
  }

  async emailDomains(id: string): Promise<HospitalEmailDomains> {
    await this.find(this.hospitals.manager, id);
    return { hospitalId: id, domains: await emailDomainsOf(this.hospitals.manager, id) };
  }

  async create(dto: CreateHospitalDto): Promise<AdminHospitalView> {
    const id = randomUUID();
    const now = new Date();
    return this.saving(dto, async (m) => {
      await m.insert(Hospital, {
        id,
        agencyCode: dto.agencyCode ?? null,
        name: dto.name,
        nameSearch: searchKey(dto.name),
        type: dto.type,
        region: dto.region,
        district: dto.district ?? null,
        address: dto.address ?? null,
        postalCode: dto.postalCode ?? null,
        phone: dto.phone ?? null,
        homepage: dto.homepage ?? null,
        doctorCount: dto.doctorCount ?? null,
        latitude: dto.coordinates?.latitude ?? null,
        longitude: dto.coordinates?.longitude ?? null,
        reviewCount: 0,
        recommendCount: 0,
        overallSum: 0,
        careSum: 0,
        honestySum: 0,
        staffSum: 0,
        facilitiesSum: 0,
        waitingSum: 0,
        ratingKey: 0,
        createdAt: now,
        updatedAt: now,
      });
      await replaceDepartments(m, id, dto.departments ?? []);
      await replaceEmailDomains(m, id, dto.emailDomains ?? []);
      return this.adminViewIn(m, id);
    });
  }

  async update(id: string, dto: UpdateHospitalDto): Promise<AdminHospitalView> {
    return this.saving(dto, async (m) => {
      const hospital = await this.find(m, id);
      const changes: Partial<Hospital> = {};
      if (dto.agencyCode !== undefined) changes.agencyCode = dto.agencyCode;
      if (dto.name !== undefined) Object.assign(changes, { name: dto.name, nameSearch: searchKey(dto.name) });
      if (dto.type !== undefined) changes.type = dto.type;
      if (dto.region !== undefined) changes.region = dto.region;
      if (dto.district !== undefined) changes.district = dto.district;
      if (dto.address !== undefined) changes.address = dto.address;
      if (dto.postalCode !== undefined) changes.postalCode = dto.postalCode;
      if (dto.phone !== undefined) changes.phone = dto.phone;
      if (dto.homepage !== undefined) changes.homepage = dto.homepage;
      if (dto.doctorCount !== undefined) changes.doctorCount = dto.doctorCount;
      if (dto.coordinates !== undefined) {
        changes.latitude = dto.coordinates?.latitude ?? null;
        changes.longitude = dto.coordinates?.longitude ?? null;
      }
      await m.update(Hospital, { id: hospital.id }, { ...changes, updatedAt: new Date() });
      if (dto.departments !== undefined) await replaceDepartments(m, id, dto.departments);
      if (dto.emailDomains !== undefined) await replaceEmailDomains(m, id, dto.emailDomains);
      return this.adminViewIn(m, id);
    });
  }

  setEmailDomains(id: string, domains: string[]): Promise<HospitalEmailDomains> {
    return retryingTransaction(this.dataSource, async (m) => {
      await this.find(m, id);
      await replaceEmailDomains(m, id, domains);
      return { hospitalId: id, domains: await emailDomainsOf(m, id) };
    });
  }

  async find(m: EntityManager, id: string): Promise<Hospital> {
    const hospital = await m.findOneBy(Hospital, { id });
    if (!hospital) throw hospitalNotFound();
    return hospital;
  }

  private async adminViewIn(m: EntityManager, id: string): Promise<AdminHospitalView> {
    const hospital = await this.find(m, id);
    return toAdminHospitalView(hospital, await departmentsOf(m, id), await emailDomainsOf(m, id));
  }

  /** Runs an admin write, turning a taken agency code (even one taken a moment ago) into a 409. */
  private async saving<T>(dto: UpdateHospitalDto, work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await retryingTransaction(this.dataSource, work);
    } catch (error) {
      if (isUniqueViolation(error) && dto.agencyCode) {
        throw ProblemException.conflict(
          'HOSPITAL.AGENCY_CODE_TAKEN',
          'Another hospital already has this agency code.',
          'agencyCode',
        );
      }
      throw error;
    } finally {
      this.facets.clear();
    }
  }
}

export async function departmentsOf(m: EntityManager, hospitalId: string): Promise<string[]> {
  const rows = await m.find(HospitalDepartment, { where: { hospitalId }, order: { position: 'ASC' } });
  return rows.map((r) => r.name);
}

async function emailDomainsOf(m: EntityManager, hospitalId: string): Promise<string[]> {
  const rows = await m.find(HospitalEmailDomain, { where: { hospitalId }, order: { domain: 'ASC' } });
  return rows.map((r) => r.domain);
}

export async function replaceDepartments(m: EntityManager, hospitalId: string, departments: string[]): Promise<void> {
  await m.delete(HospitalDepartment, { hospitalId });
  const unique = [...new Set(departments)];
  if (unique.length > 0) {
    await m.insert(
      HospitalDepartment,
      unique.map((name, position) => ({ hospitalId, name, position })),
    );
  }
}

async function replaceEmailDomains(m: EntityManager, hospitalId: string, domains: string[]): Promise<void> {
  await m.delete(HospitalEmailDomain, { hospitalId });
  const unique = [...new Set(domains)];
  if (unique.length > 0)
    await m.insert(
      HospitalEmailDomain,
      unique.map((domain) => ({ hospitalId, domain })),
    );
}

/** Orders names by a known list first (the agency's order), then the rest alphabetically. */
function byKnownOrder(known: readonly string[]) {
  const rank = (name: string) => {
    const i = known.indexOf(name);
    return i === -1 ? known.length : i;
  };
  return (a: { name: string }, b: { name: string }) =>
    rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'ko');
}

/** A search cursor: the rank level of the last hospital handed out, its name and id. */
function searchCursor(cursor: string, levels: number): { rank: number; name: string; id: string } {
  const [rank, name, id] = decodeCursor(cursor, ['number', 'string', 'string']) as [number, string, string];
  if (!Number.isInteger(rank) || rank < 0 || rank >= levels) {
    throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
  }
  return { rank, name, id };
}
