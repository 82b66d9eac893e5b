import { randomUUID } from 'node:crypto';
import type { Dialect } from '@carebridge/platform';
import { type JsonResponse, signToken, startTestService, TestServiceHarness } from '@carebridge/platform/testing';
import { AppModule, SERVICE } from '../src/app.module.js';
import { BoardConfig } from '../src/config.js';

export const INTERNAL_TOKEN = 'board-internal-token-for-tests';

export interface Member {
  sub: string;
  nickname: string;
  token: string;
}

/** The real board service on a database of its own, trusting a real JWKS endpoint with test keys. */
export class BoardHarness extends TestServiceHarness {
  readonly members: Member[] = [];
  private seq = 0;

  constructor(
    readonly dialect: Dialect,
    private readonly settings: Record<string, string> = {},
  ) {
    super();
  }

  async start(): Promise<void> {
    this.running = await startTestService({
      service: SERVICE,
      dialect: this.dialect,
      config: BoardConfig,
      module: (config) => AppModule.forRoot(config),
      apiPrefix: 'api/board',
      trustTokens: true,
      env: {
        INTERNAL_API_TOKEN: INTERNAL_TOKEN,
        // This suite writes a lot as one member; the limits are proven through the gateway suite.
        WRITE_LIMIT_FACTOR: '100',
        ...this.settings,
      },
    });
  }

  /** A member with a token of their own; `claims` overrides the token's (e.g. `emailVerified`). */
  async member(role: 'member' | 'admin' = 'member', claims: Record<string, unknown> = {}): Promise<Member> {
    const sub = randomUUID();
    const nickname = `${role === 'admin' ? '관리' : '회원'}${++this.seq}`;
    const token = await signToken(this.running.key, { subject: sub, claims: { nickname, role, ...claims } });
    const member = { sub, nickname, token };
    this.members.push(member);
    return member;
  }

  async post(author: Member, overrides: Record<string, unknown> = {}) {
    const res = await this.api.post(
      '/api/board/posts',
      { board: 'free', title: `제목 ${++this.seq}`, body: `본문 ${this.seq}`, ...overrides },
      { token: author.token },
    );
    if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async comment(author: Member, postId: string, body = '댓글입니다', parentId?: string) {
    const res = await this.api.post(
      `/api/board/posts/${postId}/comments`,
      { body, ...(parentId ? { parentId } : {}) },
      { token: author.token },
    );
    if (res.status !== 201) throw new Error(`comment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Every page of a list, following nextCursor; `token` reads a member's own list. */
  async allPages(path: string, limit: number, between?: () => Promise<void>, token?: string) {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: JsonResponse = await this.api.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      if (res.status !== 200) throw new Error(`page failed: ${JSON.stringify(res.body)}`);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (between) await between();
    } while (cursor);
    return items;
  }
}
