import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningService } from '../cluster.js';
import { outboxCodes } from '../load/auth-outbox.js';
import { runLoad } from '../load/generator.js';
import { carebridgeMix, MIX_SERVICE_ENV } from '../load/mix.js';
import type { Expectation } from '../telemetry/types.js';
import { waitFor } from '../wait.js';
import type { Scenario } from './scenarios.js';

/** Three times the original project's 300 users at one request per second each: more than one replica of each service holds within its limit. */
const SCALE_OUT_USERS = 900;
/** The services the Carebridge mix loads, scaled together; auth only signs the writers in and stays at one. */
const SCALED = ['board', 'hospital'] as const;
const STEPS = [1, 2, 3, 4];
/** The 300-user load test's latency target: past the machine's cores, more replicas must not push p99 above it. */
const P99_TARGET_MS = 300;

interface StepFigures {
  replicas: number;
  throughput: number;
  errors: number;
  ejections: number;
  p50: number;
  p95: number;
  p99: number;
  /** Millicores each replica used, per service. */
  cpu: Record<string, number[]>;
}

const cpuCell = (figures: StepFigures) =>
  SCALED.map((name) => `${name} ${(figures.cpu[name] ?? []).map((m) => `${m}m`).join(' ')}`).join(' · ');

/**
 * Whether scaling out helped: p99 falls with each step while the replicas' limits fit in the machine's cores,
 * and no step past that point (where a replica adds no core) takes p99 above the load test's target.
 */
export function scalingVerdict(
  steps: Array<{ replicas: number; p99: number }>,
  limitMilliPerStep: number,
  cores: number,
): Expectation[] {
  const fits = steps.filter((s) => s.replicas * limitMilliPerStep <= cores * 1000);
  const past = steps.filter((s) => s.replicas * limitMilliPerStep > cores * 1000);
  const falling = fits.every((s, i) => i === 0 || s.p99 < (fits[i - 1] as { p99: number }).p99);
  const p99s = (list: typeof steps) => list.map((s) => `${s.replicas}: ${s.p99} ms`).join(', ') || 'none';
  return [
    {
      name: 'p99 falls with each replica added while their limits fit in the cores',
      passed: fits.length > 1 && falling,
      detail: p99s(fits),
    },
    {
      name: `past the cores, more replicas keep p99 within ${P99_TARGET_MS} ms`,
      passed: past.every((s) => s.p99 <= P99_TARGET_MS),
      detail: p99s(past),
    },
  ];
}

function tableRow(figures: StepFigures, limitCores: string): string {
  const { replicas, throughput, errors, ejections, p50, p95, p99 } = figures;
  const cells = [replicas, limitCores, Math.round(throughput), errors, ejections, p50, p95, p99]
    .map((v, i) => String(v).padStart(i === 0 ? 8 : i === 1 ? 10 : i === 4 ? 9 : 6))
    .join('  ');
  return `${cells}  ${cpuCell(figures)}`;
}

/**
 * The Carebridge mix of 900 users on 1, 2, 3 and 4 replicas each of the board and the hospital service, each
 * replica held to its container's CPU limit: latency falls while each replica adds capacity, and stops falling
 * once the replicas' limits add up to the machine's cores.
 */
export const scaleOutLimits: Scenario = {
  name: 'scale-out-limits',
  title: 'Scaling out helps: three times the 300-user load on 1, 2, 3… replicas held to their CPU limits',
  description: `The Carebridge mix (board lists, posts, searches and writes; hospital searches, pages and reviews) of ${SCALE_OUT_USERS} users at one request per second each (open loop) on 1, 2, 3 and 4 replicas of the board and of the hospital service in turn, autoscaling off, each replica in its own cgroup with its Deployment's CPU limit (k8s/base/). Latency per replica count side by side, with the CPU each replica used against its limit.`,
  cluster: () => ({ autoscaling: 'off', replicas: 1, cpuWindowMs: 5_000, env: MIX_SERVICE_ENV }),
  async run(ctx) {
    const services = SCALED.map((name) => ctx.cluster.services.get(name) as RunningService);
    const limits = services.map((s) => s.spec.limits.cpuMilli);
    const limitMilli = limits.every((l) => l !== undefined) ? limits.reduce((a, b) => a + b, 0) : undefined;
    const cores = cpus().length;
    const durationMs = ctx.quick ? 10_000 : 30_000;
    const mix = carebridgeMix({ mailedCode: outboxCodes(ctx.cluster.options.dataDir) });
    const summary: Record<string, string | number> = {
      isolation: ctx.cluster.isolation.note,
      'CPU limit per replica': services.map((s, i) => `${s.spec.name} ${limits[i] ?? 'none'}m`).join(', '),
      'cores on this machine': cores,
      load: `${SCALE_OUT_USERS} users × 1 req/s of the Carebridge mix for ${durationMs / 1000} s per step`,
    };
    const expectations: Expectation[] = [
      {
        name: 'replicas are held to their containers’ limits',
        passed: ctx.cluster.isolation.limited,
        detail: ctx.cluster.isolation.note,
      },
    ];
    const steps: StepFigures[] = [];
    const rows = ['replicas  limits-sum   req/s  errors  ejections  p50 ms  p95 ms  p99 ms  CPU per replica'];
    for (const n of STEPS) {
      await Promise.all(services.map((s) => s.replicas.scaleTo(n)));
      // The overload of the step before can leave a replica ejected (outlier detection, 30 s): every step starts
      // with all its replicas in the pool.
      const ejected = () => services.some((s) => s.replicas.ready().some((r) => s.backend.stats(r.id).ejected));
      await waitFor(() => !ejected(), 90_000, 500);
      ctx.mark(`${n} replica(s) each`);
      // Warm-up: JIT and connection pools of the new replicas, and the writers' sign-in, outside the measurement.
      await runLoad({ target: ctx.target, mode: 'open', rate: 100, durationMs: 3_000, mix }).done;
      const before = services.map((s) => s.replicas.ready().map((r) => ({ r, cpu: r.cpuSeconds() ?? 0 })));
      const ejectionsBefore = services.reduce((sum, s) => sum + s.backend.ejectionsTotal, 0);
      const started = Date.now();
      const result = await runLoad({
        target: ctx.target,
        mode: 'open',
        users: SCALE_OUT_USERS,
        perUserRate: 1,
        durationMs,
        mix,
      }).done;
      const seconds = (Date.now() - started) / 1000;
      ctx.load.push(result);
      const used = before.map((replicas) =>
        replicas.map(({ r, cpu }) => Math.round((((r.cpuSeconds() ?? cpu) - cpu) / seconds) * 1000)),
      );
      const figures: StepFigures = {
        replicas: n,
        throughput: result.total.throughput,
        errors: result.total.errors,
        ejections: services.reduce((sum, s) => sum + s.backend.ejectionsTotal, 0) - ejectionsBefore,
        ...result.total.latency,
        cpu: Object.fromEntries(SCALED.map((name, i) => [name, used[i] ?? []])),
      };
      steps.push(figures);
      const { p50, p95, p99 } = figures;
      summary[`${n} replica(s) each: p50 / p95 / p99 (ms)`] = `${p50} / ${p95} / ${p99}`;
      summary[`${n} replica(s) each: answered req/s, errors, ejections`] =
        `${Math.round(figures.throughput)}, ${figures.errors}, ${figures.ejections}`;
      summary[`${n} replica(s) each: CPU per replica`] = cpuCell(figures);
      rows.push(tableRow(figures, limitMilli === undefined ? 'n/a' : `${((n * limitMilli) / 1000).toFixed(1)} cores`));
      services.forEach((s, i) => {
        const limit = limits[i];
        if (limit === undefined || !ctx.cluster.isolation.limited) return;
        expectations.push({
          name: `${n} replica(s) each: no ${s.spec.name} replica above its CPU limit`,
          // One CFS period of slack over the measurement.
          passed: (used[i] ?? []).every((m) => m <= limit * 1.1),
          detail: `${(used[i] ?? []).map((m) => `${m}m`).join(' ')} against ${limit}m`,
        });
      });
      await sleep(1_000);
    }
    for (const row of rows) ctx.log(row);
    if (limitMilli !== undefined && ctx.cluster.isolation.limited)
      expectations.push(...scalingVerdict(steps, limitMilli, cores));
    return { summary, expectations };
  },
};
