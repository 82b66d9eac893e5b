// The raw limit of each hot endpoint: a bare `node:http` server that runs the SQL the service sends
// (read from its query log, with the same parameters) straight through mysql2 or pg, and answers the
// JSON the service answers, built by the service's own view functions from its build. What is left
// between the two is the framework, the ORM and our per-request code.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const load = (path) => import(join(root, path));

const POST_SUMMARY = `p.id AS id, p.board AS board, p.title AS title, p.excerpt AS excerpt,
  p.author_sub AS authorSub, p.author_nickname AS authorNickname, p.view_count AS viewCount,
  p.like_count AS likeCount, p.comment_count AS commentCount, p.accepted_comment_id AS acceptedCommentId,
  p.created_at AS createdAt, p.updated_at AS updatedAt`;
const BOARD_LIST_SQL = `SELECT ${POST_SUMMARY} FROM posts p
  WHERE p.deleted_at IS NULL AND p.hidden = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 21`;
const POST_READ_SQL = `SELECT ${POST_SUMMARY}, p.body AS body, p.content_hash AS contentHash, p.hidden AS hidden,
  p.deleted_at AS deletedAt FROM posts p WHERE p.id = ? AND p.deleted_at IS NULL LIMIT 1`;
const VIEW_INSERT_SQL = 'INSERT IGNORE INTO post_views (post_id, viewer_key, viewed_at) VALUES (?, ?, ?)';
const VIEW_RENEW_SQL = 'UPDATE post_views SET viewed_at = ? WHERE post_id = ? AND viewer_key = ? AND viewed_at <= ?';
const VIEW_COUNT_SQL = 'UPDATE posts SET view_count = view_count + 1 WHERE id = ?';

const HOSPITAL_COLUMNS = `h.id AS "id", h.agency_code AS "agencyCode", h.name AS "name", h.name_search AS "nameSearch",
  h.type AS "type", h.region AS "region", h.district AS "district", h.address AS "address",
  h.postal_code AS "postalCode", h.phone AS "phone", h.homepage AS "homepage", h.doctor_count AS "doctorCount",
  h.latitude AS "latitude", h.longitude AS "longitude", h.review_count AS "reviewCount",
  h.recommend_count AS "recommendCount", h.overall_sum AS "overallSum", h.care_sum AS "careSum",
  h.honesty_sum AS "honestySum", h.staff_sum AS "staffSum", h.facilities_sum AS "facilitiesSum",
  h.waiting_sum AS "waitingSum", h.rating_key AS "ratingKey", h.created_at AS "createdAt", h.updated_at AS "updatedAt"`;
const HOSPITAL_READ_SQL = `SELECT ${HOSPITAL_COLUMNS} FROM hospitals h WHERE h.id = $1 LIMIT 1`;
const DEPARTMENTS_SQL = 'SELECT d.name FROM hospital_departments d WHERE d.hospital_id = $1 ORDER BY d.position ASC';
const HOSPITAL_EXISTS_SQL = 'SELECT 1 FROM hospitals h WHERE h.id = $1 LIMIT 1';
const REVIEWS_SQL = `SELECT r.id AS "id", r.hospital_id AS "hospitalId", r.author_sub AS "authorSub",
  r.author_nickname AS "authorNickname", r.author_job_category AS "authorJobCategory",
  r.show_job_category AS "showJobCategory", r.verified_insider AS "verifiedInsider", r.overall AS "overall",
  r.care AS "care", r.honesty AS "honesty", r.staff AS "staff", r.facilities AS "facilities",
  r.waiting AS "waiting", r.recommend AS "recommend", r.title AS "title", r.body AS "body",
  r.helpful_count AS "helpfulCount", r.hidden AS "hidden", r.admin_hidden AS "adminHidden",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"
  FROM reviews r WHERE r.hospital_id = $1 AND r.hidden = $2
  ORDER BY r.verified_insider DESC, r.created_at DESC, r.id DESC LIMIT 21`;

/** TypeORM's named parameters (`:name`, `:...list`) as pg's positional ones, in order. */
function positional(sql, named) {
  const values = [];
  const text = sql.replace(/:(\.\.\.)?([A-Za-z_]\w*)/g, (_, spread, name) => {
    const value = named[name];
    if (spread) return value.map((v) => `$${values.push(v)}`).join(', ');
    return `$${values.push(value)}`;
  });
  return { text, values };
}

/** The service's viewer key for a visitor (no token): address and browser, hashed. */
function visitorKey(req) {
  const fingerprint = `${req.socket.remoteAddress ?? ''}|${req.headers['user-agent'] ?? ''}`;
  return `visitor:${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 40)}`;
}

/**
 * Route handlers by name, each `(req, url) => Promise<{ status, body, headers? }>`. `mysql` is a
 * mysql2 pool on the board's database, `pg` a pg pool on the hospital's, `jwks` the auth key set.
 */
export async function rawHandlers({ mysql, pg, jwks }) {
  const { toSummary, toDetail } = await load('services/board/dist/src/posts/post-views.js');
  const { toPage } = await load('packages/platform/dist/src/pagination/cursor.js');
  const { toHospitalSummary, toHospitalDetail } = await load('services/hospital/dist/src/hospitals/hospital-views.js');
  const { planHospitalSearch } = await load('services/hospital/dist/src/hospitals/search-plan.js');
  const { searchSql } = await load('services/hospital/dist/src/hospitals/search-sql.js');
  const { toReviewView } = await load('services/hospital/dist/src/reviews/review-views.js');
  const { cursorOf: reviewCursorOf } = await load('services/hospital/dist/src/reviews/review-list.js');
  const boolean = (row, ...names) => {
    for (const name of names) row[name] = row[name] === null ? null : Boolean(row[name]);
    return row;
  };
  const handlers = {};
  handlers['board-list'] = async () => {
    const [rows] = await mysql.query(BOARD_LIST_SQL, [false]);
    const page = toPage(
      rows,
      20,
      (p) => toSummary(p, undefined),
      (p) => [p.createdAt.toISOString(), p.id],
    );
    return { body: page };
  };
  handlers['post-read'] = async (req, url) => {
    const id = url.pathname.split('/').at(-1);
    const [[post]] = await mysql.query(POST_READ_SQL, [id]);
    if (!post || post.hidden) return { status: 404, body: { title: 'not found' } };
    const viewer = visitorKey(req);
    const now = new Date();
    const [inserted] = await mysql.query(VIEW_INSERT_SQL, [id, viewer, now]);
    let counted = inserted.affectedRows > 0;
    if (!counted) {
      const [renewed] = await mysql.query(VIEW_RENEW_SQL, [now, id, viewer, new Date(now.getTime() - 3600_000)]);
      counted = renewed.affectedRows > 0;
    }
    if (counted) {
      await mysql.query(VIEW_COUNT_SQL, [id]);
      post.viewCount += 1;
    }
    return { body: toDetail(boolean(post, 'hidden'), undefined, { likedByMe: false, bookmarkedByMe: false }) };
  };
  handlers['hospital-search'] = async (_req, url) => {
    const plan = planHospitalSearch(url.searchParams.get('q'));
    const { levels, params } = searchSql(plan, 'postgres');
    const ranked = [];
    for (let rank = 0; rank < levels.length && ranked.length <= 20; rank++) {
      const { text, values } = positional(
        `SELECT ${HOSPITAL_COLUMNS} FROM hospitals h WHERE ${levels[rank]} ORDER BY h.name ASC, h.id ASC LIMIT ${21 - ranked.length}`,
        params,
      );
      const { rows } = await pg.query(text, values);
      ranked.push(...rows.map((hospital) => ({ hospital, rank })));
    }
    return {
      body: toPage(
        ranked,
        20,
        (r) => toHospitalSummary(r.hospital),
        (r) => [r.rank, r.hospital.name, r.hospital.id],
      ),
    };
  };
  handlers['hospital-read'] = async (_req, url) => {
    const id = url.pathname.split('/').at(-1);
    const { rows } = await pg.query(HOSPITAL_READ_SQL, [id]);
    if (!rows[0]) return { status: 404, body: { title: 'not found' } };
    const departments = await pg.query(DEPARTMENTS_SQL, [id]);
    return {
      body: toHospitalDetail(
        rows[0],
        departments.rows.map((d) => d.name),
      ),
    };
  };
  handlers.reviews = async (_req, url) => {
    const id = url.pathname.split('/').at(-2);
    const exists = await pg.query(HOSPITAL_EXISTS_SQL, [id]);
    if (exists.rowCount === 0) return { status: 404, body: { title: 'not found' } };
    const { rows } = await pg.query(REVIEWS_SQL, [id, false]);
    const context = { caller: undefined, helpfulByMe: new Set() };
    return {
      body: toPage(
        rows,
        20,
        (r) => toReviewView(r, context),
        // The service's own cursor: the list's sort and filters beside the last id.
        (r) => reviewCursorOf({ sort: 'latest' }, r),
      ),
    };
  };
  handlers.jwks = async () => ({ body: jwks, headers: { 'cache-control': 'public, max-age=300' } });
  return handlers;
}

/** A `node:http` server answering `route(url)`'s handler, or 404; a database error is a 503. */
export function rawServer(handlers, route) {
  return createServer(async (req, res) => {
    const url = new URL(req.url, 'http://raw');
    const handler = handlers[route(url)];
    const answer = handler
      ? await handler(req, url).catch(() => ({ status: 503, body: {} }))
      : { status: 404, body: {} };
    const body = JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...answer.headers,
    });
    res.end(body);
  });
}
