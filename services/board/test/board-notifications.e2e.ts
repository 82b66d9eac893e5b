import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { BoardHarness, INTERNAL_TOKEN, type Member } from './board-harness.js';

const DIALECTS: Dialect[] = ['sqlite', 'mariadb'];
const PROBLEM = 'application/problem+json; charset=utf-8';
const LIST = '/api/board/me/notifications';
const COUNT = '/api/board/me/notifications/unread-count';
const READ = '/api/board/me/notifications/read';

/** In-app notifications of comments, replies, answers and accepted answers on a member's own items. */
for (const dialect of DIALECTS) {
  describe(`board notifications (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `board notifications e2e (${dialect})`);
    const board = new BoardHarness(dialect);
    before(async () => {
      if (!missing) await board.start();
    });
    after(() => board.stop());

    const mine = (member: Member, limit = 50) => board.allPages(LIST, limit, undefined, member.token);
    const unread = async (member: Member) => {
      const res = await board.api.get(COUNT, { token: member.token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.count as number;
    };
    const markRead = (member: Member, body: unknown) => board.api.post(READ, body, { token: member.token });

    async function hide(admin: Member, type: 'posts' | 'comments', id: string) {
      const reporter = await board.member();
      await board.api.post(`/api/board/${type}/${id}/reports`, { reason: 'spam' }, { token: reporter.token });
      const queue = (await board.api.get('/api/board/admin/reports?status=open&limit=50', { token: admin.token })).body
        .items;
      const item = queue.find((i: { targetId: string }) => i.targetId === id);
      const res = await board.api.post(
        `/api/board/admin/reports/${item.id}/resolve`,
        { action: 'hide' },
        { token: admin.token },
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }

    describe('what is notified', { skip: missing }, () => {
      it('tells each kind to the item’s author, newest first, and nobody of their own action', async () => {
        const asker = await board.member();
        const answerer = await board.member();
        const writer = await board.member();

        const free = await board.post(writer, { title: '자유 글' });
        const comment = await board.comment(answerer, free.id, '댓글');
        await board.comment(writer, free.id, '내 글에 내 댓글');
        const reply = await board.comment(writer, free.id, '답글', comment.id);
        await board.comment(answerer, free.id, '내 댓글에 내 답글', comment.id);

        const question = await board.post(asker, { board: 'qna', title: '질문 글' });
        const answer = await board.comment(answerer, question.id, '답변');
        const accepted = await board.api.post(
          `/api/board/posts/${question.id}/answer`,
          { commentId: answer.id },
          { token: asker.token },
        );
        assert.equal(accepted.status, 200, JSON.stringify(accepted.body));

        const writers = await mine(writer);
        assert.deepEqual(
          writers.map((n) => [n.kind, n.postId, n.postTitle, n.board, n.commentId, n.read]),
          [['comment_on_post', free.id, '자유 글', 'free', comment.id, false]],
        );
        const answerers = await mine(answerer);
        assert.deepEqual(
          answerers.map((n) => [n.kind, n.postId, n.commentId]),
          [
            ['answer_accepted', question.id, answer.id],
            ['reply_to_comment', free.id, reply.id],
          ],
        );
        const askers = await mine(asker);
        assert.deepEqual(
          askers.map((n) => [n.kind, n.postTitle, n.board, n.commentId]),
          [['answer_on_question', '질문 글', 'qna', answer.id]],
        );
        assert.deepEqual(Object.keys(askers[0]).sort(), [
          'board',
          'commentId',
          'createdAt',
          'id',
          'kind',
          'postId',
          'postTitle',
          'read',
        ]);
        assert.equal(JSON.stringify(askers).includes(answerer.nickname), false, 'the actor is never named');
        assert.equal(await unread(answerer), 2);
      });

      it('drops items whose post or comment was hidden or deleted, from the list and the count', async () => {
        const admin = await board.member('admin');
        const me = await board.member();
        const other = await board.member();
        const kept = await board.post(me, { title: '남을 글' });
        const deletedPost = await board.post(me);
        const hiddenPost = await board.post(me);
        const keptComment = await board.comment(other, kept.id, '남을 댓글');
        const deletedComment = await board.comment(other, kept.id, '지울 댓글');
        const hiddenComment = await board.comment(other, kept.id, '가릴 댓글');
        await board.comment(other, deletedPost.id);
        await board.comment(other, hiddenPost.id);
        assert.equal(await unread(me), 5);

        await board.api.delete(`/api/board/comments/${deletedComment.id}`, undefined, { token: other.token });
        await board.api.delete(`/api/board/posts/${deletedPost.id}`, undefined, { token: me.token });
        await hide(admin, 'posts', hiddenPost.id);
        await hide(admin, 'comments', hiddenComment.id);

        assert.deepEqual(
          (await mine(me)).map((n) => n.commentId),
          [keptComment.id],
        );
        assert.equal(await unread(me), 1);
      });

      it('forgets a deleted account’s notifications', async () => {
        const leaver = await board.member();
        const other = await board.member();
        const post = await board.post(leaver);
        await board.comment(other, post.id);
        assert.equal(await unread(leaver), 1);
        const forget = await board.api.delete(`/internal/authors/${leaver.sub}`, undefined, {
          headers: { 'x-internal-token': INTERNAL_TOKEN },
        });
        assert.equal(forget.status, 204);
        assert.equal(await unread(leaver), 0);
        assert.deepEqual(await mine(leaver), []);
      });
    });

    describe('reading', { skip: missing }, () => {
      it('pages newest first, marks some then all read, and keeps each member to their own', async () => {
        const me = await board.member();
        const other = await board.member();
        const post = await board.post(me);
        const comments = [];
        for (let i = 0; i < 5; i++) comments.push(await board.comment(other, post.id, `댓글 ${i}`));
        const paged = await mine(me, 2);
        assert.deepEqual(
          paged.map((n) => n.commentId),
          comments.map((c) => c.id).reverse(),
        );
        assert.equal(await unread(me), 5);

        // Another member can neither list nor mark them: their ids match nothing of theirs.
        assert.deepEqual(await mine(other), []);
        const foreign = await markRead(other, { ids: [paged[0].id, paged[1].id] });
        assert.equal(foreign.status, 204);
        assert.equal(await unread(me), 5);

        const some = await markRead(me, { ids: [paged[0].id, paged[1].id] });
        assert.equal(some.status, 204);
        assert.equal(await unread(me), 3);
        assert.deepEqual(
          (await mine(me)).map((n) => n.read),
          [true, true, false, false, false],
        );
        assert.equal((await markRead(me, {})).status, 204);
        assert.equal(await unread(me), 0);
        assert.ok((await mine(me)).every((n) => n.read));
      });

      it('answers a visitor 401 and bad input 400, as problem+json naming the field', async () => {
        for (const [method, path] of [
          ['get', LIST],
          ['get', COUNT],
          ['post', READ],
        ] as const) {
          const res = method === 'get' ? await board.api.get(path) : await board.api.post(path, {});
          assert.equal(res.status, 401, path);
          assert.equal(res.headers.get('content-type'), PROBLEM);
        }
        const me = await board.member();
        const tooMany = Array.from({ length: 101 }, () => randomUUID());
        for (const ids of ['not-a-list', tooMany, ['not-an-id']]) {
          const res = await markRead(me, { ids });
          assert.equal(res.status, 400, JSON.stringify(ids).slice(0, 40));
          assert.equal(res.headers.get('content-type'), PROBLEM);
          assert.deepEqual([...new Set(res.body.errors.map((e: { field: string }) => e.field))], ['ids']);
        }
        const cursor = await board.api.get(`${LIST}?cursor=not-a-cursor`, { token: me.token });
        assert.equal(cursor.status, 400);
        assert.equal(cursor.body.errors[0].field, 'cursor');
        const limit = await board.api.get(`${LIST}?limit=51`, { token: me.token });
        assert.equal(limit.status, 400);
        assert.equal(limit.body.errors[0].field, 'limit');
      });
    });
  });
}
