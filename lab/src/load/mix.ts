import { randomBytes } from 'node:crypto';
import type { LoadRequest, Transport } from './transport.js';

/** What a mix's setup may use: the run's transport and deadline. Setup requests are not counted. */
export interface SetupContext {
  send: Transport;
  timeoutMs: number;
}

/** One named kind of request; results are reported per name. */
export interface MixEntry {
  name: string;
  /** Relative share of the requests. */
  weight: number;
  /** The next request of this kind, or undefined when it cannot be built yet (another kind is sent). */
  build(random: () => number): LoadRequest | undefined;
  /** Reads a successful JSON answer (e.g. to learn ids). Only entries with `learn` have bodies parsed. */
  learn?(body: unknown, status: number): void;
  /** Which statuses are errors (default: 400 and above). */
  isError?(status: number): boolean;
}

export interface LoadMix {
  entries: MixEntry[];
  /** Runs before the clock starts (sign-ups, log-ins, priming ids). */
  setup?(context: SetupContext): Promise<void>;
}

/** A mix of fixed requests, e.g. `[{name: 'list', weight: 3, path: '/api/board/posts'}]`. */
export function fixedMix(
  entries: Array<{ name: string; weight?: number; method?: LoadRequest['method']; path: string; body?: unknown }>,
): LoadMix {
  return {
    entries: entries.map((e) => ({
      name: e.name,
      weight: e.weight ?? 1,
      build: () => ({ method: e.method ?? 'GET', path: e.path, ...(e.body === undefined ? {} : { body: e.body }) }),
    })),
  };
}

/** The board's first page of posts, again and again: the experiments' load on the board alone. */
export const BOARD_LIST = fixedMix([{ name: 'board.list', path: '/api/board/posts?limit=20' }]);

/** The request kinds of {@link carebridgeMix} and their default weights (percent). */
export const CAREBRIDGE_WEIGHTS = {
  /** Visitor browsing the board. */
  'board.list': 22,
  'board.read': 18,
  'board.search': 5,
  /** Hospital search and pages. */
  'hospital.search': 20,
  'hospital.read': 15,
  'hospital.reviews': 10,
  /** Insider writes, with members' tokens. */
  'board.post': 3,
  'board.comment': 7,
} as const;

export type CarebridgeEndpoint = keyof typeof CAREBRIDGE_WEIGHTS;

/**
 * The services' settings for a run of the Carebridge mix: its few members write for many insiders, so the
 * per-member write limits (meant for one person) are lifted, as the 300-user load test does.
 */
export const MIX_SERVICE_ENV: Record<string, string> = { WRITE_LIMIT_FACTOR: '0' };

export interface CarebridgeMixOptions {
  /** Replaces some default weights; 0 leaves a kind out. */
  weights?: Partial<Record<CarebridgeEndpoint, number>>;
  /** Members signed up (and logged in) for the writes (default 4; 0 leaves writes out). */
  members?: number;
  /**
   * The code auth mailed to a member at sign-up, which confirms the email so the member may write (in a lab:
   * `outboxCodes(dataDir)` from auth-outbox.ts). Without it the mix has no writers and refuses to start.
   */
  mailedCode?: (email: string) => Promise<string | undefined>;
}

const BOARD_TERMS = ['인수인계', '야간', '근무', '병동', '교대', '간호', '환자', '휴가'];
const HOSPITAL_TERMS = [
  '서울대',
  '연세',
  '강남',
  '성모',
  '아산',
  '세브란스',
  '병원',
  '의원',
  '내과',
  '부산',
  '대구',
  '정형',
];
/** Tokens live 15 minutes (docs/auth.md); log in again well before. */
const TOKEN_REFRESH_MS = 10 * 60 * 1000;
const MAX_IDS = 1000;

interface Member {
  email: string;
  password: string;
  token: string;
  tokenAt: number;
  refreshing: boolean;
}

/** A bounded set of ids learnt from answers; the oldest go first. */
class IdPool {
  private readonly ids: string[] = [];
  private readonly known = new Set<string>();

  add(id: unknown): void {
    if (typeof id !== 'string' || id === '' || this.known.has(id)) return;
    this.ids.push(id);
    this.known.add(id);
    if (this.ids.length > MAX_IDS) this.known.delete(this.ids.shift() as string);
  }

  addItems(body: unknown): void {
    const items = (body as { items?: unknown })?.items;
    if (Array.isArray(items)) for (const item of items) this.add((item as { id?: unknown })?.id);
  }

  pick(random: () => number): string | undefined {
    return this.ids.length === 0 ? undefined : this.ids[Math.floor(random() * this.ids.length)];
  }

  get size(): number {
    return this.ids.length;
  }
}

const pickOf = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

/**
 * Carebridge's traffic: visitors reading the board (lists, posts, searches), hospital searches in
 * Korean with hospital pages and reviews, and insiders writing posts and comments with the tokens of
 * members the setup signs up and logs in (through the gateway, like everyone else). Ids of posts and
 * hospitals are learnt from the answers. One mix may serve several runs (members are signed up once).
 */
export function carebridgeMix(options: CarebridgeMixOptions = {}): LoadMix {
  const weights: Record<CarebridgeEndpoint, number> = { ...CAREBRIDGE_WEIGHTS, ...options.weights };
  const memberCount = Math.max(0, Math.floor(options.members ?? 4));
  if (memberCount === 0) {
    weights['board.post'] = 0;
    weights['board.comment'] = 0;
  }
  const posts = new IdPool();
  const hospitals = new IdPool();
  const members: Member[] = [];
  let setup: SetupContext | undefined;
  let written = 0;

  const login = async (member: Member): Promise<void> => {
    const context = setup as SetupContext;
    const answer = await context.send(
      { method: 'POST', path: '/api/auth/login', body: { email: member.email, password: member.password } },
      { readBody: true, timeoutMs: context.timeoutMs },
    );
    const token = (answer.body as { accessToken?: unknown })?.accessToken;
    if (answer.status !== 200 || typeof token !== 'string') {
      throw new Error(`logging in a load-test member answered ${answer.status}`);
    }
    member.token = token;
    member.tokenAt = Date.now();
  };

  /** Signs a member up and confirms their email with the mailed code: writes need a confirmed email. */
  const signUpAndConfirm = async (context: SetupContext, member: Member, nickname: string): Promise<void> => {
    const { email, password } = member;
    const signup = await context.send(
      { method: 'POST', path: '/api/auth/signup', body: { email, password, nickname, jobCategory: 'nurse' } },
      { readBody: false, timeoutMs: context.timeoutMs },
    );
    if (signup.status !== 202) {
      throw new Error(`Insider writes need members, but signing one up answered ${signup.status}.`);
    }
    const code = await options.mailedCode?.(email);
    if (code === undefined) throw new Error(`auth mailed no code to ${email}; its email cannot be confirmed`);
    await login(member);
    const verified = await context.send(
      {
        method: 'POST',
        path: '/api/auth/email/verify',
        body: { code },
        headers: auth(member),
      },
      { readBody: false, timeoutMs: context.timeoutMs },
    );
    if (verified.status !== 200) throw new Error(`confirming a load-test member's email answered ${verified.status}`);
  };

  const memberFor = (random: () => number): Member | undefined => {
    if (members.length === 0) return undefined;
    const member = pickOf(members, random);
    if (Date.now() - member.tokenAt > TOKEN_REFRESH_MS && !member.refreshing) {
      member.refreshing = true;
      void login(member)
        .catch(() => undefined)
        .finally(() => {
          member.refreshing = false;
        });
    }
    return member;
  };

  const auth = (member: Member) => ({ authorization: `Bearer ${member.token}` });

  const entries: MixEntry[] = [
    {
      name: 'board.list',
      weight: weights['board.list'],
      build: () => ({ method: 'GET', path: '/api/board/posts?limit=20' }),
      learn: (body) => posts.addItems(body),
    },
    {
      name: 'board.read',
      weight: weights['board.read'],
      build: (random) => {
        const id = posts.pick(random);
        return id ? { method: 'GET', path: `/api/board/posts/${encodeURIComponent(id)}` } : undefined;
      },
    },
    {
      name: 'board.search',
      weight: weights['board.search'],
      build: (random) => ({
        method: 'GET',
        path: `/api/board/posts?q=${encodeURIComponent(pickOf(BOARD_TERMS, random))}&limit=20`,
      }),
    },
    {
      name: 'hospital.search',
      weight: weights['hospital.search'],
      build: (random) => ({
        method: 'GET',
        path: `/api/hospitals?q=${encodeURIComponent(pickOf(HOSPITAL_TERMS, random))}&limit=20`,
      }),
      learn: (body) => hospitals.addItems(body),
    },
    {
      name: 'hospital.read',
      weight: weights['hospital.read'],
      build: (random) => {
        const id = hospitals.pick(random);
        return id ? { method: 'GET', path: `/api/hospitals/${encodeURIComponent(id)}` } : undefined;
      },
    },
    {
      name: 'hospital.reviews',
      weight: weights['hospital.reviews'],
      build: (random) => {
        const id = hospitals.pick(random);
        return id ? { method: 'GET', path: `/api/hospitals/${encodeURIComponent(id)}/reviews` } : undefined;
      },
    },
    {
      name: 'board.post',
      weight: weights['board.post'],
      build: (random) => {
        const member = memberFor(random);
        if (!member) return undefined;
        written++;
        return {
          method: 'POST',
          path: '/api/board/posts',
          headers: auth(member),
          body: {
            board: random() < 0.7 ? 'free' : 'qna',
            title: `부하 시험 글 ${written}: ${pickOf(BOARD_TERMS, random)} 이야기`,
            body: `부하 시험이 쓴 글입니다. ${pickOf(BOARD_TERMS, random)}에 대해 이야기합니다. (${written})`,
          },
        };
      },
      learn: (body) => posts.add((body as { id?: unknown })?.id),
    },
    {
      name: 'board.comment',
      weight: weights['board.comment'],
      build: (random) => {
        const member = memberFor(random);
        const id = posts.pick(random);
        if (!member || !id) return undefined;
        return {
          method: 'POST',
          path: `/api/board/posts/${encodeURIComponent(id)}/comments`,
          headers: auth(member),
          body: { body: `부하 시험 댓글: ${pickOf(BOARD_TERMS, random)} 공감합니다.` },
        };
      },
    },
  ];

  return {
    entries: entries.filter((e) => e.weight > 0),
    async setup(context) {
      setup = context;
      const writes = weights['board.post'] + weights['board.comment'] > 0;
      // A mix used for several runs signs its members up once.
      if (writes && members.length === 0) {
        if (!options.mailedCode) {
          throw new Error('Insider writes need members with a confirmed email: give the mix the codes auth mails.');
        }
        const run = randomBytes(4).toString('hex');
        for (let i = 0; i < memberCount; i++) {
          const member: Member = {
            email: `load-${run}-${i}@example.com`,
            password: randomBytes(12).toString('base64url'),
            token: '',
            tokenAt: 0,
            refreshing: false,
          };
          await signUpAndConfirm(context, member, `load${run}${i}`);
          await login(member);
          members.push(member);
        }
      }
      // Prime the id pools; if a service is missing its kinds fall back to the others.
      const prime = async (path: string, pool: IdPool) => {
        try {
          const answer = await context.send({ method: 'GET', path }, { readBody: true, timeoutMs: context.timeoutMs });
          if (answer.status === 200) pool.addItems(answer.body);
        } catch {
          // The run shows the failures.
        }
      };
      await prime('/api/board/posts?limit=50', posts);
      await prime('/api/hospitals?limit=50', hospitals);
    },
  };
}
