// Fills a hospital database whose schema the service's migrations built: generated hospitals
// through the real importer, and reviews of one of them (with its rating summary to match).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeHospitalCsv } from '../hospital-generate.mjs';

const root = new URL('../../..', import.meta.url).pathname;

/** Imports `count` generated hospitals from a CSV written into `dir`. */
export async function importHospitals(databaseUrl, dir, count) {
  const file = join(dir, 'hospitals.csv');
  await writeHospitalCsv(file, count);
  const importer = spawn(process.execPath, [join(root, 'services/hospital/dist/src/cli/import-hospitals.js'), file], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise((resolve) => importer.on('close', resolve));
  if (code !== 0) throw new Error(`import exited with ${code}`);
}

/** `count` visible reviews of `hospitalId`, half by verified insiders, a day apart; the summary columns follow. */
export async function seedReviews(client, hospitalId, count) {
  const start = Date.now() - count * 86_400_000;
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 86_400_000);
    const score = 1 + (i % 5);
    await client.query(
      `INSERT INTO reviews (id, hospital_id, author_sub, author_nickname, author_job_category, show_job_category,
         verified_insider, overall, care, honesty, staff, facilities, waiting, recommend, title, body,
         helpful_count, hidden, admin_hidden, created_at, updated_at)
       VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $7, $7, $7, $7, $7, $8, $9, $10, $11, false, false, $12, $12)`,
      [
        randomUUID(),
        hospitalId,
        `member-${i}`,
        i % 3 ? 'nurse' : 'doctor',
        i % 2 === 0,
        i % 2 === 0,
        score,
        score >= 3,
        `리뷰 ${i + 1}: 야간 근무와 인수인계`,
        '병동 분위기는 좋았고 선배들이 친절했어요. 다만 인력 충원이 늦어 야간 근무가 힘들었습니다.'.repeat(3),
        i % 7,
        at,
      ],
    );
  }
  await client.query(
    `UPDATE hospitals h SET review_count = s.n, recommend_count = s.rec, overall_sum = s.total, care_sum = s.total,
       honesty_sum = s.total, staff_sum = s.total, facilities_sum = s.total, waiting_sum = s.total
     FROM (SELECT COUNT(*)::int AS n, SUM(CASE WHEN recommend THEN 1 ELSE 0 END)::int AS rec, SUM(overall)::int AS total
           FROM reviews WHERE hospital_id = $1 AND verified_insider) s
     WHERE h.id = $1`,
    [hospitalId],
  );
}
