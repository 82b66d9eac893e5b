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

/** What a `LIKE '%q%'` over title and body finds (ASCII case folded), title matches first, newest first. */
function expected(posts: { id: string; title: string; body: string }[], q: string): string[] {
  const has = (text: string) => text.toLowerCase().includes(q.toLowerCase());
  const newestFirst = [...posts].reverse();
  return [...newestFirst.filter((p) => has(p.title)), ...newestFirst.filter((p) => !has(p.title) && has(p.body))].map(
    (p) => p.id,
  );
}

for (const dialect of DIALECTS) {
  describe(`board search (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `board search e2e (${dialect})`);
    // A window of 3 newest posts: common words are found in it, the rest through the index.
    const board = new BoardHarness(dialect, { SEARCH_SCAN_WINDOW: '3' });
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
