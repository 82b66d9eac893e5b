import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { HospitalHarness, type Member, reviewBody } from './hospital-harness.js';

// Production runs on PostgreSQL; the embedded default (no DATABASE_URL) is SQLite.
const DIALECTS: Dialect[] = ['postgres', 'sqlite'];
export const API = '/api/hospitals';
export const fields = (body: { errors?: { field: string }[] }) =>
  [...new Set((body.errors ?? []).map((e) => e.field))].sort();
export const avg = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) * 100) / values.length) / 100;

export function pageCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export interface HospitalSuite {
  h: HospitalHarness;
  /** Why the suite cannot run (its database server is down), for `{ skip: missing }`. */
  missing: string | undefined;
  admin: Member;
  /** A verified insider of `hospitalId` unless `insiderVerified: false` (the workplace only claimed). */
  insider(hospitalId: string, options?: Parameters<HospitalHarness['member']>[0]): Promise<Member>;
  writeReview(hospitalId: string, member: Member, body?: ReturnType<typeof reviewBody>): Promise<any>;
}

/**
 * One feature's e2e tests against the real hospital service, on each dialect; after them, the
 * privacy checks over every response those tests received (`minResponses` at least).
 */
export function describeHospital(feature: string, minResponses: number, body: (suite: HospitalSuite) => void): void {
  for (const dialect of DIALECTS) {
    describe(`hospital service: ${feature} (${dialect})`, async () => {
      const missing = await requireDatabaseServer(dialect, `hospital e2e (${dialect})`);
      const h = new HospitalHarness(dialect);
      // One admin for the file, filled in once the service runs (before any test reads it).
      const admin = {} as Member;
      before(async () => {
        if (missing) return;
        await h.start();
        Object.assign(admin, await h.admin());
      });
      after(() => h.stop());

      const insider: HospitalSuite['insider'] = (hospitalId, options = {}) =>
        h.member({ hospitalId, insiderVerified: true, ...options });
      const writeReview: HospitalSuite['writeReview'] = async (hospitalId, member, review = reviewBody()) => {
        const res = await h.api.post(`${API}/${hospitalId}/reviews`, review, { token: member.token });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body;
      };
      body({ h, missing, admin, insider, writeReview });

      describe('privacy', { skip: missing }, () => {
        it('never returned an account id in any response of this suite', () => {
          assert.ok(h.api.exchanges.length > minResponses, `scanned ${h.api.exchanges.length} responses`);
          const subs = h.members.map((m) => m.sub);
          for (const { method, path, body } of h.api.exchanges) {
            for (const sub of subs) {
              // An internal call that names the account (erasure) may see its own path echoed in a problem.
              if (path.includes(encodeURIComponent(sub))) continue;
              assert.ok(!body.includes(sub), `${method} ${path} leaked an account id`);
            }
            // (The erasure route's own parameter is called `sub`; it answers services, not members.)
            if (!path.startsWith('/internal/authors/')) {
              assert.doesNotMatch(body, /author_?sub|voter_?sub|reporter_?sub|"sub"/i, `${method} ${path}`);
            }
            assert.doesNotMatch(body, /[\w.+-]+@[\w-]+\.[\w.]+/, `${method} ${path} returned an email address`);
          }
        });

        it('never returned a member’s nickname in any response of this suite', () => {
          const nicknames = h.members.map((m) => m.nickname);
          for (const { method, path, body } of h.api.exchanges) {
            for (const nickname of nicknames) {
              assert.ok(!body.includes(`"${nickname}"`), `${method} ${path} carried the nickname ${nickname}`);
            }
          }
        });
      });
    });
  }
}
