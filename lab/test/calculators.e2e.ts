/**
 * The calculator commands as a user runs them: `npm run --silent lab -- <command> --input FILE` from the repository
 * root, checked against the worked examples of ../shared/lab-cli.md.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCalculator } from '../src/cli/calculators.js';
import { DEFAULT_BEHAVIOR } from '../src/testing/autoscaling.js';

const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'carebridge-lab-cli-'));
let counter = 0;

function file(content: unknown): string {
  const path = join(dir, `input-${counter++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function lab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('npm', ['run', '--silent', 'lab', '--', ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** stdout must be exactly one JSON value (and a trailing newline at most). */
function onlyJson(stdout: string): unknown {
  const text = stdout.trim();
  assert.ok(text.length > 0, 'stdout is empty');
  return JSON.parse(text);
}

const running = (request: number, usage: number | null, ready = true) => ({
  name: `p${counter}`,
  phase: 'Running',
  ready,
  cpuRequestMilli: request,
  cpuUsageMilli: usage,
  startedSecondsAgo: 900,
  deleting: false,
});
const hpa = (currentReplicas: number, pods: unknown[]) => ({
  currentReplicas,
  targetUtilization: 50,
  tolerance: 0.1,
  cpuInitializationPeriodSeconds: 300,
  pods,
});

describe('lab calculators from the command line', { concurrency: 2 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hpa replicas: the worked examples, as an array in order', async () => {
    const input = [
      hpa(3, [running(500, 400), running(500, 400), running(500, 400)]),
      hpa(4, [running(1000, 520), running(1000, 520), running(1000, 520), running(1000, 520)]),
      hpa(5, [running(200, 40), running(200, 40), running(200, 40), running(200, 40), running(200, 40)]),
      hpa(3, [running(1000, 900), running(1000, 900), running(1000, null)]),
      hpa(3, [running(1000, 100, false), running(1000, 800), running(1000, 800)]),
    ];
    const { code, stdout } = await lab('hpa', 'replicas', '--input', file(input));
    assert.equal(code, 0);
    assert.deepEqual(onlyJson(stdout), [
      { desiredReplicas: 5, utilization: 80 },
      { desiredReplicas: 4, utilization: 52 },
      { desiredReplicas: 2, utilization: 20 },
      { desiredReplicas: 4, utilization: 90 },
      { desiredReplicas: 3, utilization: 80 },
    ]);
  });

  it('hpa replicas: a single object gives a single object', async () => {
    const { code, stdout } = await lab(
      'hpa',
      'replicas',
      '--input',
      file(hpa(3, [running(500, 400), running(500, 400), running(500, 400)])),
    );
    assert.equal(code, 0);
    assert.deepEqual(onlyJson(stdout), { desiredReplicas: 5, utilization: 80 });
  });

  it('hpa normalize: the worked examples', async () => {
    const input = [
      { currentReplicas: 2, desiredReplicas: 9, minReplicas: 1, maxReplicas: 10, behavior: null },
      {
        currentReplicas: 6,
        desiredReplicas: 3,
        minReplicas: 1,
        maxReplicas: 10,
        behavior: null,
        recommendations: [
          { replicas: 5, secondsAgo: 100 },
          { replicas: 6, secondsAgo: 400 },
        ],
      },
      { currentReplicas: 10, desiredReplicas: 50, minReplicas: 1, maxReplicas: 100, behavior: DEFAULT_BEHAVIOR },
      {
        currentReplicas: 20,
        desiredReplicas: 5,
        minReplicas: 1,
        maxReplicas: 100,
        behavior: {
          ...DEFAULT_BEHAVIOR,
          scaleDown: {
            selectPolicy: 'Max',
            stabilizationWindowSeconds: 0,
            policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
          },
        },
        recommendations: [],
        scaleUpEvents: [],
        scaleDownEvents: [],
      },
    ];
    const { code, stdout } = await lab('hpa', 'normalize', '--input', file(input));
    assert.equal(code, 0);
    assert.deepEqual(onlyJson(stdout), [
      { replicas: 4, condition: 'ScaleUpLimit' },
      { replicas: 5, condition: 'DesiredWithinRange' },
      { replicas: 20, condition: 'ScaleUpLimit' },
      { replicas: 10, condition: 'ScaleDownLimit' },
    ]);
  });

  it('rollout bounds: the worked examples, single objects and an array', async () => {
    const single = await lab('rollout', 'bounds', '--input', file({ maxSurge: '25%', maxUnavailable: 0, desired: 3 }));
    assert.equal(single.code, 0);
    assert.deepEqual(onlyJson(single.stdout), { surge: 1, unavailable: 0 });

    const many = await lab(
      'rollout',
      'bounds',
      '--input',
      file([
        { maxSurge: 0, maxUnavailable: 0, desired: 5 },
        { maxSurge: '30%', maxUnavailable: '30%', desired: 10 },
        { maxSurge: 'oops', maxUnavailable: 1, desired: 10 },
        { maxSurge: null, maxUnavailable: null, desired: 4 },
      ]),
    );
    assert.equal(many.code, 0, 'an array answers with exit code 0 even when an item is malformed');
    const out = onlyJson(many.stdout) as Record<string, unknown>[];
    assert.deepEqual(out.slice(0, 2), [
      { surge: 0, unavailable: 1 },
      { surge: 3, unavailable: 3 },
    ]);
    assert.equal(typeof out[2]!.error, 'string');
    assert.deepEqual(Object.keys(out[2]!), ['error']);
    assert.deepEqual(out[3], { surge: 0, unavailable: 1 }, 'unset counts as 0, as in ResolveFenceposts');
  });

  it('a malformed single object: {"error"} on stdout and a non-zero exit code', async () => {
    const bounds = await lab('rollout', 'bounds', '--input', file({ maxSurge: '10', maxUnavailable: 0, desired: 3 }));
    assert.notEqual(bounds.code, 0);
    const out = onlyJson(bounds.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ['error']);

    const replicas = await lab(
      'hpa',
      'replicas',
      '--input',
      file({ currentReplicas: 'three', targetUtilization: 50, pods: [] }),
    );
    assert.notEqual(replicas.code, 0);
    assert.equal(typeof (onlyJson(replicas.stdout) as { error: unknown }).error, 'string');

    const normalizeBad = await lab(
      'hpa',
      'normalize',
      '--input',
      file({
        currentReplicas: 1,
        desiredReplicas: 2,
        maxReplicas: 5,
        behavior: { scaleUp: { selectPolicy: 'Sometimes' } },
      }),
    );
    assert.notEqual(normalizeBad.code, 0);
    assert.equal(typeof (onlyJson(normalizeBad.stdout) as { error: unknown }).error, 'string');
  });

  it('malformed items in an array: {"error"} in their place, the others answered', async () => {
    const { code, stdout } = await lab(
      'hpa',
      'normalize',
      '--input',
      file([{ currentReplicas: 2, desiredReplicas: 9, maxReplicas: 10 }, 'not an object', { desiredReplicas: 1 }]),
    );
    assert.equal(code, 0);
    const out = onlyJson(stdout) as Record<string, unknown>[];
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], { replicas: 4, condition: 'ScaleUpLimit' });
    assert.equal(typeof out[1]!.error, 'string');
    assert.equal(typeof out[2]!.error, 'string');
  });

  it('input that is not JSON: {"error"} and a non-zero exit code', async () => {
    const { code, stdout } = await lab('hpa', 'replicas', '--input', file('{ not json'));
    assert.notEqual(code, 0);
    assert.equal(typeof (onlyJson(stdout) as { error: unknown }).error, 'string');
  });

  it('an unknown command prints the usage and fails, with nothing on stdout', async () => {
    const { code, stdout, stderr } = await lab('hpa', 'sideways');
    assert.notEqual(code, 0);
    assert.equal(stdout, '');
    assert.match(stderr, /hpa replicas --input FILE/);
    assert.match(stderr, /rollout bounds --input FILE/);
  });
});

// The same parsing in-process, for the defaults and the malformed inputs that need no child process each.
describe('lab calculators: input formats', () => {
  const run = (name: Parameters<typeof runCalculator>[0], input: unknown) =>
    runCalculator(name, typeof input === 'string' ? input : JSON.stringify(input));
  const isError = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).join() === 'error' &&
    typeof (v as { error: unknown }).error === 'string';

  it('hpa replicas: optional fields take their defaults (Running, ready, long started, tolerance 0.1)', () => {
    const pods = [
      { cpuRequestMilli: 1000, cpuUsageMilli: 1050 },
      { cpuRequestMilli: 1000, cpuUsageMilli: 1150 },
    ];
    assert.deepEqual(run('hpa replicas', { currentReplicas: 2, targetUtilization: 100, pods }), {
      output: { desiredReplicas: 2, utilization: 110 },
      exitCode: 0,
    });
  });

  it('hpa replicas: an absent or null usage is a missing sample; a null start time is long ago', () => {
    const pods = [
      { phase: 'Running', ready: true, cpuRequestMilli: 1000, cpuUsageMilli: 900, startedSecondsAgo: null },
      { phase: 'Running', ready: true, cpuRequestMilli: 1000, cpuUsageMilli: 900 },
      { phase: 'Running', ready: true, cpuRequestMilli: 1000 },
    ];
    assert.deepEqual(run('hpa replicas', { currentReplicas: 3, targetUtilization: 50, pods }).output, {
      desiredReplicas: 4,
      utilization: 90,
    });
  });

  it('hpa replicas: malformed fields and Kubernetes errors answer {"error"}', () => {
    const pod = { phase: 'Running', ready: true, cpuRequestMilli: 1000, cpuUsageMilli: 500 };
    const bad: unknown[] = [
      { currentReplicas: 1, targetUtilization: 50 },
      { currentReplicas: 1, targetUtilization: 50, pods: {} },
      { currentReplicas: 1, targetUtilization: 0, pods: [pod] },
      { currentReplicas: 1.5, targetUtilization: 50, pods: [pod] },
      { currentReplicas: 1, targetUtilization: 50, pods: [{ ...pod, phase: 'Sleeping' }] },
      { currentReplicas: 1, targetUtilization: 50, pods: [{ ...pod, ready: 'yes' }] },
      { currentReplicas: 1, targetUtilization: 50, pods: [{ ...pod, cpuRequestMilli: undefined }] },
      { currentReplicas: 1, targetUtilization: 50, pods: [{ ...pod, cpuUsageMilli: -3 }] },
      { currentReplicas: 1, targetUtilization: 50, tolerance: -0.1, pods: [pod] },
      { currentReplicas: 1, targetUtilization: 50, pods: [] },
      { currentReplicas: 1, targetUtilization: 50, pods: [{ ...pod, ready: false }] },
    ];
    for (const input of bad) {
      const { output, exitCode } = run('hpa replicas', input);
      assert.ok(isError(output), JSON.stringify(input));
      assert.equal(exitCode, 1);
    }
  });

  it('hpa normalize: without behavior by default; min defaults to 1', () => {
    assert.deepEqual(run('hpa normalize', { currentReplicas: 3, desiredReplicas: 0, maxReplicas: 5 }).output, {
      replicas: 1,
      condition: 'TooFewReplicas',
    });
  });

  it('hpa normalize: a partly given behavior takes the Kubernetes defaults for the rest', () => {
    const input = { currentReplicas: 10, desiredReplicas: 50, maxReplicas: 100, behavior: { scaleDown: null } };
    assert.deepEqual(run('hpa normalize', input).output, { replicas: 20, condition: 'ScaleUpLimit' });
  });

  it('hpa normalize: malformed fields answer {"error"}', () => {
    const base = { currentReplicas: 3, desiredReplicas: 5, maxReplicas: 10 };
    const bad: unknown[] = [
      { desiredReplicas: 5, maxReplicas: 10 },
      { ...base, maxReplicas: undefined },
      { ...base, minReplicas: 11 },
      { ...base, behavior: 'fast' },
      { ...base, behavior: { scaleUp: { selectPolicy: 'Sometimes' } } },
      { ...base, behavior: { scaleUp: { policies: [{ value: 4, periodSeconds: 15 }] } } },
      { ...base, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 15 }] } } },
      { ...base, behavior: { scaleDown: { stabilizationWindowSeconds: -1 } } },
      { ...base, recommendations: [{ replicas: 4 }] },
      { ...base, scaleUpEvents: [{ replicaChange: 'two', secondsAgo: 3 }] },
      { ...base, scaleDownEvents: {} },
    ];
    for (const input of bad) assert.ok(isError(run('hpa normalize', input).output), JSON.stringify(input));
  });

  it('rollout bounds: absent values are unset; other types are errors', () => {
    assert.deepEqual(run('rollout bounds', { desired: 10 }).output, { surge: 0, unavailable: 1 });
    for (const input of [
      { maxSurge: true, maxUnavailable: 0, desired: 3 },
      { maxSurge: 1, maxUnavailable: [1], desired: 3 },
      { maxSurge: 1.5, maxUnavailable: 0, desired: 3 },
      { maxSurge: '1.5%', maxUnavailable: 0, desired: 3 },
      { maxSurge: 1, maxUnavailable: 0 },
      { maxSurge: 1, maxUnavailable: 0, desired: '3' },
    ]) {
      assert.ok(isError(run('rollout bounds', input).output), JSON.stringify(input));
    }
  });

  it('the top level: an empty array, a non-object, and invalid JSON', () => {
    assert.deepEqual(run('rollout bounds', []), { output: [], exitCode: 0 });
    for (const text of ['42', '"x"', 'null', '{ nope']) {
      const { output, exitCode } = run('rollout bounds', text);
      assert.ok(isError(output), text);
      assert.equal(exitCode, 1);
    }
  });
});
