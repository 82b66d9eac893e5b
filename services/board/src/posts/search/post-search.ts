import type { BoardName } from '@carebridge/contracts';
import { containsPattern, keysetAfter, LIKE_ESCAPE } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { BoardConfig } from '../../config.js';
import { Post } from '../post.entity.js';
import { fullTextPhrase, phasesFrom, SEARCH_PHASES, type SearchPhase, type SearchPosition } from './search-plan.js';
import { POST_SEARCH_TABLE } from './search-table.js';

/**
 * Index candidates checked per round trip: twice the rows wanted (nearly every candidate of a
 * phrase match is a real one), and each costs a read of its row, which at a million posts is
 * often not in memory.
 */
const batchFor = (need: number) => Math.max(2 * need, 40);

export interface SearchRequest {
  q: string;
  board?: BoardName;
  /** Q&A: only posts with (true) or without (false) an accepted answer. */
  answered?: boolean;
  start: SearchPosition;
  /** Rows wanted (a page and one more). */
  count: number;
  columns: string[];
}

export interface SearchHit {
  post: Post;
  phase: SearchPhase;
}

/**
 * Finds posts whose title or body contains `q` (`LIKE`, so each dialect's collation decides), title
 * matches first, then newest first. Where the `post_search` index exists a phase first looks
 * through the newest posts (a common word is found there at once) and otherwise asks the index
 * for candidates; either way every row is checked with the same `LIKE` as the scan, so the index
 * narrows the search but never decides it.
 */
@Injectable()
export class PostSearch {
  private indexed?: Promise<boolean>;

  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly config: BoardConfig,
  ) {}

  async find(request: SearchRequest): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    const useIndex = fullTextPhrase(request.q) !== null && (await this.hasIndex());
    let after = request.start.after;
    for (const phase of phasesFrom(request.start.phase)) {
      const need = request.count - hits.length;
      const rows = useIndex
        ? await this.fromIndex(request, phase, after, need)
        : await this.scan(request, phase, after, need);
      hits.push(...rows.map((post) => ({ post, phase })));
      if (hits.length >= request.count) break;
      after = null;
    }
    return hits;
  }

  /**
   * Narrows a list query (alias `p`) to posts containing `q` in title or body, for orders the index
   * cannot give (by likes). When the index holds few enough matches (at `since` or later) the list
   * ranks just those; a commoner word is left to the `LIKE`, which the list's order meets early.
   */
  async narrow(qb: SelectQueryBuilder<Post>, q: string, board: BoardName | undefined, since?: Date): Promise<void> {
    qb.andWhere(`(p.title LIKE :q ${LIKE_ESCAPE} OR p.body LIKE :q ${LIKE_ESCAPE})`, { q: containsPattern(q) });
    if (fullTextPhrase(q) === null || !(await this.hasIndex())) return;
    const ids = await this.allCandidates(q, board, since, this.config.SEARCH_RANK_CANDIDATES);
    if (!ids) return;
    if (ids.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere('p.id IN (:...searchIds)', { searchIds: ids });
  }

  /** Every post the index finds `q` in (title or body), or null when there are more than `cap`. */
  private async allCandidates(
    q: string,
    board: BoardName | undefined,
    since: Date | undefined,
    cap: number,
  ): Promise<string[] | null> {
    const ids = new Set<string>();
    for (const phase of SEARCH_PHASES) {
      const { sql, params } = indexMatches(q, phase, board);
      if (since) {
        sql.push('AND created_at >= ?');
        params.push(since);
      }
      const rows: { post_id: string }[] = await this.posts.query(`${sql.join(' ')} LIMIT ${cap + 1}`, params);
      for (const row of rows) ids.add(row.post_id);
      if (ids.size > cap) return null;
    }
    return [...ids];
  }

  /** Mirrors each write of a post into the index, inside the caller's transaction. */
  async write(
    manager: EntityManager,
    post: Pick<Post, 'id' | 'board' | 'title' | 'body' | 'createdAt'>,
  ): Promise<void> {
    if (!(await this.hasIndex())) return;
    await manager.query(
      `INSERT INTO ${POST_SEARCH_TABLE} (post_id, board, title, body, created_at) VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE title = VALUES(title), body = VALUES(body)`,
      [post.id, post.board, post.title, post.body, post.createdAt],
    );
  }

  private hasIndex(): Promise<boolean> {
    const type = this.posts.manager.connection.options.type;
    if (type !== 'mariadb' && type !== 'mysql') return Promise.resolve(false);
    this.indexed ??= this.posts
      .query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [
        POST_SEARCH_TABLE,
      ])
      .then((rows: { n: number | string }[]) => Number(rows[0]?.n) > 0);
    return this.indexed;
  }

  private async fromIndex(
    request: SearchRequest,
    phase: SearchPhase,
    after: SearchPosition['after'],
    need: number,
  ): Promise<Post[]> {
    const window = this.config.SEARCH_SCAN_WINDOW;
    if (window > 0) {
      const edge = await this.windowEdge(request, after, window);
      const recent = await this.scan(request, phase, after, need, edge);
      // No edge: fewer than `window` posts lie past the position, so the scan saw them all.
      if (recent.length >= need || edge === null) return recent;
    }
    // The index sorts fast by one key only, so candidates come newest first with ties in any
    // order; a row is final once an older candidate has been seen, and ties are read again and
    // told apart by id.
    const found = new Map<string, Post>();
    const seen = new Set<string>();
    let upTo = after?.at ?? null;
    for (;;) {
      const candidates = await this.candidates(request, phase, upTo, batchFor(need));
      const fresh = candidates.filter((c) => !seen.has(c.post_id) && comesAfter(c, after));
      for (const c of candidates) seen.add(c.post_id);
      if (fresh.length > 0) {
        const rows = await this.matching(request, phase)
          .andWhere('p.id IN (:...ids)', { ids: fresh.map((c) => c.post_id) })
          .getMany();
        for (const row of rows) found.set(row.id, row);
      }
      const sorted = [...found.values()].sort(newestFirst);
      const oldest = candidates.at(-1)?.created_at;
      if (candidates.length < batchFor(need) || !oldest) return sorted.slice(0, need);
      const final = sorted.filter((p) => p.createdAt.getTime() > new Date(oldest).getTime());
      if (final.length >= need) return final.slice(0, need);
      // A whole batch of one instant: more ties than a batch holds, which only a scan can order.
      if (fresh.length === 0) return this.scan(request, phase, after, need);
      upTo = new Date(oldest);
    }
  }

  /** Candidates from the full-text index, newest first, at `upTo` or before. */
  private candidates(
    request: SearchRequest,
    phase: SearchPhase,
    upTo: Date | null,
    batch: number,
  ): Promise<{ post_id: string; created_at: Date }[]> {
    const { sql, params } = indexMatches(request.q, phase, request.board);
    if (upTo) {
      sql.push('AND created_at <= ?');
      params.push(upTo);
    }
    sql.push(`ORDER BY created_at DESC LIMIT ${batch}`);
    return this.posts.query(sql.join(' '), params);
  }

  /** The phase's matches newest first; with an edge, only among posts created at it or later. */
  private scan(
    request: SearchRequest,
    phase: SearchPhase,
    after: SearchPosition['after'],
    need: number,
    edge?: Date | null,
  ): Promise<Post[]> {
    const qb = this.matching(request, phase);
    if (after) afterKey(qb, after);
    // A time bound rather than a list of ids: the scan walks the date index and stops at `need`.
    if (edge) qb.andWhere('p.created_at >= :windowEdge', { windowEdge: edge });
    return qb.take(need).getMany();
  }

  /**
   * The creation time of the `window`-th post past the position (of the board, if one is given;
   * hidden and deleted ones counted too, so the date index alone answers), or null when there are
   * fewer. The posts from there on are the newest `window` or a few more on a tie: a contiguous
   * stretch of the list, which is all a window needs to be.
   */
  private async windowEdge(
    request: SearchRequest,
    after: SearchPosition['after'],
    window: number,
  ): Promise<Date | null> {
    const qb = this.posts.createQueryBuilder('v').select('v.created_at', 'at');
    if (request.board) qb.where('v.board = :board', { board: request.board });
    if (after) afterKey(qb, after, 'v');
    qb.orderBy('v.created_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .offset(window - 1)
      .limit(1);
    const row = await qb.getRawOne<{ at: Date | string }>();
    return row ? new Date(row.at) : null;
  }

  /** Visible posts of the phase that really match, newest first. */
  private matching(request: SearchRequest, phase: SearchPhase): SelectQueryBuilder<Post> {
    const q = containsPattern(request.q);
    const qb = this.visible(request, 'p').select(request.columns).setParameter('q', q);
    if (phase === 'title') qb.andWhere(`p.title LIKE :q ${LIKE_ESCAPE}`);
    else qb.andWhere(`p.title NOT LIKE :q ${LIKE_ESCAPE}`).andWhere(`p.body LIKE :q ${LIKE_ESCAPE}`);
    return qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC');
  }

  private visible(request: SearchRequest, alias = 'v'): SelectQueryBuilder<Post> {
    const qb = this.posts
      .createQueryBuilder(alias)
      .where(`${alias}.deleted_at IS NULL`)
      .andWhere(`${alias}.hidden = :hidden`, { hidden: false });
    if (request.board) qb.andWhere(`${alias}.board = :board`, { board: request.board });
    if (request.answered !== undefined) {
      qb.andWhere(`${alias}.accepted_comment_id IS ${request.answered ? 'NOT NULL' : 'NULL'}`);
    }
    return qb;
  }
}

/** The index rows of the phase that contain `q`, of the board if one is given. */
function indexMatches(
  q: string,
  phase: SearchPhase,
  board: BoardName | undefined,
): { sql: string[]; params: unknown[] } {
  const sql = [`SELECT post_id, created_at FROM ${POST_SEARCH_TABLE} WHERE MATCH(${phase}) AGAINST(? IN BOOLEAN MODE)`];
  const params: unknown[] = [fullTextPhrase(q)];
  if (board) {
    sql.push('AND board = ?');
    params.push(board);
  }
  return { sql, params };
}

function afterKey(qb: SelectQueryBuilder<Post>, after: { at: Date; id: string }, alias = 'p'): void {
  keysetAfter(qb, [`${alias}.created_at`, `${alias}.id`], [after.at, after.id]);
}

function newestFirst(a: Post, b: Post): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether an index candidate lies past the cursor, in the list's order. */
function comesAfter(c: { post_id: string; created_at: Date }, after: SearchPosition['after']): boolean {
  if (!after) return true;
  const at = new Date(c.created_at).getTime();
  return at < after.at.getTime() || (at === after.at.getTime() && c.post_id < after.id);
}
