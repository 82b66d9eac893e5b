import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hospital } from '../hospitals/hospital.entity.js';
import { average, ratingSummary } from '../hospitals/hospital-views.js';
import { ratingKey } from './rating-summaries.js';
import { Review } from './review.entity.js';
import { toReviewView } from './review-views.js';

describe('rating summary', () => {
  it('derives averages and the recommend share from exact sums', () => {
    const h = Object.assign(new Hospital(), {
      reviewCount: 3,
      recommendCount: 2,
      overallSum: 11,
      careSum: 11,
      honestySum: 10,
      staffSum: 12,
      facilitiesSum: 11,
      waitingSum: 6,
    });
    assert.deepEqual(ratingSummary(h), {
      reviewCount: 3,
      averages: { overall: 3.67, care: 3.67, honesty: 3.33, staff: 4, facilities: 3.67, waiting: 2 },
      recommendCount: 2,
      recommendShare: 0.667,
    });
    assert.deepEqual(ratingSummary(Object.assign(h, { reviewCount: 0, recommendCount: 0 })).averages, null);
  });

  it('rounds without floating-point surprises', () => {
    assert.equal(average(1005, 100), 10.05);
    assert.equal(average(4125, 1000), 4.13);
  });

  it('orders by an integer key: the Bayesian average × 10,000, truncated, so one 5-star review is no winner', () => {
    assert.equal(ratingKey(0, 0), 0);
    assert.equal(ratingKey(14, 3), 38333, '(14 + 3 × 3) / (3 + 3)');
    assert.equal(ratingKey(5, 1), 35000);
    assert.ok(ratingKey(10, 2) > ratingKey(5, 1), 'two 5s beat one');
    assert.ok(ratingKey(16, 4) > ratingKey(5, 1), 'four 4s beat one 5');
    assert.ok(ratingKey(1, 1) > 0, 'any reviewed hospital ranks above the unreviewed');
  });
});

describe('review views', () => {
  const review = () =>
    Object.assign(new Review(), {
      id: 'r1',
      hospitalId: 'h1',
      authorSub: 'sub-secret',
      authorNickname: '새벽근무',
      authorJobCategory: 'nurse',
      showJobCategory: true,
      verifiedInsider: true,
      overall: 4,
      care: 4,
      honesty: 4,
      staff: 4,
      facilities: 4,
      waiting: 4,
      recommend: true,
      title: 't',
      body: 'b',
      helpfulCount: 0,
      hidden: false,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
  const caller = {
    sub: 'sub-secret',
    nickname: 'x',
    role: 'member' as const,
    hospitalId: null,
    jobCategory: null,
    insiderVerified: false,
    emailVerified: true,
    memberSince: '2020-01-01T00:00:00.000Z',
  };

  it('never carry the account id or the nickname, and give the day only', () => {
    const view = toReviewView(Object.assign(review(), { createdAt: new Date('2026-12-01T13:45:12.345Z') }), {
      caller,
    });
    assert.doesNotMatch(JSON.stringify(view), /sub-secret|새벽근무|13:45/);
    assert.equal(view.createdAt, '2026-12-01');
    assert.deepEqual([view.tier, view.author], ['verified', { jobCategory: 'nurse' }]);
    assert.equal(view.isMine, true);
    assert.equal(toReviewView(review(), { caller: undefined }).isMine, false);
  });

  it("show a withdrawn member's review like any other, with nothing personal", () => {
    const gone = Object.assign(review(), { authorSub: null, authorNickname: null, authorJobCategory: null });
    const view = toReviewView(gone, { caller });
    assert.deepEqual(view.author, { jobCategory: null });
    assert.equal(view.tier, 'verified');
    assert.equal(view.isMine, false);
  });

  it('label reviews of members who were not verified insiders', () => {
    assert.equal(toReviewView(Object.assign(review(), { verifiedInsider: false }), { caller }).tier, 'unverified');
  });
});
