#!/usr/bin/env node
// The original project's 300-user test with its own tool: builds, starts the product on its own port
// with a throwaway data folder, runs loadtest/carebridge.jmx headless through the jmeter-maven-plugin
// (JMeter 5.6.3 from Maven Central) and, once the ramp-up is over, Lighthouse on home, board and a
// hospital page while the load runs; prints both beside their targets and the HTML dashboard's path,
// and stops the product. Exits 0 when every target is met, 2 when the run finished but missed one,
// 1 when it did not finish.
//   npm run loadtest [-- --users 300 --minutes 5 --port 41080 --no-build --lighthouse-runs 3 --no-lighthouse]
// Needs Java 17 and a Maven (any; Maven ≥ 3.9, which the plugin needs, is fetched from Maven Central
// into ~/.cache/carebridge/maven when the one on PATH is older).
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifiedMembers } from './loadtest/members.mjs';
import { LIGHTHOUSE_UNDER_LOAD, loadtestPlan, loadVerdict, summaryLines } from './loadtest/plan.mjs';

const root = new URL('..', import.meta.url).pathname;
const MAVEN_VERSION = '3.9.9';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** A Maven the plugin accepts: the one on PATH when ≥ 3.9, else 3.9.9 unpacked from Maven Central. */
function maven() {
  const version = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (version.error) throw new Error('Maven (mvn) is needed to fetch JMeter: apt-get install maven');
  const [, major, minor] = /Apache Maven (\d+)\.(\d+)/.exec(version.stdout) ?? [];
  if (Number(major) > 3 || (Number(major) === 3 && Number(minor) >= 9)) return 'mvn';
  const home = join(homedir(), '.cache/carebridge/maven');
  const bin = join(home, `apache-maven-${MAVEN_VERSION}/bin/mvn`);
  if (!existsSync(bin)) {
    console.log(`Fetching Maven ${MAVEN_VERSION} from Maven Central into ${home} (the plugin needs ≥ 3.9)`);
    mkdirSync(home, { recursive: true });
    // Without a pom the plugin leaves a `${project.basedir}` folder in its cwd: keep that in the cache.
    run(
      'mvn',
      [
        '-B',
        '-q',
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack',
        `-Dartifact=org.apache.maven:apache-maven:${MAVEN_VERSION}:zip:bin`,
        `-DoutputDirectory=${home}`,
      ],
      { cwd: home },
    );
    run('chmod', ['+x', bin]);
  }
  return bin;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts the product; its output goes to `logPath` (read all along, so its pipes never fill). */
async function startProduct(port, dataDir, logPath) {
  const child = spawn(process.execPath, [join(root, 'lab/dist/src/start.js')], {
    cwd: root,
    // Four accounts write for every insider thread, so the per-member write limits (meant for one
    // person) are lifted, as web/e2e/walkthrough.e2e.ts does; everything else is `npm start` as shipped.
    env: {
      ...process.env,
      PORT: String(port),
      CAREBRIDGE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WRITE_LIMIT_FACTOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logPath);
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start; see ${logPath}`)), 180_000);
    const onData = (chunk) => {
      log.write(chunk);
      if (output === null) return;
      output += chunk;
      if (output.includes('Carebridge is running')) {
        output = null;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the product exited (${code}); see ${logPath}`)));
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return child;
}

/**
 * Lighthouse on the product's pages from `startAfterMs` on, while `running()` says JMeter is still
 * loading it; each result says whether all its runs were under load.
 */
async function lighthouseUnderLoad(base, { startAfterMs, runs, reportDir, running }) {
  const { launchChrome, measurePages, productPages, verdict, LIGHTHOUSE_VERSION } = await import(
    './bench/lib/lighthouse-pages.mjs'
  );
  const hospitals = await (await fetch(`${base}/api/hospitals?sort=name&limit=1`)).json();
  await sleep(startAfterMs);
  const chrome = await launchChrome();
  try {
    const pages = productPages(hospitals.items[0].id);
    const results = await measurePages({ chrome, base, pages, runs, reportDir, during: running });
    writeFileSync(join(reportDir, 'summary.json'), `${JSON.stringify(results, null, 2)}\n`);
    return { version: LIGHTHOUSE_VERSION, ...verdict(results, LIGHTHOUSE_UNDER_LOAD) };
  } finally {
    await chrome.kill();
  }
}

/** Runs `command` without blocking (the product's output must keep flowing); resolves its exit code. */
const runAsync = (command, args, options, logPath) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logPath);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });

const stopProduct = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

/** The newest dashboard folder (the one holding statistics.json) under `dir`. */
function findDashboard(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'statistics.json') found.push(d);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const plan = loadtestPlan({
  users: Number(option('users', 300)),
  minutes: Number(option('minutes', 5)),
  insiderShare: Number(option('insiders', 0.1)),
});
const port = Number(option('port', process.env.PORT ?? (await freePort())));
const lighthouseRuns = Number(option('lighthouse-runs', 3));
const withLighthouse = !process.argv.includes('--no-lighthouse');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const artefacts = join(root, 'test-artifacts/loadtest', stamp);
mkdirSync(artefacts, { recursive: true });

if (!process.argv.includes('--no-build')) run('npm', ['run', 'build'], { cwd: root });
const mvn = maven();
const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-loadtest-'));
console.log(
  `Load test: ${plan.visitors} visitors + ${plan.insiders} insiders at 1 request/s each for ${plan.seconds} s ` +
    `(ramp-up ${plan.rampup} s) against http://127.0.0.1:${port}/`,
);
const product = await startProduct(port, dataDir, join(artefacts, 'product.log'));
let status = 1;
try {
  const members = await verifiedMembers(`http://127.0.0.1:${port}/`, dataDir, plan.members);
  const membersCsv = join(artefacts, 'members.csv');
  writeFileSync(membersCsv, members.map((m) => `${m.email},${m.password}\n`).join(''));
  const log = join(artefacts, 'maven.log');
  let jmeterRunning = true;
  const jmeter = runAsync(
    mvn,
    [
      '-B',
      'verify',
      `-Dartefacts=${artefacts}`,
      '-Dhost=127.0.0.1',
      `-Dport=${port}`,
      `-Dvisitors=${plan.visitors}`,
      `-Dinsiders=${plan.insiders}`,
      `-Dmembers=${plan.members}`,
      `-Dmembers_csv=${membersCsv}`,
      `-Dseconds=${plan.seconds}`,
      `-Drampup=${plan.rampup}`,
    ],
    { cwd: join(root, 'loadtest') },
    log,
  ).finally(() => {
    jmeterRunning = false;
  });
  // Maven and JMeter take a few seconds to start before the ramp-up begins.
  const lighthouse = withLighthouse
    ? lighthouseUnderLoad(`http://127.0.0.1:${port}`, {
        startAfterMs: (plan.rampup + 15) * 1000,
        runs: lighthouseRuns,
        reportDir: join(artefacts, 'lighthouse'),
        running: () => jmeterRunning,
      })
    : Promise.resolve(undefined);
  // JMeter is always waited for, so a Lighthouse failure never leaves Maven running.
  const [jmeterDone, lighthouseDone] = await Promise.allSettled([jmeter, lighthouse]);
  if (jmeterDone.status === 'rejected') throw jmeterDone.reason;
  if (lighthouseDone.status === 'rejected') throw lighthouseDone.reason;
  const code = jmeterDone.value;
  const pagesUnderLoad = lighthouseDone.value;
  const dashboard = findDashboard(join(artefacts, 'target'));
  if (code !== 0 || !dashboard) {
    console.error(`JMeter did not finish (exit ${code}); see ${log}`);
  } else {
    const statistics = JSON.parse(readFileSync(join(dashboard, 'statistics.json'), 'utf8'));
    for (const line of summaryLines(statistics)) console.log(line);
    const load = loadVerdict(statistics);
    console.log('');
    for (const line of load.lines) console.log(line);
    if (pagesUnderLoad) {
      console.log(
        `\nLighthouse ${pagesUnderLoad.version} under the load, median of ${lighthouseRuns} run(s) per page and preset:`,
      );
      for (const line of pagesUnderLoad.lines) console.log(line);
    }
    console.log(`\nDashboard: ${join(dashboard, 'index.html')}\nLogs:      ${log}, ${join(artefacts, 'product.log')}`);
    if (pagesUnderLoad) console.log(`Lighthouse reports: ${join(artefacts, 'lighthouse')}/`);
    status = load.ok && (pagesUnderLoad?.ok ?? true) ? 0 : 2;
  }
} finally {
  await stopProduct(product);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
