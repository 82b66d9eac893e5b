import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { BoardHarness, INTERNAL_TOKEN, type Member } from './board-harness.js';

const DIALECTS: Dialect[] = ['sqlite', 'mariadb'];
const PROBLEM = 'application/problem+json; charset=utf-8';
const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** A member's own activity page, comment likes and bookmarks (스크랩). */
for (const dialect of DIALECTS) {
  describe(`board member activity (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `board activity e2e (${dialect})`);
    const board = new BoardHarness(dialect);
    before(async () => {
      if (!missing) await board.start();
    });
    after(() => board.stop());

    /** Every page of one of the caller's lists, `limit` at a time. */
    const allMine = (path: string, member: Member, limit: number) =>
      board.allPages(path, limit, undefined, member.token);

    describe('my posts and comments', { skip: missing }, () => {
      it('lists only the caller’s own, newest first, across keyset pages, without deleted ones', async () => {
        const me = await board.member();
        const other = await board.member();
        const mine = [];
        for (let i = 0; i < 5; i++) mine.push(await board.post(me, { board: i % 2 ? 'qna' : 'free' }));
        const theirs = await board.post(other);
        await board.api.delete(`/api/board/posts/${mine[1].id}`, undefined, { token: me.token });
        const posts = await allMine('/api/board/me/posts', me, 2);
        assert.deepEqual(ids(posts), ids([mine[4], mine[3], mine[2], mine[0]]));
        assert.ok(posts.every((p) => p.isMine && p.author.nickname === me.nickname));

        const c1 = await board.comment(me, theirs.id, '첫 댓글');
        const c2 = await board.comment(me, mine[0].id, '둘째 댓글');
        const reply = await board.comment(me, theirs.id, '답글', c1.id);
        await board.comment(other, theirs.id, '남의 댓글');
        const gone = await board.comment(me, mine[4].id, '지울 댓글');
        await board.api.delete(`/api/board/comments/${gone.id}`, undefined, { token: me.token });
        // A comment under a post that has since been deleted leaves the list with its post.
        await board.comment(me, mine[2].id, '글이 지워질 댓글');
        await board.api.delete(`/api/board/posts/${mine[2].id}`, undefined, { token: me.token });

        const comments = await allMine('/api/board/me/comments', me, 2);
        assert.deepEqual(ids(comments), [reply.id, c2.id, c1.id]);
        assert.deepEqual(
          { board: comments[0].board, postId: comments[0].postId, postTitle: comments[0].postTitle },
          { board: 'free', postId: theirs.id, postTitle: theirs.title },
        );
        assert.equal(comments[1].body, '둘째 댓글');
        assert.equal((await allMine('/api/board/me/comments', other, 10)).length, 1, 'each sees their own');
      });

      it('answers a visitor 401 and a bad cursor or limit 400, as problem+json naming the field', async () => {
        for (const path of ['/api/board/me/posts', '/api/board/me/comments', '/api/board/me/bookmarks']) {
          const visitor = await board.api.get(path);
          assert.equal(visitor.status, 401, path);
          assert.equal(visitor.headers.get('content-type'), PROBLEM);
          const me = await board.member();
          const cursor = await board.api.get(`${path}?cursor=not-a-cursor`, { token: me.token });
          assert.equal(cursor.status, 400, path);
          assert.equal(cursor.body.errors[0].field, 'cursor');
          const limit = await board.api.get(`${path}?limit=51`, { token: me.token });
          assert.equal(limit.status, 400, path);
          assert.equal(limit.body.errors[0].field, 'limit');
        }
      });

      it('has no route to another member’s activity, by nickname or account', async () => {
        const me = await board.member();
        await board.post(me);
        for (const path of [
          `/api/board/me/posts?nickname=${encodeURIComponent(me.nickname)}`,
          `/api/board/me/posts?sub=${me.sub}`,
        ]) {
          const res = await board.api.get(path, { token: (await board.member()).token });
          assert.equal(res.status, 400, `${path}: unknown parameters are refused`);
        }
        assert.equal((await board.api.get(`/api/board/members/${encodeURIComponent(me.nickname)}/posts`)).status, 404);
      });
    });

    describe('comment likes', { skip: missing }, () => {
      it('counts one like per member, toggles idempotently, and shows likedByMe to the liker only', async () => {
        const author = await board.member();
        const post = await board.post(author);
        const comment = await board.comment(author, post.id);
        assert.deepEqual([comment.likeCount, comment.likedByMe], [0, false]);
        const [ann, bob] = [await board.member(), await board.member()];
        const like = (m: Member) =>
          board.api.put(`/api/board/comments/${comment.id}/like`, undefined, { token: m.token });
        const unlike = (m: Member) =>
          board.api.delete(`/api/board/comments/${comment.id}/like`, undefined, { token: m.token });
        assert.deepEqual((await like(ann)).body, { liked: true, likeCount: 1 });
        assert.deepEqual((await like(ann)).body, { liked: true, likeCount: 1 }, 'a second like changes nothing');
        assert.deepEqual((await like(bob)).body, { liked: true, likeCount: 2 });
        assert.deepEqual((await unlike(bob)).body, { liked: false, likeCount: 1 });
        assert.deepEqual((await unlike(bob)).body, { liked: false, likeCount: 1 }, 'nor a second unlike');

        const asAnn = await board.api.get(`/api/board/posts/${post.id}/comments`, { token: ann.token });
        assert.deepEqual([asAnn.body.items[0].likeCount, asAnn.body.items[0].likedByMe], [1, true]);
        const asBob = await board.api.get(`/api/board/posts/${post.id}/comments`, { token: bob.token });
        assert.deepEqual([asBob.body.items[0].likeCount, asBob.body.items[0].likedByMe], [1, false]);
        const mine = await allMine('/api/board/me/comments', author, 10);
        assert.equal(mine[0].likeCount, 1);
      });

      it('likes replies too; refuses visitors (401), unverified members (403), a gone comment (404)', async () => {
        const author = await board.member();
        const post = await board.post(author);
        const top = await board.comment(author, post.id);
        const reply = await board.comment(author, post.id, '답글', top.id);
        const fan = await board.member();
        await board.api.put(`/api/board/comments/${reply.id}/like`, undefined, { token: fan.token });
        const thread = await board.api.get(`/api/board/posts/${post.id}/comments`, { token: fan.token });
        assert.deepEqual(
          [thread.body.items[0].replies[0].likeCount, thread.body.items[0].replies[0].likedByMe],
          [1, true],
        );

        const visitor = await board.api.put(`/api/board/comments/${top.id}/like`);
        assert.equal(visitor.status, 401);
        const unverified = await board.member('member', { emailVerified: false });
        const refused = await board.api.put(`/api/board/comments/${top.id}/like`, undefined, {
          token: unverified.token,
        });
        assert.deepEqual([refused.status, refused.body.key], [403, 'AUTH.EMAIL_NOT_VERIFIED']);
        await board.api.delete(`/api/board/comments/${reply.id}`, undefined, { token: author.token });
        const gone = await board.api.put(`/api/board/comments/${reply.id}/like`, undefined, { token: fan.token });
        assert.deepEqual([gone.status, gone.body.key], [404, 'BOARD.COMMENT_NOT_FOUND']);
        assert.equal(gone.headers.get('content-type'), PROBLEM);
        const bad = await board.api.put('/api/board/comments/not-an-id/like', undefined, { token: fan.token });
        assert.equal(bad.status, 400);
      });
    });

    describe('bookmarks (스크랩)', { skip: missing }, () => {
      it('keeps posts privately, latest kept first, paged; shows bookmarkedByMe; removes idempotently', async () => {
        const author = await board.member();
        const posts = [await board.post(author), await board.post(author), await board.post(author)];
        const me = await board.member();
        const mark = (id: string) => board.api.put(`/api/board/posts/${id}/bookmark`, undefined, { token: me.token });
        for (const id of [posts[1].id, posts[0].id, posts[2].id])
          assert.deepEqual((await mark(id)).body, { bookmarked: true });
        assert.deepEqual((await mark(posts[0].id)).body, { bookmarked: true }, 'a second bookmark changes nothing');
        assert.deepEqual(ids(await allMine('/api/board/me/bookmarks', me, 2)), ids([posts[2], posts[0], posts[1]]));

        const read = await board.api.get(`/api/board/posts/${posts[0].id}`, { token: me.token });
        assert.equal(read.body.bookmarkedByMe, true);
        const asAuthor = await board.api.get(`/api/board/posts/${posts[0].id}`, { token: author.token });
        assert.equal(asAuthor.body.bookmarkedByMe, false, 'private to whoever kept it');
        assert.equal((await allMine('/api/board/me/bookmarks', author, 10)).length, 0);

        const remove = () =>
          board.api.delete(`/api/board/posts/${posts[0].id}/bookmark`, undefined, { token: me.token });
        assert.deepEqual((await remove()).body, { bookmarked: false });
        assert.deepEqual((await remove()).body, { bookmarked: false });
        // A deleted post drops out of the list.
        await board.api.delete(`/api/board/posts/${posts[2].id}`, undefined, { token: author.token });
        assert.deepEqual(ids(await allMine('/api/board/me/bookmarks', me, 10)), [posts[1].id]);
      });

      it('lets an unverified member keep bookmarks, refuses visitors (401) and unknown posts (404)', async () => {
        const author = await board.member();
        const post = await board.post(author);
        const unverified = await board.member('member', { emailVerified: false });
        const kept = await board.api.put(`/api/board/posts/${post.id}/bookmark`, undefined, {
          token: unverified.token,
        });
        assert.equal(kept.status, 200, JSON.stringify(kept.body));
        assert.equal((await board.api.put(`/api/board/posts/${post.id}/bookmark`)).status, 401);
        const unknown = await board.api.put(`/api/board/posts/${randomUUID()}/bookmark`, undefined, {
          token: unverified.token,
        });
        assert.deepEqual([unknown.status, unknown.body.key], [404, 'BOARD.POST_NOT_FOUND']);
      });

      it('forgets a deleted account’s bookmarks and comment likes, with the counts', async () => {
        const author = await board.member();
        const post = await board.post(author);
        const comment = await board.comment(author, post.id);
        const leaver = await board.member();
        await board.api.put(`/api/board/posts/${post.id}/bookmark`, undefined, { token: leaver.token });
        await board.api.put(`/api/board/comments/${comment.id}/like`, undefined, { token: leaver.token });
        const forget = await board.api.delete(`/internal/authors/${leaver.sub}`, undefined, {
          headers: { 'x-internal-token': INTERNAL_TOKEN },
        });
        assert.equal(forget.status, 204);
        const thread = await board.api.get(`/api/board/posts/${post.id}/comments`);
        assert.equal(thread.body.items[0].likeCount, 0);
        const [{ n }] = await board.dataSource.query('SELECT COUNT(*) AS n FROM post_bookmarks WHERE member_sub = ?', [
          leaver.sub,
        ]);
        assert.equal(Number(n), 0);
      });
    });
  });
}
