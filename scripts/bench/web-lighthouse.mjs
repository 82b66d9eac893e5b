#!/usr/bin/env node
// Lighthouse on the web app as `npm start` serves it: home, board and hospital pages, desktop and
// mobile presets, median of N runs each. Starts the product on a free port with a throwaway data
// folder, seeds a few posts and a review, and checks the budget:
//   performance ≥ 95 (desktop) / ≥ 90 (mobile), accessibility ≥ 95, best practices ≥ 95,
//   desktop FCP ≤ 0.8 s and TBT ≤ 100 ms.
// Runs inside `unshare -n` (loopback only) when it can, so nothing leaves the machine.
//   node scripts/bench/web-lighthouse.mjs [--runs 3] [--no-unshare]
// Needs a build (`npm run build`) and Chromium (CHROME_PATH, default /usr/bin/chromium).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
// --compress: put a gzip proxy in front of the gateway, as nginx (`gzip on`) serves the app in the
// cluster. The local gateway sends files uncompressed; this shows what compression changes.
const compress = args.includes('--compress');

// Re-run this script in a new network namespace with only the loopback interface up.
if (!args.includes('--inner') && !args.includes('--no-unshare')) {
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status === 0) {
    const inner = [process.execPath, new URL(import.meta.url).pathname, ...args, '--inner'].map((a) => `'${a}'`);
    const result = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${inner.join(' ')}`], {
      stdio: 'inherit',
      env: process.env,
    });
    process.exit(result.status ?? 1);
  }
  console.log('(unshare -n is not available here: running on the normal network namespace, loopback only)');
}

const { LIGHTHOUSE_VERSION, launchChrome, measurePages, productPages, verdict } = await import(
  './lib/lighthouse-pages.mjs'
);

const THRESHOLDS = {
  desktop: { performance: 95, accessibility: 95, 'best-practices': 95, fcpMs: 800, tbtMs: 100 },
  mobile: { performance: 90, accessibility: 95, 'best-practices': 95 },
};

async function startStack() {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lighthouse-'));
  const child = spawn(process.execPath, [join(root, 'lab/dist/src/start.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', CAREBRIDGE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /Site:\s+(http:\/\/[^\s/]+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the product exited with ${code}:\n${output}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

async function call(url, path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** A realistic page: some posts on both boards and a reviewed hospital. */
async function seed(url) {
  const hospitals = await call(url, '/api/hospitals?sort=name&limit=1');
  const hospital = hospitals.items[0];
  const member = { email: 'lighthouse@example.com', password: 'Lighthouse-2026!', nickname: '측정용' };
  await call(url, '/api/auth/signup', {
    method: 'POST',
    body: { ...member, hospitalId: hospital.id, jobCategory: 'nurse' },
  });
  const { accessToken: token } = await call(url, '/api/auth/login', {
    method: 'POST',
    body: { email: member.email, password: member.password },
  });
  const titles = [
    ['free', '야간 근무 후 수면 관리 어떻게 하세요?'],
    ['free', '병동 간호사 인수인계 양식 공유해요'],
    ['free', '3교대에서 2교대로 바뀐 뒤 달라진 점'],
    ['qna', '신규 간호사 교육 기간은 보통 얼마나 되나요?'],
    ['qna', '의료기사 야간 당직은 몇 명이 서나요?'],
  ];
  for (const [board, title] of titles) {
    const post = await call(url, '/api/board/posts', {
      method: 'POST',
      token,
      body: { board, title, body: `${title}\n현직자분들의 경험을 듣고 싶어요. 병원마다 어떻게 다른지 궁금합니다.` },
    });
    await call(url, `/api/board/posts/${post.id}/comments`, {
      method: 'POST',
      token,
      body: { body: '저희 병원은 부서마다 조금씩 달라요.' },
    });
  }
  await call(url, `/api/hospitals/${hospital.id}/reviews`, {
    method: 'POST',
    token,
    body: {
      ratings: { overall: 4, care: 5, honesty: 4, staff: 4, facilities: 3, waiting: 3 },
      recommend: true,
      title: '인수인계가 체계적인 병원',
      body: '야간에도 당직 인력이 충분하고 인수인계가 체계적이라 환자 안전에 신경을 많이 씁니다.',
    },
  });
  return { hospitalId: hospital.id };
}

/** A reverse proxy that gzips text answers the way nginx's `gzip on` does. */
async function gzipProxy(target) {
  const server = createServer((req, res) => {
    const upstream = request(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } },
      (answer) => {
        const type = String(answer.headers['content-type'] ?? '');
        const gzip = /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /text|javascript|json|svg/.test(type);
        const headers = { ...answer.headers };
        if (gzip) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = 'Accept-Encoding';
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        (gzip ? answer.pipe(createGzip({ level: 6 })) : answer).pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const stack = await startStack();
const chrome = await launchChrome();
let results = [];
const proxy = compress ? await gzipProxy(stack.url) : null;
const base = proxy?.url ?? stack.url;
try {
  const { hospitalId } = await seed(stack.url);
  const reportDir = join(root, 'reports', 'lighthouse');
  const pages = productPages(hospitalId);
  results = await measurePages({ chrome, base, pages, runs, reportDir, suffix: compress ? '-gzip' : '' });
} finally {
  proxy?.close();
  await chrome.kill();
  await stack.stop();
}

console.log(
  `Lighthouse ${LIGHTHOUSE_VERSION}, median of ${runs} run(s) per page and preset${compress ? ', through a gzip proxy (as nginx serves it)' : ', served by the npm start gateway'}\n`,
);
const { ok, lines } = verdict(results, THRESHOLDS);
for (const line of lines) console.log(line);
writeFileSync(
  join(root, 'reports', 'lighthouse', compress ? 'summary-gzip.json' : 'summary.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
console.log('\nFull reports: reports/lighthouse/');
process.exit(ok ? 0 : 1);
