import { randomUUID } from 'node:crypto';
import type { JobCategory } from '@carebridge/contracts';
import type { Dialect } from '@carebridge/platform';
import { signToken, startTestService, type TestDatabase, TestServiceHarness } from '@carebridge/platform/testing';
import { AppModule, SERVICE } from '../src/app.module.js';
import { HospitalConfig } from '../src/config.js';

export const INTERNAL_TOKEN = 'hospital-internal-token-for-tests';

export interface Member {
  sub: string;
  nickname: string;
  token: string;
  hospitalId: string | null;
}

export interface MemberOptions {
  hospitalId?: string | null;
  role?: 'member' | 'admin';
  jobCategory?: JobCategory | null;
  insiderVerified?: boolean;
  nickname?: string;
  /** The same account again (e.g. after it changed workplace). */
  sub?: string;
  /** Overrides any claim of the token (e.g. `emailVerified`). */
  claims?: Record<string, unknown>;
}

/** The real hospital service on a database of its own, trusting a real JWKS endpoint with test keys. */
export class HospitalHarness extends TestServiceHarness {
  readonly members: Member[] = [];
  private seq = 0;

  constructor(
    readonly dialect: Dialect,
    private readonly env: Record<string, string> = {},
  ) {
    super();
  }

  /** `seed` runs on the fresh database before the service (and its migrations) start. */
  async start(seed?: (db: TestDatabase) => Promise<void>): Promise<void> {
    this.running = await startTestService({
      service: SERVICE,
      dialect: this.dialect,
      config: HospitalConfig,
      module: (config) => AppModule.forRoot(config),
      apiPrefix: 'api/hospitals',
      trustTokens: true,
      seed,
      env: { INTERNAL_API_TOKEN: INTERNAL_TOKEN, LOAD_SAMPLE_DATA: 'false', WRITE_LIMIT_FACTOR: '100', ...this.env },
    });
  }

  /** A member with a token of their own; every sub is remembered for the leak check. */
  async member(options: MemberOptions = {}): Promise<Member> {
    const n = ++this.seq;
    const sub = options.sub ?? `sub-${randomUUID()}`;
    const nickname = options.nickname ?? `간호사${n}`;
    const hospitalId = options.hospitalId ?? null;
    const token = await signToken(this.running.key, {
      subject: sub,
      claims: {
        nickname,
        role: options.role ?? 'member',
        hospitalId,
        jobCategory: options.jobCategory === undefined ? 'nurse' : options.jobCategory,
        insiderVerified: options.insiderVerified ?? false,
        ...options.claims,
      },
    });
    const member = { sub, nickname, token, hospitalId };
    this.members.push(member);
    return member;
  }

  admin(): Promise<Member> {
    return this.member({ role: 'admin', nickname: `관리자${this.seq + 1}` });
  }

  /** Creates a hospital through the admin API. */
  async hospital(admin: Member, fields: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    const n = ++this.seq;
    const res = await this.api.post(
      '/api/hospitals/admin/hospitals',
      { name: `테스트병원${n}`, type: '병원', region: '서울', district: '종로구', ...fields },
      { token: admin.token },
    );
    if (res.status !== 201) throw new Error(`hospital creation failed: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A service-to-service call; `null` sends no credential. */
  internal(method: string, path: string, token: string | null = INTERNAL_TOKEN) {
    return this.api.request(method, path, token ? { headers: { 'x-internal-token': token } } : {});
  }
}

let reviewSeq = 0;
/** A valid review body; `overall` and friends can be overridden. */
export function reviewBody(overrides: Record<string, unknown> = {}, ratings: Record<string, number> = {}) {
  reviewSeq++;
  return {
    ratings: { overall: 4, care: 4, honesty: 5, staff: 3, facilities: 4, waiting: 2, ...ratings },
    recommend: true,
    title: `근무해 본 사람의 솔직한 후기 ${reviewSeq}`,
    body: '진료는 꼼꼼하고 불필요한 검사를 권하지 않습니다. 대기 시간은 긴 편입니다.',
    ...overrides,
  };
}
