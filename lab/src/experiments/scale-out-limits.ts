import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningService } from '../cluster.js';
import { runLoad } from '../load/generator.js';
import { BOARD_LIST } from '../load/mix.js';
import type { Expectation } from '../telemetry/types.js';
import { waitFor } from '../wait.js';
import type { Scenario } from './scenarios.js';

/** Requests per second of the run: 300 users at one request per second, plus half again, so one replica is over its limit. */
export const SCALE_OUT_RATE = 450;

/**
 * The same load on 1, 2, 3… replicas of the board, each held to its container's CPU limit: latency falls while
 * each replica adds capacity, and stops falling once the replicas' limits add up to the machine's cores.
 */
export const scaleOutLimits: Scenario = {
  name: 'scale-out-limits',
  title: 'Scaling out helps: the same load on 1, 2, 3… replicas held to their CPU limits',
  description: `The board's list endpoint at ${SCALE_OUT_RATE} requests per second (open loop) on 1, 2, 3 and 4 replicas in turn, autoscaling off, each replica in its own cgroup with the Deployment's CPU limit (k8s/base/board.yaml). Latency per replica count side by side, with the CPU each replica used against its limit.`,
  cluster: () => ({ only: ['board'], autoscaling: 'off', replicas: 1, cpuWindowMs: 5_000 }),
  async run(ctx) {
    const board = ctx.cluster.services.get('board') as RunningService;
    const limit = board.spec.limits.cpuMilli;
    const cores = cpus().length;
    const durationMs = ctx.quick ? 10_000 : 30_000;
    const summary: Record<string, string | number> = {
      isolation: ctx.cluster.isolation.note,
      'CPU limit per replica': limit === undefined ? 'none' : `${limit}m`,
      'cores on this machine': cores,
      load: `${SCALE_OUT_RATE} req/s of board.list for ${durationMs / 1000} s per step`,
    };
    const expectations: Expectation[] = [
      {
        name: 'replicas are held to their containers’ limits',
        passed: ctx.cluster.isolation.limited,
        detail: ctx.cluster.isolation.note,
      },
    ];
    const rows: string[] = [
      'replicas  limits-sum   req/s  errors  ejections  p50 ms  p95 ms  p99 ms  CPU per replica (of limit)',
    ];
    for (const n of [1, 2, 3, 4]) {
      await board.replicas.scaleTo(n);
      // The overload of the step before can leave a replica ejected (outlier detection, 30 s): every step starts
      // with all its replicas in the pool.
      const ejected = () => board.replicas.ready().some((r) => board.backend.stats(r.id).ejected);
      await waitFor(() => !ejected(), 90_000, 500);
      ctx.mark(`${n} replica(s)`);
      // Warm-up: JIT and connection pools of the new replicas, outside the measurement.
      await runLoad({ target: ctx.target, mode: 'open', rate: 100, durationMs: 3_000, mix: BOARD_LIST }).done;
      const before = board.replicas.ready().map((r) => ({ r, cpu: r.cpuSeconds() ?? 0 }));
      const ejectionsBefore = board.backend.ejectionsTotal;
      const started = Date.now();
      const result = await runLoad({
        target: ctx.target,
        mode: 'open',
        rate: SCALE_OUT_RATE,
        durationMs,
        mix: BOARD_LIST,
      }).done;
      const seconds = (Date.now() - started) / 1000;
      ctx.load.push(result);
      const perReplica = before.map(({ r, cpu }) => Math.round((((r.cpuSeconds() ?? cpu) - cpu) / seconds) * 1000));
      const { p50, p95, p99 } = result.total.latency;
      const sum = limit === undefined ? 'n/a' : `${((n * limit) / 1000).toFixed(1)} cores`;
      const cpu = perReplica.map((m) => `${m}m`).join(' ');
      const ejections = board.backend.ejectionsTotal - ejectionsBefore;
      summary[`${n} replica(s): p50 / p95 / p99 (ms)`] = `${p50} / ${p95} / ${p99}`;
      summary[`${n} replica(s): answered req/s, errors, ejections`] =
        `${Math.round(result.total.throughput)}, ${result.total.errors}, ${ejections}`;
      summary[`${n} replica(s): CPU per replica`] = cpu;
      const cells = [n, sum, Math.round(result.total.throughput), result.total.errors, ejections, p50, p95, p99]
        .map((v, i) => String(v).padStart(i === 0 ? 8 : i === 1 ? 10 : i === 4 ? 9 : 6))
        .join('  ');
      rows.push(`${cells}  ${cpu}`);
      if (limit !== undefined && ctx.cluster.isolation.limited)
        expectations.push({
          name: `${n} replica(s): no replica above its CPU limit`,
          // One CFS period of slack over the measurement.
          passed: perReplica.every((m) => m <= limit * 1.1),
          detail: `${cpu} against ${limit}m`,
        });
      await sleep(1_000);
    }
    for (const row of rows) ctx.log(row);
    return { summary, expectations };
  },
};
