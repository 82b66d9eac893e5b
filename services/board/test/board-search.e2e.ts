import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { DataSource } from 'typeorm';
import { POST_SEARCH_TABLE } from '../src/posts/search/search-table.js';
import { BoardHarness, type Member } from './board-harness.js';

const DIALECTS: Dialect[] = ['sqlite', 'mariadb'];

/** Texts chosen to trip an index that is not a plain substring match: spacing, case, symbols, one syllable. */
const POSTS = [
  { title: '응급실 야간 근무 후기', body: '인수인계가 길어서 퇴근이 늦었어요.' },
  { title: '야간근무 수당 질문', body: '나이트 수당이 얼마인가요? MRI 검사실도 같나요' },
  { title: '신규 간호사 고민', body: '프리셉터 선생님이 야간 인수인계를 알려주셨어요' },
  { title: 'MRI 대기 시간', body: '외래 환자 대기가 길어요 mri검사 100% 예약제' },
  { title: '식당 메뉴', body: '밤에 먹는 야식이 최고, 응급실 옆 편의점' },
  { title: '휴게실 이야기', body: 'ICU 휴게실은 밤새 불이 켜져 있어요 "따옴표" 와 \\ 역슬래시' },
  { title: '밤 근무 팁', body: '커피 말고 물을 많이 드세요' },
  { title: '주차장 문제', body: '직원 주차장이 부족해요' },
];
const QUERIES = [
  '야간',
  '야간 근무',
  '인수인계',
  '밤',
  'MRI 검사',
  'mri',
  'I',
  '100%',
  '%',
  '"따옴표"',
  '\\',
  '양자컴퓨터',
  '휴게실',
];

interface Written {
  id: string;
  title: string;
  body: string;
}

/** What a `LIKE '%q%'` over title and body finds (ASCII case folded), title matches first, newest first. */
function expected(posts: Written[], q: string): string[] {
  const has = (text: string) => text.toLowerCase().includes(q.toLowerCase());
  const newestFirst = [...posts].reverse();
  return [...newestFirst.filter((p) => has(p.title)), ...newestFirst.filter((p) => !has(p.title) && has(p.body))].map(
    (p) => p.id,
  );
}

/** The scan's order by likes: the matches (in any order) most liked first, then newest. */
function byLikes(posts: (Written & { likes: number })[], ids: string[]): string[] {
  const at = new Map(posts.map((p, i) => [p.id, { likes: p.likes, i }]));
  const key = (id: string) => at.get(id) ?? { likes: 0, i: -1 };
  return [...ids].sort((a, b) => key(b).likes - key(a).likes || key(b).i - key(a).i);
}

for (const dialect of DIALECTS) {
  describe(`board search (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `board search e2e (${dialect})`);
    // A window of 3 newest posts: common words are found in it, the rest through the index.
    // Likes rank up to 3 index matches; a commoner word narrows the list by LIKE alone.
    const board = new BoardHarness(dialect, { SEARCH_SCAN_WINDOW: '3', SEARCH_RANK_CANDIDATES: '3' });
    let alice: Member;
    const written: { id: string; title: string; body: string }[] = [];
    before(async () => {
      if (missing) return;
      await board.start();
      alice = await board.member();
      for (const post of POSTS) {
        const created = await board.post(alice, post);
        written.push({ id: created.id, ...post });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    after(() => board.stop());

    it('finds what a scan finds, title matches first, then newest first, on every page size', {
      skip: missing,
    }, async () => {
      for (const q of QUERIES) {
        for (const limit of [1, 2, 20]) {
          const items = await board.allPages(`/api/board/posts?q=${encodeURIComponent(q)}`, limit);
          assert.deepEqual(
            items.map((p) => p.id),
            expected(written, q),
            `q=${q} limit=${limit}`,
          );
        }
      }
    });

    it('finds an edited post by its new words only, and leaves deleted posts out', {
      skip: missing,
    }, async () => {
      const post = await board.post(alice, { title: '수정 전 제목', body: '고압산소 치료' });
      const edit = await board.api.patch(
        `/api/board/posts/${post.id}`,
        { body: '척수손상 재활' },
        { token: alice.token },
      );
      assert.equal(edit.status, 200);
      const ids = async (q: string) =>
        (await board.allPages(`/api/board/posts?q=${encodeURIComponent(q)}`, 5)).map((p) => p.id);
      assert.deepEqual(await ids('고압산소'), []);
      assert.deepEqual(await ids('척수손상'), [post.id]);
      await board.api.delete(`/api/board/posts/${post.id}`, undefined, { token: alice.token });
      assert.deepEqual(await ids('척수손상'), []);
    });

    it('filters search by board and refuses a cursor of another list', { skip: missing }, async () => {
      const qna = await board.post(alice, { board: 'qna', title: '질문 게시판의 야간 글' });
      const items = await board.allPages(`/api/board/posts?q=${encodeURIComponent('야간')}&board=qna`, 1);
      assert.deepEqual(
        items.map((p) => p.id),
        [qna.id],
      );
      const latest = await board.api.get('/api/board/posts?limit=1');
      const mixed = await board.api.get(`/api/board/posts?q=x&cursor=${encodeURIComponent(latest.body.nextCursor)}`);
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.errors[0].field, 'cursor');
    });

    it('filters by answered and sorts by likes with the same results as a scan', { skip: missing }, async () => {
      const bob = await board.member();
      const carol = await board.member();
      // An empty Q&A board: what the earlier tests posted there is removed first.
      for (const post of await board.allPages('/api/board/posts?board=qna', 50)) {
        await board.api.delete(`/api/board/posts/${post.id}`, undefined, { token: alice.token });
      }
      const qna: (Written & { likes: number; answered: boolean })[] = [];
      for (const [i, post] of POSTS.entries()) {
        const created = await board.post(alice, { board: 'qna', ...post });
        const answered = i % 3 !== 1;
        if (answered) {
          const answer = await board.comment(bob, created.id, '답변');
          const accepted = await board.api.post(
            `/api/board/posts/${created.id}/answer`,
            { commentId: answer.id },
            { token: alice.token },
          );
          assert.equal(accepted.status, 200);
        }
        const likers = [bob, carol].slice(0, i % 3);
        for (const member of likers) {
          await board.api.put(`/api/board/posts/${created.id}/like`, undefined, { token: member.token });
        }
        qna.push({ id: created.id, ...post, likes: likers.length, answered });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (const q of QUERIES) {
        const path = `/api/board/posts?board=qna&q=${encodeURIComponent(q)}`;
        const ids = async (query: string, limit: number) => (await board.allPages(query, limit)).map((p) => p.id);
        for (const answered of [true, false]) {
          const want = expected(
            qna.filter((p) => p.answered === answered),
            q,
          );
          for (const limit of [1, 20]) {
            assert.deepEqual(await ids(`${path}&answered=${answered}`, limit), want, `q=${q} answered=${answered}`);
          }
        }
        const popular = byLikes(qna, expected(qna, q));
        for (const limit of [1, 2, 20]) {
          assert.deepEqual(await ids(`${path}&sort=popular`, limit), popular, `q=${q} sort=popular limit=${limit}`);
        }
        const week = await board.api.get(`${path}&sort=popular&period=week`);
        // Only answered posts have a comment (the accepted one): likes, then comments, then newest.
        const of = (id: string) => qna.find((p) => p.id === id) ?? { likes: 0, answered: false };
        const top = popular
          .filter((id) => of(id).likes > 0)
          .sort((a, b) => of(b).likes - of(a).likes || Number(of(b).answered) - Number(of(a).answered));
        assert.deepEqual(
          week.body.items.map((p: { id: string }) => p.id),
          top,
          `q=${q} period=week`,
        );
      }
    });

    if (dialect === 'mariadb') {
      it('keeps the full-text index on MariaDB in step with the posts', { skip: missing }, async () => {
        const db = new DataSource({ type: 'mariadb', url: board.db.url });
        await db.initialize();
        try {
          const engine = await db.query(
            'SELECT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
            [POST_SEARCH_TABLE],
          );
          assert.equal(engine[0]?.engine, 'Mroonga', 'the index table exists (mariadb-plugin-mroonga is installed)');
          const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM ${POST_SEARCH_TABLE}`);
          const [{ m }] = await db.query('SELECT COUNT(*) AS m FROM posts');
          assert.equal(Number(n), Number(m));
        } finally {
          await db.destroy();
        }
      });
    }
  });
}
