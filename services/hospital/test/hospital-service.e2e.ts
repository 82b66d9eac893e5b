import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryingTransaction } from '@carebridge/platform';
import { HospitalDepartment } from '../src/hospitals/hospital.entity.js';
import { reviewBody } from './hospital-harness.js';
import { API, describeHospital } from './hospital-suite.js';

describeHospital('permissions, transactions and operations', 20, ({ h, missing, admin, insider, writeReview }) => {
  describe('permissions', { skip: missing }, () => {
    it('answers 401 to a visitor on every write and every member-only read', async () => {
      const hospital = await h.hospital(admin);
      const review = await writeReview(hospital.id, await insider(hospital.id));
      const r = `${API}/${hospital.id}/reviews/${review.id}`;
      const calls: [string, string, unknown?][] = [
        ['POST', `${API}/${hospital.id}/reviews`, reviewBody()],
        ['GET', `${API}/${hospital.id}/reviews/mine`],
        ['PATCH', r, { title: '제목' }],
        ['DELETE', r],
        ['PUT', `${r}/helpful`],
        ['DELETE', `${r}/helpful`],
        ['POST', `${r}/reports`, { reason: 'spam' }],
        ['POST', `${API}/admin/hospitals`, { name: '병원', type: '의원', region: '서울' }],
        ['GET', `${API}/admin/hospitals/${hospital.id}`],
        ['PATCH', `${API}/admin/hospitals/${hospital.id}`, { name: '병원' }],
        ['PUT', `${API}/admin/hospitals/${hospital.id}/email-domains`, { domains: [] }],
        ['GET', `${API}/admin/reports`],
        ['POST', `${API}/admin/reports/00000000-0000-4000-8000-000000000000/resolve`, { action: 'hide' }],
      ];
      for (const [method, path, body] of calls) {
        const res = await h.api.request(method, path, body === undefined ? {} : { body });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.body.key, 'AUTH.TOKEN_REQUIRED');
      }
      const member = await h.member();
      for (const [method, path, body] of calls.filter(([, path]) => path.includes('/admin/'))) {
        const res = await h.api.request(method, path, {
          token: member.token,
          ...(body === undefined ? {} : { body }),
        });
        assert.equal(res.status, 403, `${method} ${path}`);
      }
    });

    it('refuses an invalid token even on public routes', async () => {
      const res = await h.api.get(`${API}`, { token: 'not.a.token' });
      assert.equal(res.status, 401);
      assert.equal(res.body.key, 'AUTH.INVALID_TOKEN');
    });
  });

  describe('transactions', { skip: missing }, () => {
    it('keep concurrent writers apart: a failed one never takes a committed one with it', async () => {
      const hospital = await h.hospital(admin);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          retryingTransaction(h.dataSource, async (m) => {
            await m.insert(HospitalDepartment, { hospitalId: hospital.id, name: `과${i}`, position: i });
            await new Promise((resolve) => setTimeout(resolve, 2));
            if (i % 3 === 0) throw new Error('changed my mind');
          }),
        ),
      );
      assert.equal(results.filter((r) => r.status === 'rejected').length, 4);
      const rows = await h.dataSource.manager.find(HospitalDepartment, { where: { hospitalId: hospital.id } });
      assert.deepEqual(
        rows.map((r) => r.position).sort((a, b) => a - b),
        [1, 2, 4, 5, 7, 8, 10, 11],
      );
    });
  });

  describe('operations', { skip: missing }, () => {
    it('is live and ready, with the database checked, and documents its API', async () => {
      assert.equal((await h.api.get('/healthz')).status, 200);
      const ready = await h.api.get('/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body.checks.database, { ok: true });
      const doc = await h.api.get(`${API}/docs/openapi.json`);
      assert.equal(doc.status, 200);
      for (const path of [
        '/api/hospitals',
        '/api/hospitals/regions',
        '/api/hospitals/{id}',
        '/api/hospitals/{id}/reviews',
        '/api/hospitals/{id}/reviews/{reviewId}/helpful',
        '/api/hospitals/{id}/reviews/{reviewId}/reports',
        '/api/hospitals/admin/hospitals',
        '/api/hospitals/admin/reports',
      ]) {
        assert.ok(doc.body.paths[path], `documents ${path}`);
      }
      assert.ok(doc.body.paths['/api/hospitals/{id}/reviews'].post.requestBody, 'review body documented');
      assert.equal(doc.body.paths['/internal/authors/{sub}'], undefined, 'internal routes stay out of the docs');
      const metrics = await h.api.get('/metrics');
      assert.match(metrics.body, /http_request_duration_seconds/);
    });
  });
});
