import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { HospitalHarness, INTERNAL_TOKEN, reviewBody } from './hospital-harness.js';

const DIALECTS: Dialect[] = ['postgres', 'sqlite'];
const API = '/api/hospitals';

/** Who may write reviews: a verified email, and a token issued after the account's last revocation. */
for (const dialect of DIALECTS) {
  describe(`hospital writers (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `hospital writers e2e (${dialect})`);
    const h = new HospitalHarness(dialect);
    let hospitalId = '';
    before(async () => {
      if (missing) return;
      await h.start();
      hospitalId = (await h.hospital(await h.admin())).id;
    });
    after(() => h.stop());

    it('refuses a review from an unverified email (403) and takes one from a verified insider', {
      skip: missing,
    }, async () => {
      const unverified = await h.member({ hospitalId, insiderVerified: true, claims: { emailVerified: false } });
      const refused = await h.api.post(`${API}/${hospitalId}/reviews`, reviewBody(), { token: unverified.token });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.key, 'AUTH.EMAIL_NOT_VERIFIED');
      const verified = await h.member({ hospitalId, insiderVerified: true });
      assert.equal(
        (await h.api.post(`${API}/${hospitalId}/reviews`, reviewBody(), { token: verified.token })).status,
        201,
      );
    });

    it("refuses a revoked account's still-valid token on every write", { skip: missing }, async () => {
      const leaver = await h.member({ hospitalId, insiderVerified: true });
      const written = await h.api.post(`${API}/${hospitalId}/reviews`, reviewBody(), { token: leaver.token });
      assert.equal(written.status, 201);
      const notice = await h.api.post(
        '/internal/revocations',
        { sub: leaver.sub, notBefore: new Date(Date.now() + 1000).toISOString() },
        { headers: { 'x-internal-token': INTERNAL_TOKEN } },
      );
      assert.equal(notice.status, 204);
      const again = await h.api.post(`${API}/${hospitalId}/reviews`, reviewBody(), { token: leaver.token });
      assert.equal(again.status, 403);
      assert.equal(again.body.key, 'AUTH.TOKEN_REVOKED');
      const edit = await h.api.patch(
        `${API}/${hospitalId}/reviews/${written.body.id}`,
        { title: '고친 제목입니다' },
        {
          token: leaver.token,
        },
      );
      assert.equal(edit.body.key, 'AUTH.TOKEN_REVOKED');
      assert.equal((await h.api.get(`${API}/${hospitalId}/reviews`)).status, 200, 'reading goes on');
    });
  });
}
