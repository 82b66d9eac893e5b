import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FencepostError, getScaledValueFromIntOrPercent, type IntOrPercent, resolveFenceposts } from './fenceposts.js';

describe('rollout bounds: lab-cli.md examples', () => {
  it('maxSurge 25%, maxUnavailable 0, desired 3', () => {
    assert.deepEqual(resolveFenceposts('25%', 0, 3), { surge: 1, unavailable: 0 });
  });
  it('both 0 on 5: maxUnavailable becomes 1', () => {
    assert.deepEqual(resolveFenceposts(0, 0, 5), { surge: 0, unavailable: 1 });
  });
  it('30% and 30% of 10', () => {
    assert.deepEqual(resolveFenceposts('30%', '30%', 10), { surge: 3, unavailable: 3 });
  });
});

// pkg/controller/deployment/util/deployment_util_test.go TestResolveFenceposts.
describe('rollout bounds: TestResolveFenceposts', () => {
  const cases: [IntOrPercent, IntOrPercent, number, { surge: number; unavailable: number } | 'error'][] = [
    ['0%', '0%', 0, { surge: 0, unavailable: 1 }],
    ['39%', '39%', 10, { surge: 4, unavailable: 3 }],
    ['oops', '39%', 10, 'error'],
    ['55%', 'urg', 10, 'error'],
    // A nil value counts as 0 (ResolveFenceposts: intstr.ValueOrDefault(nil, 0)).
    [null, '39%', 10, { surge: 0, unavailable: 3 }],
    ['39%', null, 10, { surge: 4, unavailable: 0 }],
    [null, null, 10, { surge: 0, unavailable: 1 }],
    // Old versions of the table: plain strings are not percentages.
    ['5', '1', 7, 'error'],
  ];
  for (const [surge, unavailable, desired, expected] of cases) {
    it(`maxSurge=${surge} maxUnavailable=${unavailable} desired=${desired}`, () => {
      if (expected === 'error') assert.throws(() => resolveFenceposts(surge, unavailable, desired), FencepostError);
      else assert.deepEqual(resolveFenceposts(surge, unavailable, desired), expected);
    });
  }
});

// The comment on ResolveFenceposts, and deployment_util_test.go TestMaxUnavailable (before its cap to replicas).
describe('rollout bounds: documented fenceposts', () => {
  const cases: [string, IntOrPercent, IntOrPercent, number, number, number][] = [
    ['2 desired, max unavailable 1%, surge 0%: old(-1) first', '0%', '1%', 2, 0, 1],
    ['1 desired, max unavailable 1%, surge 0%', '0%', '1%', 1, 0, 1],
    ['2 desired, max unavailable 25%, surge 1%: new(+1) first', '1%', '25%', 2, 1, 0],
    ['1 desired, max unavailable 25%, surge 1%', '1%', '25%', 1, 1, 0],
    ['2 desired, max unavailable 0%, surge 1%', '1%', '0%', 2, 1, 0],
    ['1 desired, max unavailable 0%, surge 1%', '1%', '0%', 1, 1, 0],
    ['maxUnavailable less than replicas', 1, 5, 10, 1, 5],
    ['maxUnavailable greater than replicas (not capped here)', 1, 10, 5, 1, 10],
    ['maxUnavailable less than replicas with percents', 1, '50%', 10, 1, 5],
    ['maxUnavailable equal replicas with percents', 1, '100%', 10, 1, 10],
    ['API defaults (25% each) on 4 replicas', '25%', '25%', 4, 1, 1],
    ['API defaults on 1 replica: surge rounds up, unavailable down', '25%', '25%', 1, 1, 0],
    ['API defaults on 0 replicas: both 0, so unavailable 1', '25%', '25%', 0, 0, 1],
    ['25% of 8', '25%', '25%', 8, 2, 2],
    ['surge above 100%', '150%', '0%', 3, 5, 0],
  ];
  for (const [name, surge, unavailable, desired, s, u] of cases) {
    it(name, () => assert.deepEqual(resolveFenceposts(surge, unavailable, desired), { surge: s, unavailable: u }));
  }
});

// apimachinery intstr_test.go TestGetValueFromIntOrPercent, for GetScaledValueFromIntOrPercent.
describe('rollout bounds: GetScaledValueFromIntOrPercent', () => {
  it('an int is returned as is', () => assert.equal(getScaledValueFromIntOrPercent(123, 0, false), 123));
  it('90% of 100 rounding up', () => assert.equal(getScaledValueFromIntOrPercent('90%', 100, true), 90));
  it('90% of 95 rounding up', () => assert.equal(getScaledValueFromIntOrPercent('90%', 95, true), 86));
  it('90% of 95 rounding down', () => assert.equal(getScaledValueFromIntOrPercent('90%', 95, false), 85));
  for (const bad of ['%', '90#', '#%', '90', '', ' 5%', '5 %', '5.5%', '1e2%', '0x10%', '5%%']) {
    it(`rejects ${JSON.stringify(bad)}`, () =>
      assert.throws(() => getScaledValueFromIntOrPercent(bad, 10, true), FencepostError));
  }
  it('rejects numbers that are not 32-bit integers', () => {
    assert.throws(() => getScaledValueFromIntOrPercent(2.5, 10, true), FencepostError);
    assert.throws(() => getScaledValueFromIntOrPercent(2 ** 31, 10, true), FencepostError);
    assert.throws(() => getScaledValueFromIntOrPercent(Number.NaN, 10, true), FencepostError);
  });
  it('accepts what strconv.Atoi accepts: a sign and leading zeros', () => {
    assert.equal(getScaledValueFromIntOrPercent('+50%', 10, true), 5);
    assert.equal(getScaledValueFromIntOrPercent('007%', 100, true), 7);
    assert.equal(getScaledValueFromIntOrPercent('-10%', 15, true), -1);
    assert.equal(getScaledValueFromIntOrPercent('-10%', 15, false), -2);
  });
});

describe('rollout bounds: desired', () => {
  it('must be a non-negative integer', () => {
    assert.throws(() => resolveFenceposts('25%', '25%', -1), FencepostError);
    assert.throws(() => resolveFenceposts('25%', '25%', 1.5), FencepostError);
  });
});
