import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Sqlite from 'better-sqlite3';
import { Cluster, type RunningService } from '../src/cluster.js';
import { LOCAL_LAUNCH } from '../src/services.js';
import { type Member, signUpWriter } from './members.js';
import { PrivateMariaDb, PrivatePostgres, type PrivateServer } from './private-databases.js';
import { type DatabaseFindings, type FaultFigures, type FaultTimeline, figures } from './report.js';
import { type ReadStats, readLoop, send, type WriteRecord, write } from './traffic.js';

export interface SuiteOptions {
  /** Short form (CI, a few minutes) or long form (the durations: a minute, five minutes). */
  short: boolean;
  log?: (line: string) => void;
}

interface Durations {
  databaseDownMs: number;
  replicaKills: number;
  authAwayMs: number;
  boardAwayMs: number;
  diskFullMs: number;
  settleMs: number;
  giveUpMs: number;
  writers: number;
}

const SHORT: Durations = {
  databaseDownMs: 12_000,
  replicaKills: 3,
  authAwayMs: 10_000,
  boardAwayMs: 10_000,
  diskFullMs: 5_000,
  settleMs: 2_000,
  giveUpMs: 30_000,
  writers: 3,
};
const LONG: Durations = {
  databaseDownMs: 60_000,
  replicaKills: 20,
  authAwayMs: 60_000,
  boardAwayMs: 300_000,
  diskFullMs: 30_000,
  settleMs: 10_000,
  giveUpMs: 120_000,
  writers: 6,
};

/** The private servers and the mount the suite owns; ports from the faults engineer's range. */
const MARIADB = { dir: '/tmp/faults-mariadb', port: 44306 };
const POSTGRES = { dir: '/tmp/faults-pg', port: 44432 };
const AUTH_DISK_BYTES = 24 * 1024 * 1024;

/**
 * Drives writes and reads through the lab's gateway while, one at a time, the suite kills the
 * board's MariaDB and the hospital's PostgreSQL (SIGKILL, then a restart), kills board replicas
 * that are serving writes, stops auth's replicas (its JWKS and internal routes unreachable), stops
 * the board while members delete their accounts, and fills the tmpfs holding auth's embedded store.
 * After each fault it asks the databases what they hold.
 */
export async function runFaultSuite(options: SuiteOptions): Promise<FaultFigures[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const d = options.short ? SHORT : LONG;
  const dataDir = mkdtempSync(join(tmpdir(), 'faults-lab-'));
  const authDir = join(dataDir, 'auth');
  mkdirSync(authDir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${AUTH_DISK_BYTES}`, 'tmpfs', authDir]);
  const boardDb = new PrivateMariaDb(MARIADB.dir, MARIADB.port, 'board');
  const hospitalDb = new PrivatePostgres(POSTGRES.dir, POSTGRES.port, 'hospital');
  let cluster: Cluster | undefined;
  // Ctrl-C or a CI timeout must not leave private servers running or the tmpfs mounted.
  const interrupted = () => {
    boardDb.kill();
    hospitalDb.kill();
    void cluster?.stop().finally(() => {
      unmount(authDir);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    log('… starting private MariaDB (board) and PostgreSQL (hospital)');
    await Promise.all([boardDb.start(true), hospitalDb.start(true)]);
    const launch = {
      ...LOCAL_LAUNCH,
      board: { ...LOCAL_LAUNCH.board, env: withDatabase(LOCAL_LAUNCH.board, boardDb.url) },
      hospital: { ...LOCAL_LAUNCH.hospital, env: withDatabase(LOCAL_LAUNCH.hospital, hospitalDb.url) },
    } as typeof LOCAL_LAUNCH;
    log('… starting the lab: 2 replicas of auth (SQLite on a tmpfs), board, hospital');
    cluster = await Cluster.start({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      replicas: 2,
      autoscaling: 'off',
      // CrashLoopBackOff from 1 s (Kubernetes: 10 s), so repeated kills fit in a few minutes.
      backoff: { baseMs: 1_000, capMs: 10_000 },
      launch,
      env: { LOG_LEVEL: 'error', SIGNUP_MAX_PER_ADDRESS: '100000', WRITE_LIMIT_FACTOR: '0' },
      // FAULTS_LOG=FILE keeps the replicas' error lines (every 5xx with its cause) for inspection.
      log: process.env.FAULTS_LOG ? (line) => appendFileSync(process.env.FAULTS_LOG as string, `${line}\n`) : () => {},
    });
    const run = new FaultRun(cluster, `http://127.0.0.1:${cluster.port}`, join(authDir, 'auth.sqlite'), d, log, {
      board: boardDb,
      hospital: hospitalDb,
    });
    await run.prepare();
    const results: FaultFigures[] = [];
    for (const fault of [
      () => run.databaseKilled('board', boardDb),
      () => run.databaseKilled('hospital', hospitalDb),
      () => run.replicaKilledMidWrite(),
      () => run.authUnreachable(),
      () => run.boardStoppedDuringErasures(),
      () => run.authDiskFull(authDir),
    ]) {
      const result = await fault();
      results.push(result);
      log(
        `  ${result.acknowledged}/${result.attempted} acknowledged, ${result.lost} lost, ${result.duplicated} duplicated; ${result.notes.join('; ')}`,
      );
    }
    return results;
  } finally {
    await cluster?.stop();
    await Promise.all([boardDb.stop(), hospitalDb.stop()]);
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    if (!process.env.FAULTS_KEEP) {
      unmount(authDir);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir]);
  } catch {}
}

function withDatabase(launch: (typeof LOCAL_LAUNCH)[string], url: string) {
  return (c: Parameters<(typeof LOCAL_LAUNCH)[string]['env']>[0]) => ({ ...launch.env(c), DATABASE_URL: url });
}

type Mix = 'board' | 'hospital' | 'signup';

class FaultRun {
  private writers: Member[] = [];
  private reviewers: Member[] = [];
  private hospitalId = randomUUID();
  private posts: { id: string; author: Member }[] = [];
  private reviews: { id: string; author: Member }[] = [];
  private votes = new Set<string>();
  private erased = new Set<string>();
  /** The writes of the fault under way, for faults that react to them. */
  private current: WriteRecord[] = [];
  private seq = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly base: string,
    private readonly authDb: string,
    private readonly d: Durations,
    private readonly log: (line: string) => void,
    private readonly db: { board: PrivateServer; hospital: PrivateServer },
  ) {}

  private service(name: string): RunningService {
    return this.cluster.services.get(name) as RunningService;
  }

  async prepare(): Promise<void> {
    await this.db.hospital.query(
      `INSERT INTO hospitals (id, name, name_search, type, region, created_at, updated_at)
       VALUES ($1, '장애시험병원', '장애시험병원', '병원', '서울', now(), now())`,
      [this.hospitalId],
    );
    this.log('… signing up members through auth (verified email)');
    for (let i = 0; i < this.d.writers + 2; i++) this.writers.push(await signUpWriter(this.base, this.authDb));
    const reviewers = this.d.writers * (this.d === SHORT ? 6 : 12);
    for (let i = 0; i < reviewers; i++)
      this.reviewers.push(await signUpWriter(this.base, this.authDb, this.hospitalId));
    for (const author of this.writers.slice(0, 3)) {
      const res = await send(this.base, 'POST', '/api/board/posts', {
        token: author.token,
        body: { board: 'free', title: `시작 글 ${++this.seq}`, body: '장애 시험의 첫 글입니다.' },
      });
      if (res.status !== 201) throw new Error(`the first post answered ${res.status}`);
      this.posts.push({ id: res.body.id, author });
    }
  }

  private pick<T>(list: T[]): T {
    return list[Math.floor(Math.random() * list.length)] as T;
  }

  /** One write of the mix, sent as the web app would (one key, retried). */
  private async oneWrite(mix: Mix): Promise<WriteRecord | undefined> {
    const giveUp = this.d.giveUpMs;
    const n = ++this.seq;
    if (mix === 'signup') {
      const email = `fill-${randomUUID().slice(0, 12)}@example.com`;
      return write(
        this.base,
        { kind: 'signup', marker: email, member: 'visitor' },
        {
          method: 'POST',
          path: '/api/auth/signup',
          token: undefined,
          body: { email, password: `passphrase for ${email}`, nickname: `채움${n}`, jobCategory: 'nurse' },
        },
        giveUp,
      );
    }
    if (mix === 'hospital') {
      const reviewer = this.reviewers.shift();
      if (reviewer && n % 2 === 0) {
        const title = `장애 중 후기 ${n}`;
        const rec = await write(
          this.base,
          { kind: 'review', marker: title, member: reviewer.sub },
          {
            method: 'POST',
            path: `/api/hospitals/${this.hospitalId}/reviews`,
            token: reviewer.token,
            body: {
              ratings: { overall: 4, care: 4, honesty: 4, staff: 3, facilities: 3, waiting: 2 },
              recommend: true,
              title,
              body: '일하는 사람으로서 솔직하게 적는 병원 이야기입니다.',
            },
          },
          giveUp,
        );
        if (rec.acknowledged && rec.id) this.reviews.push({ id: rec.id, author: reviewer });
        return rec;
      }
      if (reviewer) this.reviewers.unshift(reviewer);
      const review = this.reviews.length ? this.pick(this.reviews) : undefined;
      // Reviewers vote too (never on their own review): writers alone ran out of votes mid-fault.
      const voter = this.pick([...this.writers, ...this.reviews.map((r) => r.author)]);
      if (!review || review.author === voter || this.votes.has(`${review.id}|${voter.sub}`)) return undefined;
      this.votes.add(`${review.id}|${voter.sub}`);
      return write(
        this.base,
        { kind: 'helpful', marker: `${review.id}|${voter.sub}`, member: voter.sub, target: review.id },
        { method: 'PUT', path: `/api/hospitals/${this.hospitalId}/reviews/${review.id}/helpful`, token: voter.token },
        giveUp,
      );
    }
    const author = this.pick(this.writers);
    if (n % 3 === 0) {
      const title = `장애 중 글 ${n}`;
      const rec = await write(
        this.base,
        { kind: 'post', marker: title, member: author.sub },
        {
          method: 'POST',
          path: '/api/board/posts',
          token: author.token,
          body: { board: 'free', title, body: `장애 시험 중에 쓴 글 ${n}` },
        },
        giveUp,
      );
      if (rec.acknowledged && rec.id) this.posts.push({ id: rec.id, author });
      return rec;
    }
    const post = this.pick(this.posts);
    if (n % 3 === 1) {
      const body = `장애 중 댓글 ${n}`;
      return write(
        this.base,
        { kind: 'comment', marker: body, member: author.sub, target: post.id },
        { method: 'POST', path: `/api/board/posts/${post.id}/comments`, token: author.token, body: { body } },
        giveUp,
      );
    }
    return write(
      this.base,
      { kind: 'like', marker: `${post.id}|${author.sub}`, member: author.sub, target: post.id },
      { method: 'PUT', path: `/api/board/posts/${post.id}/like`, token: author.token },
      giveUp,
    );
  }

  /**
   * Steady writes and reads while `fault` runs; then the time until a fresh write of the mix is
   * acknowledged again, measured from the moment `fault` resolved (the fault undone).
   */
  private async drive(
    name: string,
    how: string,
    watched: string[],
    mix: Mix,
    fault: () => Promise<void>,
  ): Promise<FaultTimeline> {
    this.log(`▶ ${name}: ${how}`);
    const writes: WriteRecord[] = [];
    this.current = writes;
    const reads: ReadStats = { sent: 0, failed: 0 };
    let stopping = false;
    let readinessWentFalse = false;
    const restartsBefore = this.restarts(watched);
    const sampler = setInterval(() => {
      for (const s of watched)
        if (this.service(s).replicas.replicas.some((r) => !r.view().ready)) readinessWentFalse = true;
    }, 250);
    const workers = Array.from({ length: this.d.writers }, async () => {
      while (!stopping) {
        const rec = await this.oneWrite(mix);
        if (rec) writes.push(rec);
        else await sleep(20);
      }
    });
    const readers = readLoop(
      this.base,
      ['/api/board/posts?board=free', `/api/hospitals/${this.hospitalId}`, '/api/hospitals?region=서울'],
      () => stopping,
      reads,
    );
    await sleep(this.d.settleMs);
    await fault();
    const restored = Date.now();
    const recovered = await this.recovery(mix, watched, restored);
    if (recovered.probe) writes.push(recovered.probe);
    const timeToRecoverMs = recovered.ms;
    await sleep(this.d.settleMs);
    stopping = true;
    await Promise.all([...workers, readers]);
    clearInterval(sampler);
    // Readiness coming back by itself: every watched replica ready again, none restarted for it.
    await this.waitReady(watched);
    return {
      fault: name,
      how,
      writes,
      reads,
      readinessWentFalse,
      restartsDuringFault: this.restartsSince(watched, restartsBefore),
      timeToRecoverMs,
    };
  }

  /** Restarts per replica id, so replicas removed or added by the fault do not skew the count. */
  private restarts(services: string[]): Map<string, number> {
    return new Map(
      services.flatMap((s) => this.service(s).replicas.replicas.map((r) => [r.id, r.view().restarts] as const)),
    );
  }

  private restartsSince(services: string[], before: Map<string, number>): number {
    let n = 0;
    for (const [id, restarts] of this.restarts(services)) n += restarts - (before.get(id) ?? 0);
    return n;
  }

  private async waitReady(services: string[], ms = 120_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (services.every((s) => this.service(s).replicas.ready().length === this.service(s).replicas.desired)) return;
      await sleep(250);
    }
  }

  /** Until every watched replica is ready again and a fresh write of the mix is acknowledged. */
  private async recovery(
    mix: Mix,
    watched: string[],
    since: number,
  ): Promise<{ ms: number | null; probe?: WriteRecord }> {
    await this.waitReady(watched, 10 * 60_000);
    for (let tries = 0; tries < 20; tries++) {
      const probe = await this.oneWrite(mix === 'hospital' && watched.includes('board') ? 'board' : mix);
      if (probe?.acknowledged) return { ms: Date.now() - since, probe };
      if (probe) return { ms: null, probe };
    }
    // No write of the mix was left to send: the suite's own shortage, never "did not recover".
    throw new Error(`the ${mix} mix ran out of writes to probe recovery with`);
  }

  async databaseKilled(service: 'board' | 'hospital', server: PrivateServer): Promise<FaultFigures> {
    const timeline = await this.drive(
      `${service} ${server.name} killed`,
      `SIGKILL to the ${server.name} server under ${service}, restarted after ${this.d.databaseDownMs / 1000} s`,
      [service],
      service,
      async () => {
        server.kill();
        await sleep(this.d.databaseDownMs);
        await server.start();
      },
    );
    return figures(timeline, await this.findings(timeline.writes));
  }

  async replicaKilledMidWrite(): Promise<FaultFigures> {
    const board = this.service('board');
    const resentBefore = board.backend.keyedPostsResent;
    let killed = 0;
    const timeline = await this.drive(
      'board replica killed mid-write',
      `SIGKILL to a board replica while it serves a write, ${this.d.replicaKills} times, each once both replicas are ready`,
      ['board'],
      'board',
      async () => {
        // Kill until the set count, and on until a POST was among the requests cut (at most 3× as many):
        // the gateway sent it again, or its client saw the failure.
        const postCut = () =>
          board.backend.keyedPostsResent > resentBefore ||
          this.current.some((w) => w.kind !== 'like' && w.attemptStatuses.some((st) => st === 502 || st === 503));
        while (killed < this.d.replicaKills || (!postCut() && killed < 3 * this.d.replicaKills)) {
          const ready = board.replicas.ready();
          const busy = ready.find((r) => board.backend.stats(r.id).inFlight > 0);
          if (!busy || ready.length < board.replicas.desired) {
            await sleep(5);
            continue;
          }
          busy.crash();
          killed++;
          await sleep(1_000);
        }
      },
    );
    const result = figures(timeline, await this.findings(timeline.writes));
    // The kubelet restarts a crashed container: these restarts are the fault itself.
    result.postsResentByGateway = board.backend.keyedPostsResent - resentBefore;
    result.notes.push(`${killed} replica(s) killed; their restarts are the kubelet's answer, not a failure`);
    result.notes.push(`${result.postsResentByGateway} keyed POST(s) cut by a death and sent again by the gateway`);
    return result;
  }

  async authUnreachable(): Promise<FaultFigures> {
    const auth = this.service('auth');
    const timeline = await this.drive(
      'auth unreachable',
      `every auth replica stopped for ${this.d.authAwayMs / 1000} s (JWKS and internal routes unreachable); board and hospital writes go on`,
      ['board', 'hospital'],
      'board',
      async () => {
        await auth.replicas.scaleTo(0);
        await sleep(this.d.authAwayMs);
        await auth.replicas.scaleTo(2, 120_000);
      },
    );
    const result = figures(timeline, await this.findings(timeline.writes));
    return result;
  }

  async boardStoppedDuringErasures(): Promise<FaultFigures> {
    const board = this.service('board');
    const leavers: WriteRecord[] = [];
    const timeline = await this.drive(
      'board stopped during erasures',
      `every board replica stopped for ${this.d.boardAwayMs / 1000} s while members delete their accounts`,
      ['board'],
      'hospital',
      async () => {
        const authors = this.writers.splice(this.writers.length - 2, 2);
        await board.replicas.scaleTo(0);
        for (const member of authors) {
          this.erased.add(member.sub);
          const rec = await write(
            this.base,
            { kind: 'erase', marker: member.sub, member: member.sub },
            { method: 'DELETE', path: '/api/auth/me', token: member.token, body: { password: member.password } },
            this.d.giveUpMs,
          );
          leavers.push(rec);
        }
        await sleep(this.d.boardAwayMs);
        await board.replicas.scaleTo(2, 120_000);
      },
    );
    timeline.writes.push(...leavers);
    const delivered = await this.waitFor(async () => (await this.undeliveredErasures()) === 0, 12 * 60_000);
    const result = figures(timeline, await this.findings(timeline.writes));
    result.notes.push(
      delivered === null
        ? 'erasures were still undelivered after 12 min'
        : `erasures delivered ${(delivered / 1000).toFixed(1)} s after the board came back (auth's outbox backs off)`,
    );
    return result;
  }

  async authDiskFull(authDir: string): Promise<FaultFigures> {
    const filler = join(authDir, 'filler');
    const timeline = await this.drive(
      'auth disk full',
      `the ${AUTH_DISK_BYTES / 1024 / 1024} MiB tmpfs under auth's SQLite store filled to the last byte for ${this.d.diskFullMs / 1000} s, then freed; sign-ups go on`,
      ['auth'],
      'signup',
      async () => {
        fillDisk(filler);
        await sleep(this.d.diskFullMs);
        rmSync(filler, { force: true });
      },
    );
    return figures(timeline, await this.findings(timeline.writes));
  }

  private async waitFor(ok: () => Promise<boolean>, ms: number): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      if (await ok().catch(() => false)) return Date.now() - started;
      await sleep(500);
    }
    return null;
  }

  private authQuery<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Sqlite(this.authDb, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  private async undeliveredErasures(): Promise<number> {
    return Number(
      this.authQuery<{ n: number }>('SELECT COUNT(*) AS n FROM erasure_requests WHERE sent_at IS NULL')[0]?.n,
    );
  }

  /** How many rows each write left, counters against a recount, outbox events still waiting. */
  private async findings(writes: WriteRecord[]): Promise<DatabaseFindings> {
    const all = writes;
    const copies = new Map<WriteRecord, number>();
    const { board, hospital } = this.db;
    const count = async (server: PrivateServer, sql: string, params: unknown[]) =>
      Number((await server.query<{ n: number }>(sql, params))[0]?.n ?? 0);
    for (const w of all) {
      const [a, b] = w.marker.split('|');
      switch (w.kind) {
        case 'post':
          copies.set(w, await count(board, 'SELECT COUNT(*) AS n FROM posts WHERE title = ?', [w.marker]));
          break;
        case 'comment':
          copies.set(w, await count(board, 'SELECT COUNT(*) AS n FROM comments WHERE body = ?', [w.marker]));
          break;
        case 'like':
          copies.set(
            w,
            await count(board, 'SELECT COUNT(*) AS n FROM post_likes WHERE post_id = ? AND member_sub = ?', [a, b]),
          );
          break;
        case 'review':
          copies.set(w, await count(hospital, 'SELECT COUNT(*) AS n FROM reviews WHERE title = $1', [w.marker]));
          break;
        case 'helpful':
          copies.set(
            w,
            await count(
              hospital,
              'SELECT COUNT(*) AS n FROM review_helpful_votes WHERE review_id = $1 AND voter_sub = $2',
              [a, b],
            ),
          );
          break;
        case 'signup':
          copies.set(
            w,
            Number(this.authQuery<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE email = ?', w.marker)[0]?.n),
          );
          break;
        default: {
          // An erasure "exists" once the account is gone and the board holds nothing under it.
          const left =
            Number(this.authQuery<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE id = ?', w.marker)[0]?.n) +
            (await count(board, 'SELECT COUNT(*) AS n FROM posts WHERE author_sub = ?', [w.marker])) +
            (await count(board, 'SELECT COUNT(*) AS n FROM comments WHERE author_sub = ?', [w.marker]));
          copies.set(w, left === 0 ? 1 : 0);
        }
      }
    }
    const counterMismatches: string[] = [];
    for (const row of await board.query<{ id: string; cc: number; nc: number; lc: number; nl: number }>(
      `SELECT p.id, p.comment_count AS cc,
        (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL) AS nc,
        p.like_count AS lc, (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.id) AS nl
       FROM posts p`,
    )) {
      if (Number(row.cc) !== Number(row.nc))
        counterMismatches.push(`posts.comment_count of ${row.id}: ${row.cc} ≠ ${row.nc}`);
      if (Number(row.lc) !== Number(row.nl))
        counterMismatches.push(`posts.like_count of ${row.id}: ${row.lc} ≠ ${row.nl}`);
    }
    for (const row of await hospital.query<{ id: string; hc: number; nv: number }>(
      `SELECT r.id, r.helpful_count AS hc, (SELECT COUNT(*) FROM review_helpful_votes v WHERE v.review_id = r.id) AS nv
       FROM reviews r`,
    )) {
      if (Number(row.hc) !== Number(row.nv))
        counterMismatches.push(`reviews.helpful_count of ${row.id}: ${row.hc} ≠ ${row.nv}`);
    }
    for (const row of await hospital.query<{ id: string; rc: number; nr: number }>(
      `SELECT h.id, h.review_count AS rc,
        (SELECT COUNT(*) FROM reviews r WHERE r.hospital_id = h.id AND r.verified_insider = true AND r.admin_hidden = false) AS nr
       FROM hospitals h`,
    )) {
      if (Number(row.rc) !== Number(row.nr))
        counterMismatches.push(`hospitals.review_count of ${row.id}: ${row.rc} ≠ ${row.nr}`);
    }
    const notes: string[] = [];
    // What a deleted member wrote is erased on request: it must be gone, not kept.
    const erasedWrites = all.filter((w) => w.kind !== 'erase' && this.erased.has(w.member));
    for (const w of erasedWrites) copies.set(w, copies.get(w) === 0 ? 1 : 0);
    if (erasedWrites.length)
      notes.push(`${erasedWrites.length} write(s) by members who then deleted their accounts: checked gone`);
    const lost = all.filter((w) => w.acknowledged && copies.get(w) === 0).slice(0, 5);
    for (const w of lost) notes.push(`lost: ${w.kind} ${w.marker} (${w.status} after ${w.attempts} attempt(s))`);
    return { copies, counterMismatches, undeliveredEvents: await this.undeliveredErasures(), notes };
  }
}

/** Writes zeros until the file system refuses a byte more. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Fill the last partial chunk too.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512));
    } catch {}
  } finally {
    closeSync(fd);
  }
}
