import { randomUUID } from 'node:crypto';
import { type Dialect, loadConfig, type RunningService, startService } from '@carebridge/platform';
import {
  createTestDatabase,
  type JsonResponse,
  JwksServer,
  newTestKey,
  type RequestOptions,
  signToken,
  TestClient,
  type TestDatabase,
} from '@carebridge/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE } from '../src/app.module.js';
import { BoardConfig } from '../src/config.js';

export const INTERNAL_TOKEN = 'board-internal-token-for-tests';

export interface Member {
  sub: string;
  nickname: string;
  token: string;
}

/** Keeps every response body, so a test can prove no author id ever left the service. */
class RecordingClient extends TestClient {
  readonly exchanges: { path: string; body: string }[] = [];
  override async request<T = any>(method: string, path: string, options?: RequestOptions): Promise<JsonResponse<T>> {
    const res = await super.request<T>(method, path, options);
    this.exchanges.push({ path, body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) });
    return res;
  }
}

/** The real board service on a database of its own, trusting a real JWKS endpoint with test keys. */
export class BoardHarness {
  api!: RecordingClient;
  service!: RunningService;
  db!: TestDatabase;
  readonly members: Member[] = [];
  private readonly jwks = new JwksServer();
  private readonly key = newTestKey('board-test-key');
  private seq = 0;

  constructor(
    readonly dialect: Dialect,
    private readonly settings: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    this.jwks.keys = [this.key];
    const jwksUrl = await this.jwks.start();
    this.db = await createTestDatabase(this.dialect, 'board');
    const config = loadConfig(
      BoardConfig,
      {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'fatal',
        DATA_DIR: this.db.dataDir,
        AUTH_JWKS_URL: jwksUrl,
        JWT_ISSUER: 'test-issuer',
        JWT_AUDIENCE: 'test-audience',
        INTERNAL_API_TOKEN: INTERNAL_TOKEN,
        // This suite writes a lot as one member; the limits are proven through the gateway suite.
        WRITE_LIMIT_FACTOR: '100',
        ...this.settings,
        ...(this.db.url ? { DATABASE_URL: this.db.url } : {}),
      },
      SERVICE,
    );
    this.service = await startService(AppModule.forRoot(config), {
      apiPrefix: 'api/board',
      title: 'board',
      description: 'test',
    });
    this.api = new RecordingClient(this.service.url);
  }

  async stop(): Promise<void> {
    await this.service?.shutdown('test over');
    await this.db?.drop();
    await this.jwks.stop();
  }

  get dataSource(): DataSource {
    return this.service.app.get(DataSource);
  }

  /** A member with a token of their own; `claims` overrides the token's (e.g. `emailVerified`). */
  async member(role: 'member' | 'admin' = 'member', claims: Record<string, unknown> = {}): Promise<Member> {
    const sub = randomUUID();
    const nickname = `${role === 'admin' ? '관리' : '회원'}${++this.seq}`;
    const token = await signToken(this.key, { subject: sub, claims: { nickname, role, ...claims } });
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

  /** Every page of a list, following nextCursor. */
  async allPages(path: string, limit: number, between?: () => Promise<void>) {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: JsonResponse = await this.api.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (res.status !== 200) throw new Error(`page failed: ${JSON.stringify(res.body)}`);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (between) await between();
    } while (cursor);
    return items;
  }
}
