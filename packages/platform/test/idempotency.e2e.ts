import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { RunningService } from '../src/bootstrap/start-service.js';
import type { Dialect } from '../src/database/database-options.js';
import { IDEMPOTENCY_KEYS_TABLE } from '../src/idempotency/index.js';
import { TestClient } from '../src/testing/http-client.js';
import { JwksServer, newTestKey, signToken } from '../src/testing/jwks-server.js';
import { createTestDatabase, requireDatabaseServer, type TestDatabase } from '../src/testing/test-database.js';
import { startIdempotencyFixture } from './idempotency-app.js';

const DIALECTS: Dialect[] = ['sqlite', 'mariadb', 'postgres'];

for (const dialect of DIALECTS) {
  describe(`Idempotency-Key on POST (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `idempotency e2e (${dialect})`);
    const jwks = new JwksServer();
    const key = newTestKey('idem-key');
    let db: TestDatabase;
    let service: RunningService;
    let api: TestClient;
    let sql: DataSource;
    let alice: string;
    let bob: string;

    before(async () => {
      if (missing) return;
      jwks.keys = [key];
      db = await createTestDatabase(dialect, 'idem');
      service = await startIdempotencyFixture(await jwks.start(), dialect, db);
      api = new TestClient(service.url);
      sql = service.app.get(DataSource);
      alice = await signToken(key, { subject: 'alice' });
      bob = await signToken(key, { subject: 'bob' });
    });
    after(async () => {
      await service?.shutdown('test over');
      await jwks.stop();
      await db?.drop();
    });

    const post = (token: string, body: unknown, idemKey?: string, query = '', headers: Record<string, string> = {}) =>
      api.post(`/api/idem/notes${query}`, body, {
        token,
        headers: { ...headers, ...(idemKey === undefined ? {} : { 'idempotency-key': idemKey }) },
      });
    const notes = async (title: string) =>
      Number((await sql.query(`SELECT COUNT(*) AS n FROM notes WHERE title = '${title}'`))[0].n);
    const keyRows = async (idemKey: string) =>
      Number(
        (await sql.query(`SELECT COUNT(*) AS n FROM ${IDEMPOTENCY_KEYS_TABLE} WHERE idem_key = '${idemKey}'`))[0].n,
      );

    it('replays the first answer (status and body) to the same request, writing once', { skip: missing }, async () => {
      const idemKey = randomUUID();
      const first = await post(alice, { title: 'once' }, idemKey);
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const again = await post(alice, { title: 'once' }, idemKey);
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(await notes('once'), 1);
      // Without a key, nothing changes: every POST writes.
      await post(alice, { title: 'once' });
      assert.equal(await notes('once'), 2);
    });

    it('keeps keys per member: the same key from another member is another request', { skip: missing }, async () => {
      const idemKey = randomUUID();
      assert.equal((await post(alice, { title: 'per-member' }, idemKey)).status, 201);
      const other = await post(bob, { title: 'per-member' }, idemKey);
      assert.equal(other.status, 201);
      assert.equal(other.headers.get('idempotent-replayed'), null);
      assert.equal(await notes('per-member'), 2);
    });

    it('refuses the key with another body: 422 problem+json naming the header', { skip: missing }, async () => {
      const idemKey = randomUUID();
      assert.equal((await post(alice, { title: 'first body' }, idemKey)).status, 201);
      const reused = await post(alice, { title: 'other body' }, idemKey);
      assert.equal(reused.status, 422);
      assert.match(reused.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(reused.body.key, 'IDEMPOTENCY.KEY_REUSED');
      assert.deepEqual(
        reused.body.errors.map((e: { field: string }) => e.field),
        ['Idempotency-Key'],
      );
      assert.equal(await notes('other body'), 0);
    });

    it('refuses a malformed key with 400 naming the header, writing nothing', { skip: missing }, async () => {
      const bad = await post(alice, { title: 'bad key' }, 'x'.repeat(256));
      assert.equal(bad.status, 400);
      assert.equal(bad.body.key, 'IDEMPOTENCY.KEY_INVALID');
      assert.equal(bad.body.errors[0].field, 'Idempotency-Key');
      assert.equal(await notes('bad key'), 0);
    });

    it('runs concurrent duplicates once: the others wait and replay, or get 409', { skip: missing }, async () => {
      const idemKey = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => post(alice, { title: 'racing' }, idemKey, '?slowMs=300')),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.ok(
        statuses.every((s) => s === 201 || s === 409),
        `statuses ${statuses}`,
      );
      const winners = answers.filter((a) => a.status === 201);
      assert.ok(winners.length >= 1);
      for (const w of winners) assert.deepEqual(w.body, winners[0]?.body);
      for (const conflict of answers.filter((a) => a.status === 409)) {
        assert.equal(conflict.body.key, 'IDEMPOTENCY.IN_PROGRESS');
        assert.equal(conflict.headers.get('retry-after'), '1');
      }
      assert.equal(await notes('racing'), 1);
    });

    it('tells a duplicate 409 while the first request runs longer than the wait (on a server)', {
      skip: missing,
    }, async () => {
      const idemKey = randomUUID();
      const slow = post(alice, { title: 'slow one' }, idemKey, '?slowMs=6000');
      await new Promise((r) => setTimeout(r, 300));
      const duplicate = await post(alice, { title: 'slow one' }, idemKey, '?slowMs=6000');
      if (dialect === 'sqlite') {
        // The embedded store's one connection is the first request's until it commits: the
        // duplicate queues behind it and gets its answer.
        assert.equal(duplicate.status, 201);
        assert.equal(duplicate.headers.get('idempotent-replayed'), 'true');
      } else {
        assert.equal(duplicate.status, 409);
        assert.equal(duplicate.body.errors[0].field, 'Idempotency-Key');
      }
      assert.equal((await slow).status, 201);
      assert.equal((await post(alice, { title: 'slow one' }, idemKey, '?slowMs=6000')).status, 201);
      assert.equal(await notes('slow one'), 1);
    });

    it('keeps nothing for a failed request, so its retry runs afresh', { skip: missing }, async () => {
      const idemKey = randomUUID();
      assert.equal((await post(alice, { title: 'fails first' }, idemKey, '?fail=1')).status, 500);
      assert.equal(await keyRows(idemKey), 0);
      assert.equal((await post(alice, { title: '' }, idemKey)).status, 400);
      assert.equal(await keyRows(idemKey), 0);
      const retry = await post(alice, { title: 'fails first' }, idemKey, '?ok=1');
      assert.equal(retry.status, 201);
      assert.equal(await notes('fails first'), 1);
    });

    const keyState = async (idemKey: string): Promise<string | undefined> =>
      (await sql.query(`SELECT state FROM ${IDEMPOTENCY_KEYS_TABLE} WHERE idem_key = '${idemKey}'`))[0]?.state;

    it('keeps no write of a request that fails after its write committed, and runs the retry once', {
      skip: missing,
    }, async () => {
      const idemKey = randomUUID();
      const failed = await post(alice, { title: 'thrown after write' }, idemKey, '', { 'x-after-write': 'throw' });
      assert.equal(failed.status, 500);
      assert.equal(await notes('thrown after write'), 0);
      assert.equal(await keyState(idemKey), undefined);
      const retry = await post(alice, { title: 'thrown after write' }, idemKey);
      assert.equal(retry.status, 201);
      assert.equal(await keyState(idemKey), 'done');
      const again = await post(alice, { title: 'thrown after write' }, idemKey);
      assert.deepEqual(again.body, retry.body);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(await notes('thrown after write'), 1);
    });

    // The embedded SQLite store has no connection to lose, so this case exists for the servers only.
    if (dialect !== 'sqlite') {
      it('never holds a write whose key is not done when the connection dies after the write committed', {
        skip: missing,
      }, async () => {
        const idemKey = randomUUID();
        const lost = await post(alice, { title: 'died after write' }, idemKey, '', {
          'x-after-write': 'lose-connection',
        });
        assert.equal(lost.status, 503);
        assert.equal(lost.body.key, 'DATABASE.UNAVAILABLE');
        assert.equal(await notes('died after write'), 0);
        // The claim went with the transaction: the retry runs at once, with no lease to wait out.
        assert.equal(await keyState(idemKey), undefined);
        const retry = await post(alice, { title: 'died after write' }, idemKey);
        assert.equal(retry.status, 201);
        const again = await post(alice, { title: 'died after write' }, idemKey);
        assert.deepEqual(again.body, retry.body);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.equal(await notes('died after write'), 1);
      });
    }

    it('forgets a key after 24 hours, and lets a retry take over a request that died', { skip: missing }, async () => {
      const idemKey = randomUUID();
      assert.equal((await post(alice, { title: 'expiring' }, idemKey)).status, 201);
      const expires = Number(
        (await sql.query(`SELECT expires_at_ms AS e FROM ${IDEMPOTENCY_KEYS_TABLE} WHERE idem_key = '${idemKey}'`))[0]
          .e,
      );
      const day = expires - Date.now();
      assert.ok(Math.abs(day - 24 * 3600_000) < 60_000, `expires in ${day} ms`);
      await sql.query(`UPDATE ${IDEMPOTENCY_KEYS_TABLE} SET expires_at_ms = 1 WHERE idem_key = '${idemKey}'`);
      const afterExpiry = await post(alice, { title: 'expiring' }, idemKey);
      assert.equal(afterExpiry.status, 201);
      assert.equal(afterExpiry.headers.get('idempotent-replayed'), null);
      assert.equal(await notes('expiring'), 2);

      // A holder whose process died leaves the key pending; once its lease ends a retry runs.
      const orphan = randomUUID();
      const fingerprintOf = async () =>
        (await sql.query(`SELECT fingerprint AS f FROM ${IDEMPOTENCY_KEYS_TABLE} WHERE idem_key = '${idemKey}'`))[0].f;
      await sql.query(
        `INSERT INTO ${IDEMPOTENCY_KEYS_TABLE} (scope, idem_key, fingerprint, state, lease_until_ms, expires_at_ms) VALUES ('alice', '${orphan}', '${await fingerprintOf()}', 'pending', 1, ${Date.now() + 3600_000})`,
      );
      const taken = await post(alice, { title: 'expiring' }, orphan);
      assert.equal(taken.status, 201);
      assert.equal(await notes('expiring'), 3);
    });

    it('scopes keys of visitors together and replays public POSTs too', { skip: missing }, async () => {
      const idemKey = randomUUID();
      const a = await api.post('/api/idem/notes/public', { title: 'x' }, { headers: { 'idempotency-key': idemKey } });
      const b = await api.post('/api/idem/notes/public', { title: 'x' }, { headers: { 'idempotency-key': idemKey } });
      assert.equal(a.status, 200);
      assert.deepEqual(b.body, a.body);
      assert.equal(b.headers.get('idempotent-replayed'), 'true');
    });
  });
}
