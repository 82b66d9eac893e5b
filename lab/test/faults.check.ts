import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTable, verdict } from '../faults/report.js';
import { runFaultSuite } from '../faults/suite.js';

/**
 * The short form of `npm run faults` (issue 19): real processes through the lab's gateway, the
 * board on a private MariaDB and the hospital on a private PostgreSQL (ports 44306 and 44432,
 * never the shared servers), auth on SQLite in a small tmpfs. Each fault is checked in the
 * databases themselves.
 */
describe('faults survived (short form)', () => {
  it('loses and doubles nothing acknowledged, leaves nothing from failed writes, and recovers by itself', {
    timeout: 900_000,
  }, async () => {
    const started = Date.now();
    const results = await runFaultSuite({ short: true, log: () => {} });
    process.stdout.write(
      `${renderTable(results)}\nfault suite, short form: ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    assert.equal(results.length, 6);
    for (const r of results) {
      assert.ok(r.attempted > 0, `${r.fault}: writes were attempted`);
      assert.ok(r.acknowledged > 0, `${r.fault}: writes were acknowledged`);
      assert.deepEqual(verdict(r), [], r.fault);
    }
    const byName = new Map(results.map((r) => [r.fault, r]));
    for (const name of ['board MariaDB killed', 'hospital PostgreSQL killed']) {
      const r = byName.get(name);
      assert.ok(r?.readinessWentFalse, `${name}: readiness went false while the database was away`);
      assert.equal(r?.restartsDuringFault, 0, `${name}: no restart was needed`);
      // A clear, retriable answer while the database is away: 503 (from the service or the gateway).
      assert.deepEqual(Object.keys(r?.failedAttemptStatuses ?? {}), ['503'], `${name}: failures are 503`);
    }
    const auth = byName.get('auth unreachable');
    assert.equal(auth?.failedRequests, 0, 'writes with known keys go on while auth is away');
    const replica = byName.get('board replica killed mid-write');
    assert.equal(replica?.failedWrites, 0, 'every write survived the replica deaths after its retries');
    assert.ok(
      (replica?.postsResentByGateway ?? 0) + (replica?.postsFailedThroughGateway ?? 0) > 0,
      'a POST was among the requests a replica death cut',
    );
    assert.ok(replica && replica.failedRequestRate <= 0.001, `replica death: ${replica?.failedRequestRate} failed`);
    const disk = byName.get('auth disk full');
    assert.ok((disk?.failedRequests ?? 0) > 0, 'a full disk made writes fail');
  });
});
