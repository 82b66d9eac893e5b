// node --test scripts/loadtest/plan.spec.mjs
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadtestPlan, loadVerdict, summaryLines } from './plan.mjs';

describe('loadtestPlan', () => {
  it('splits the original 300 users into visitors and one insider in ten, 30 s ramp-up over 5 minutes', () => {
    assert.deepEqual(loadtestPlan({ users: 300, minutes: 5, insiderShare: 0.1 }), {
      visitors: 270,
      insiders: 30,
      members: 4,
      seconds: 300,
      rampup: 30,
    });
  });

  it('keeps at least one insider and ramps short runs over a quarter of their length', () => {
    const plan = loadtestPlan({ users: 5, minutes: 0.5, insiderShare: 0.1 });
    assert.equal(plan.insiders, 1);
    assert.equal(plan.visitors, 4);
    assert.equal(plan.rampup, 8);
  });

  it('refuses sizes that would make an empty or endless run, naming the option', () => {
    assert.throws(() => loadtestPlan({ users: 1, minutes: 1, insiderShare: 0.1 }), /--users/);
    assert.throws(() => loadtestPlan({ users: 10, minutes: 0, insiderShare: 0.1 }), /--minutes/);
    assert.throws(() => loadtestPlan({ users: 10, minutes: Number.NaN, insiderShare: 0.1 }), /--minutes/);
    assert.throws(() => loadtestPlan({ users: 10, minutes: 1, insiderShare: 1 }), /--insiders/);
  });
});

describe('summaryLines', () => {
  const row = (transaction, sampleCount, errorCount, median, p95, p99, max) => ({
    transaction,
    sampleCount,
    errorCount,
    errorPct: (100 * errorCount) / sampleCount,
    throughput: sampleCount / 60,
    medianResTime: median,
    pct2ResTime: p95,
    pct3ResTime: p99,
    maxResTime: max,
  });

  it('prints the total first, then each request kind by name, with p50/p95/p99/max from the dashboard', () => {
    const lines = summaryLines({
      'hospital.search': row('hospital.search', 50, 1, 15.2, 45, 73, 240),
      Total: row('Total', 100, 1, 13, 44, 80.4, 240),
      'board.list': row('board.list', 50, 0, 12, 41, 77, 201),
    });
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^request\s+count\s+errors\s+req\/s\s+p50\s+p95\s+p99\s+max$/);
    assert.match(lines[1], /^Total\s+100\s+1 \(1\.00 %\)\s+1\.7\s+13 ms\s+44 ms\s+80 ms\s+240 ms$/);
    assert.match(lines[2], /^board\.list\s/);
    assert.match(lines[3], /^hospital\.search\s+50\s+1 \(2\.00 %\)/);
  });
});

describe('loadVerdict', () => {
  const total = (errorCount, pct3ResTime) => ({ Total: { transaction: 'Total', errorCount, pct3ResTime } });

  it('passes a run with no errors and p99 within 300 ms, naming each figure beside its target', () => {
    const { ok, lines } = loadVerdict(total(0, 287.6));
    assert.equal(ok, true);
    assert.deepEqual(lines, ['errors 0 (target 0): ok', 'p99 288 ms (target ≤ 300 ms): ok']);
  });

  it('fails a run with one error or a slow p99, and says which target was missed', () => {
    assert.equal(loadVerdict(total(1, 120)).ok, false);
    assert.match(loadVerdict(total(1, 120)).lines[0], /MISSED/);
    const slow = loadVerdict(total(0, 301));
    assert.equal(slow.ok, false);
    assert.match(slow.lines[1], /^p99 301 ms .*MISSED$/);
  });
});
