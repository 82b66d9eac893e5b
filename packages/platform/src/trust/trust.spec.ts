import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORT_HIDE_WEIGHT } from '@carebridge/contracts';
import type { Caller } from '../auth/caller.js';
import { ProblemException } from '../errors/problem.exception.js';
import { contentFingerprint } from './content-fingerprint.js';
import { hidesAutomatically, reporterHistory, reportWeight } from './report-weight.js';
import { standingOf } from './standing.js';
import { WriteLimiter } from './write-limiter.js';
import { decideWrite, scaledLimits, WRITE_LIMITS } from './write-limits.js';
import { MemoryWriteLog } from './write-log.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW - n * DAY).toISOString();
const claims = (over: Partial<Caller> = {}): Caller => ({
  sub: 's1',
  nickname: 'n',
  role: 'member',
  hospitalId: null,
  jobCategory: null,
  insiderVerified: false,
  emailVerified: true,
  memberSince: daysAgo(30),
  ...over,
});

describe('standing', () => {
  it('is new while the email is unverified, the account young, or its age unknown', () => {
    assert.equal(standingOf(claims({ emailVerified: false }), NOW), 'new');
    assert.equal(standingOf(claims({ memberSince: daysAgo(6.9) }), NOW), 'new');
    assert.equal(standingOf(claims({ memberSince: '' }), NOW), 'new');
    assert.equal(standingOf(claims({ memberSince: 'not a date' }), NOW), 'new');
    assert.equal(standingOf(claims({ memberSince: daysAgo(7) }), NOW), 'member');
    assert.equal(standingOf(claims({ insiderVerified: true }), NOW), 'insider');
    assert.equal(standingOf(claims({ insiderVerified: true, memberSince: daysAgo(1) }), NOW), 'new');
  });
});

describe('report weight', () => {
  it('gives throwaway accounts no say, established members 1, verified insiders 2', () => {
    assert.equal(reportWeight(claims({ emailVerified: false }), {}, NOW), 0);
    assert.equal(reportWeight(claims({ memberSince: daysAgo(2) }), {}, NOW), 0);
    assert.equal(reportWeight(claims(), {}, NOW), 1);
    assert.equal(reportWeight(claims({ insiderVerified: true, hospitalId: 'H2' }), { hospitalId: 'H1' }, NOW), 2);
  });

  it("never counts a hospital's own insiders against its reviews", () => {
    assert.equal(reportWeight(claims({ insiderVerified: true, hospitalId: 'H1' }), { hospitalId: 'H1' }, NOW), 0);
    assert.equal(reportWeight(claims({ hospitalId: 'H1' }), { hospitalId: 'H1' }, NOW), 0);
    assert.equal(reportWeight(claims({ hospitalId: 'H1' }), {}, NOW), 1, 'board items have no hospital');
  });

  it("weighs the reporter's record: dismissed reports lower it, upheld ones raise it", () => {
    const member = claims();
    const insider = claims({ insiderVerified: true, hospitalId: 'H2' });
    const weigh = (who: Caller, upheld: number, dismissed: number) => reportWeight(who, {}, NOW, { upheld, dismissed });
    assert.deepEqual([weigh(member, 0, 0), weigh(member, 2, 2), weigh(member, 2, 0)], [1, 1, 1], 'no clear record');
    assert.deepEqual([weigh(member, 0, 1), weigh(member, 0, 2), weigh(member, 0, 3)], [0, 0, 0]);
    assert.deepEqual([weigh(insider, 0, 1), weigh(insider, 1, 3), weigh(insider, 0, 3)], [1, 1, 0]);
    assert.deepEqual([weigh(member, 3, 0), weigh(insider, 5, 2), weigh(insider, 40, 0)], [2, 3, 3], 'at most one more');
    assert.equal(weigh(claims({ emailVerified: false }), 50, 0), 0, 'a throwaway earns nothing');
    assert.equal(
      reportWeight(insider, { hospitalId: 'H2' }, NOW, { upheld: 50, dismissed: 0 }),
      0,
      'nor its own staff',
    );
  });

  it('reads the history from the resolutions of the cases a member reported', () => {
    const history = reporterHistory([
      { resolution: 'hidden', n: '2' },
      { resolution: 'dismissed', n: 3 },
      { resolution: 'restored', n: 1 },
      { resolution: null, n: 7 },
    ]);
    assert.deepEqual(history, { upheld: 2, dismissed: 4 });
  });

  it('hides only at the threshold weight: any number of throwaways never gets there', () => {
    const throwaways = Array.from({ length: 100 }, () => reportWeight(claims({ emailVerified: false }), {}, NOW));
    assert.equal(hidesAutomatically(throwaways.reduce((a, b) => a + b, 0)), false);
    assert.equal(hidesAutomatically(REPORT_HIDE_WEIGHT - 1), false);
    assert.equal(hidesAutomatically(REPORT_HIDE_WEIGHT), true);
  });
});

describe('write decision (sliding window log)', () => {
  const limits = [
    { max: 3, windowMs: 60_000 },
    { max: 5, windowMs: 3_600_000 },
  ];

  it('allows below every limit', () => {
    assert.deepEqual(decideWrite([], NOW, limits), { allowed: true });
    assert.deepEqual(decideWrite([NOW - 10_000, NOW - 5_000], NOW, limits), { allowed: true });
  });

  it('refuses at a limit and says when the oldest blocking write leaves the window', () => {
    const history = [NOW - 50_000, NOW - 20_000, NOW - 10_000];
    assert.deepEqual(decideWrite(history, NOW, limits), { allowed: false, retryAfterMs: 10_000 });
    assert.deepEqual(decideWrite(history, NOW + 10_000, limits), { allowed: true }, 'the window slid');
  });

  it('takes the latest moment over all windows, whatever the order of the history', () => {
    const history = [NOW - 100_000, NOW - 3_000_000, NOW - 200_000, NOW - 1_000, NOW - 2_000_000];
    // Hour window: 5 writes, the oldest at -3,000,000 leaves at +600,000.
    assert.deepEqual(decideWrite(history, NOW, limits), { allowed: false, retryAfterMs: 600_000 });
  });

  it('forgets writes outside the windows and ignores future ones', () => {
    assert.deepEqual(decideWrite([NOW - 3_700_000, NOW + 5_000, NOW + 6_000, NOW + 7_000], NOW, limits), {
      allowed: true,
    });
  });

  it('scales limits, and a factor of 0 lifts them', () => {
    assert.deepEqual(scaledLimits(limits, 10), [
      { max: 30, windowMs: 60_000 },
      { max: 50, windowMs: 3_600_000 },
    ]);
    assert.deepEqual(scaledLimits(limits, 0), []);
    assert.deepEqual(decideWrite([NOW, NOW, NOW, NOW], NOW, []), { allowed: true });
  });

  it('is tighter for new accounts than for members, and for members than for verified insiders', () => {
    for (const byStanding of Object.values(WRITE_LIMITS)) {
      const first = (s: 'new' | 'member' | 'insider') => (byStanding[s][0] as { max: number }).max;
      assert.ok(first('new') < first('member') && first('member') < first('insider'));
    }
  });
});

describe('write limiter', () => {
  it('answers 429 with Retry-After once a member is over the limit, per member and action', async () => {
    let now = NOW;
    const log = new MemoryWriteLog();
    const limiter = new WriteLimiter({ factor: 1, keyPrefix: 'BOARD', log, clock: () => now });
    const fresh = claims({ memberSince: daysAgo(1) });
    for (let i = 0; i < 3; i++) await limiter.take(fresh, 'post');
    const refused = await limiter.take(fresh, 'post').then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof ProblemException);
    assert.equal(refused.status, 429);
    assert.equal(refused.key, 'BOARD.RATE_LIMITED');
    assert.equal(refused.headers['Retry-After'], '600');
    await limiter.take(fresh, 'comment');
    await limiter.take(claims({ sub: 'other', memberSince: daysAgo(1) }), 'post');
    await limiter.take(claims({ sub: 'admin', role: 'admin', memberSince: daysAgo(0) }), 'post');
    now += 600_000;
    await limiter.take(fresh, 'post');
  });

  it('lets no more than the limit through when writes arrive together', async () => {
    const limiter = new WriteLimiter({ factor: 1, keyPrefix: 'BOARD', log: new MemoryWriteLog(), clock: () => NOW });
    const fresh = claims({ memberSince: daysAgo(1) });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => limiter.take(fresh, 'post')));
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    assert.ok(passed <= 3, `${passed} passed`);
  });
});

describe('content fingerprint', () => {
  it('ignores case, spacing, punctuation, invisible characters and compatibility forms', () => {
    const a = contentFingerprint('이 병원은 과잉 진료를 합니다!');
    assert.equal(contentFingerprint(' 이  병원은\n과잉 진료를 합니다 '), a);
    assert.equal(contentFingerprint('이\u200b병원은 과잉ㅤ진료를 합니다.'), a);
    assert.equal(contentFingerprint('ＡＢＣ'), contentFingerprint('abc'));
    assert.notEqual(contentFingerprint('이 병원은 과잉 진료를 안 합니다'), a);
  });
});
