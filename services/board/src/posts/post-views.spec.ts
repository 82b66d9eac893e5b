import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WITHDRAWN_AUTHOR_NICKNAME } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import { authorOf, isMine } from '../authors/author-view.js';
import { excerptOf } from './post-views.js';

const caller = (sub: string): Caller => ({
  sub,
  nickname: 'n',
  role: 'member',
  hospitalId: null,
  jobCategory: null,
  insiderVerified: false,
  emailVerified: true,
  memberSince: '2026-01-01T00:00:00.000Z',
});

describe('post presentation', () => {
  it('excerpts flatten white space and cut long bodies', () => {
    assert.equal(excerptOf('  첫 줄\n\n둘째   줄 '), '첫 줄 둘째 줄');
    const long = excerptOf('가'.repeat(500));
    assert.equal(long.length, 121);
    assert.ok(long.endsWith('…'));
  });

  it('names authors by nickname only, and withdrawn ones generically', () => {
    assert.deepEqual(authorOf({ authorSub: 'u1', authorNickname: '새벽근무' }), { nickname: '새벽근무' });
    assert.deepEqual(authorOf({ authorSub: null, authorNickname: null }), { nickname: WITHDRAWN_AUTHOR_NICKNAME });
  });

  it('marks the caller’s own items, never a withdrawn member’s', () => {
    assert.equal(isMine({ authorSub: 'u1', authorNickname: 'a' }, caller('u1')), true);
    assert.equal(isMine({ authorSub: 'u1', authorNickname: 'a' }, caller('u2')), false);
    assert.equal(isMine({ authorSub: 'u1', authorNickname: 'a' }, undefined), false);
    assert.equal(isMine({ authorSub: null, authorNickname: null }, caller('u1')), false);
  });
});
