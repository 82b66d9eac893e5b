import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, ClusterOptions, RunningService } from '../cluster.js';
import { outboxCodes } from '../load/auth-outbox.js';
import { runLoad } from '../load/generator.js';
import { BOARD_LIST, carebridgeMix, MIX_SERVICE_ENV } from '../load/mix.js';
import type { Expectation, LoadResult, ServiceSample } from '../telemetry/types.js';
import { waitFor } from '../wait.js';
import { scaleOutLimits } from './scale-out-limits.js';

export interface ExperimentContext {
  cluster: Cluster;
  quick: boolean;
  target: string;
  log(line: string): void;
  load: LoadResult[];
  /** Marks a moment in the report (load steps). */
  mark(label: string): void;
}

export interface ScenarioOutcome {
  summary: Record<string, string | number>;
  expectations: Expectation[];
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  /** Which services run and how the cluster is set up. */
  cluster(quick: boolean): Partial<ClusterOptions>;
  run(ctx: ExperimentContext): Promise<ScenarioOutcome>;
}

const expect = (name: string, passed: boolean, detail: string): Expectation => ({ name, passed, detail });
const seconds = (ms: number) => Math.round(ms / 100) / 10;

function samplesOf(ctx: ExperimentContext, service: string, from: number, to = Date.now()): ServiceSample[] {
  return ctx.cluster.recorder.history().samples.filter((s) => s.service === service && s.t >= from && s.t <= to);
}

/** Load that runs in the background while the scenario watches. */
function background(ctx: ExperimentContext, options: Parameters<typeof runLoad>[0]) {
  const handle = runLoad({ ...options, onProgress: (p) => ctx.log(`  load ${p.line}`) });
  const recorded = handle.done.then((result) => {
    ctx.load.push(result);
    return result;
  });
  return {
    stop: async () => {
      await handle.stop();
      return recorded;
    },
    done: recorded,
  };
}

/** The board serving its list at 100 requests per second (open loop) in the background, until stopped. */
function boardUnderSteadyLoad(ctx: ExperimentContext) {
  const board = ctx.cluster.services.get('board') as RunningService;
  const load = background(ctx, {
    target: ctx.target,
    mode: 'open',
    rate: 100,
    durationMs: 10 * 60_000,
    mix: BOARD_LIST,
  });
  return { board, load };
}

/**
 * Twice the original JMeter test's 300 users at one request per second each (three replicas of each service
 * hold 300 within the HPA's target); replicas rise from 3 and come back.
 */
const scaleOut: Scenario = {
  name: 'scale-out',
  title: 'Scale-out under a step to 600 users',
  description:
    'Every service at its minimum of 3 replicas; a step to 600 virtual users sending one request per second each (the Carebridge mix of browsing, hospital search and insider writes; twice the original test, whose 300 users three replicas hold within the HPA target); then no load. The HPA, as configured in k8s/, should add replicas during the step and remove them after it.',
  cluster: (quick) => ({
    syncPeriodMs: quick ? 2_000 : 15_000,
    cpuWindowMs: quick ? 5_000 : 15_000,
    env: MIX_SERVICE_ENV,
  }),
  async run(ctx) {
    const services = [...ctx.cluster.services.values()];
    const min = Object.fromEntries(services.map((s) => [s.spec.name, s.spec.autoscaler?.minReplicas ?? 1]));
    const stepMs = ctx.quick ? 60_000 : 300_000;
    const afterMs = ctx.quick ? 90_000 : 600_000;
    const start = Date.now();
    ctx.mark('600 users');
    const load = background(ctx, {
      target: ctx.target,
      mode: 'open',
      users: 600,
      perUserRate: 1,
      durationMs: stepMs,
      mix: carebridgeMix({ mailedCode: outboxCodes(ctx.cluster.options.dataDir) }),
    });
    const firstScaleOut = waitFor(() => services.some((s) => s.replicas.desired > (min[s.spec.name] ?? 1)), stepMs);
    const step = await load.done;
    const end = Date.now();
    ctx.mark('no load');
    const scaledOutAfter = await firstScaleOut;
    const peak = Object.fromEntries(
      services.map((s) => [s.spec.name, Math.max(...samplesOf(ctx, s.spec.name, start).map((x) => x.replicas))]),
    );
    const backAfter = await waitFor(
      () => services.every((s) => s.replicas.desired === (min[s.spec.name] ?? 1)),
      afterMs,
    );
    const summary: Record<string, string | number> = {
      'load step (s)': seconds(stepMs),
      'offered requests': step.offered,
      'answered requests/s': Math.round(step.total.throughput),
      'failed requests': step.total.errors,
      'p50 during the step (ms)': step.total.latency.p50,
      'p99 during the step (ms)': step.total.latency.p99,
      'first scale-out after (s)': scaledOutAfter === undefined ? 'none' : seconds(scaledOutAfter),
      'back to the minimum after the load (s)':
        backAfter === undefined ? 'not within the observation' : seconds(Date.now() - end),
      ...Object.fromEntries(services.map((s) => [`peak replicas: ${s.spec.name}`, peak[s.spec.name] ?? 0])),
    };
    const anyAbove = services.some((s) => (peak[s.spec.name] ?? 0) > (min[s.spec.name] ?? 1));
    return {
      summary,
      expectations: [
        expect('replicas rise above the minimum during the load', anyAbove, `peak ${JSON.stringify(peak)}`),
        expect(
          'replicas come back to the minimum after the load',
          backAfter !== undefined,
          backAfter === undefined ? 'still above' : `after ${seconds(Date.now() - end)} s`,
        ),
        expect(
          'fewer than 1% of requests fail',
          step.total.errors <= step.total.requests * 0.01,
          `${step.total.errors} of ${step.total.requests}`,
        ),
      ],
    };
  },
};

/** A rolling update of the board while it serves steady traffic: not one request may fail. */
const rolloutUnderLoad: Scenario = {
  name: 'rollout-under-load',
  title: 'Rolling update under load',
  description:
    'The board at 3 replicas serving 100 requests per second (open loop) is rolled to a new version with the manifest’s maxSurge 1 / maxUnavailable 0: each old replica leaves only when a new one is ready, and drains (preStop pause, then SIGTERM with in-flight requests finishing).',
  cluster: () => ({ only: ['board'], autoscaling: 'off' }),
  async run(ctx) {
    const { board, load } = boardUnderSteadyLoad(ctx);
    await sleep(ctx.quick ? 3_000 : 15_000);
    ctx.mark('rollout starts');
    const result = await ctx.cluster.rollout(board, '2');
    ctx.mark('rollout done');
    await sleep(ctx.quick ? 3_000 : 15_000);
    const traffic = await load.stop();
    const versions = board.replicas.ready().map((r) => r.options.version);
    return {
      summary: {
        'rollout duration (s)': seconds((result.finishedAt ?? Date.now()) - result.startedAt),
        'maxSurge / maxUnavailable': `${result.surge} / ${result.maxUnavailable}`,
        requests: traffic.total.requests,
        'failed requests': traffic.total.errors,
        'p99 (ms)': traffic.total.latency.p99,
        'versions after': versions.join(', '),
      },
      expectations: [
        expect('the rollout completes', result.phase === 'complete', result.message ?? result.phase),
        expect(
          'zero failed requests',
          traffic.total.errors === 0,
          `${traffic.total.errors} of ${traffic.total.requests}`,
        ),
        expect(
          'every ready replica runs the new version',
          versions.length === board.replicas.desired && versions.every((v) => v === '2'),
          versions.join(', '),
        ),
      ],
    };
  },
};

/** A replica is killed under load; the kubelet-like supervisor restarts it, the gateway retries around it. */
const replicaCrash: Scenario = {
  name: 'replica-crash',
  title: 'Self-healing after a replica crash',
  description:
    'The board at 3 replicas under 100 requests per second; one replica process is killed. The supervisor restarts it (CrashLoopBackOff timing), the gateway retries the requests that hit the dead connection on other replicas, and the replica returns to the pool when its readiness probe passes.',
  cluster: () => ({ only: ['board'], autoscaling: 'off' }),
  async run(ctx) {
    const { board, load } = boardUnderSteadyLoad(ctx);
    await sleep(ctx.quick ? 3_000 : 10_000);
    const victim = board.replicas.ready()[0];
    if (!victim) throw new Error('no ready replica to kill');
    ctx.mark(`kill ${victim.id}`);
    victim.crash();
    const healedAfter = await waitFor(() => victim.restarts > 0 && victim.ready, 120_000);
    ctx.mark('healed');
    await sleep(ctx.quick ? 3_000 : 10_000);
    const traffic = await load.stop();
    return {
      summary: {
        'killed replica': victim.id,
        'ready again after (s)': healedAfter === undefined ? 'not healed' : seconds(healedAfter),
        requests: traffic.total.requests,
        'failed requests': traffic.total.errors,
        'p99 (ms)': traffic.total.latency.p99,
      },
      expectations: [
        expect(
          'the killed replica is restarted and ready again',
          healedAfter !== undefined,
          healedAfter === undefined ? 'not healed' : `${seconds(healedAfter)} s`,
        ),
        expect(
          'clients see no failed request',
          traffic.total.errors === 0,
          `${traffic.total.errors} of ${traffic.total.requests}`,
        ),
      ],
    };
  },
};

/** The HPA against the threshold rule on the same step; then three balancing policies with one slow replica. */
const policyCompare: Scenario = {
  name: 'policy-compare',
  title: 'HPA vs the threshold rule; balancing policies with a slow replica',
  description:
    'Part 1: the same load step on the board, once scaled by the Kubernetes HPA algorithm and once by the original project’s threshold rule (one replica at a time after CPU stays above 70% for the hold time). Part 2: round robin, least request and latency-aware balancing with one of three replicas made 5× slower.',
  cluster: (quick) => ({
    only: ['board'],
    syncPeriodMs: quick ? 2_000 : 15_000,
    cpuWindowMs: quick ? 5_000 : 15_000,
    threshold: quick ? { threshold: 70, upHoldMs: 6_000, downHoldMs: 2_000 } : undefined,
  }),
  async run(ctx) {
    const board = ctx.cluster.services.get('board') as RunningService;
    const stepMs = ctx.quick ? 30_000 : 180_000;
    const summary: Record<string, string | number> = {};
    const expectations: Expectation[] = [];
    for (const mode of ['hpa', 'threshold'] as const) {
      ctx.cluster.setAutoscaling(board, mode);
      await board.replicas.scaleTo(3);
      ctx.mark(`${mode}: load`);
      const start = Date.now();
      const load = background(ctx, {
        target: ctx.target,
        mode: 'open',
        rate: 250,
        durationMs: stepMs,
        mix: BOARD_LIST,
      });
      const firstUp = waitFor(() => board.replicas.desired > 3, stepMs);
      await load.done;
      const up = await firstUp;
      const peak = Math.max(...samplesOf(ctx, 'board', start).map((s) => s.replicas));
      summary[`${mode}: first scale-out after (s)`] = up === undefined ? 'none' : seconds(up);
      summary[`${mode}: peak replicas`] = peak;
      expectations.push(expect(`${mode} scales out under the step`, peak > 3, `peak ${peak}`));
      ctx.cluster.setAutoscaling(board, 'off');
    }
    await board.replicas.scaleTo(3);
    const [slow, ...fast] = board.replicas.ready();
    if (!slow) throw new Error('no replica');
    for (const r of [slow, ...fast])
      await fetch(`${r.url}/lab/fault`, {
        method: 'PUT',
        body: JSON.stringify({ mode: 'slow', ms: r === slow ? 50 : 10 }),
      });
    for (const policy of ['ROUND_ROBIN', 'LEAST_REQUEST', 'LATENCY_AWARE'] as const) {
      board.backend.policy = policy;
      ctx.mark(policy);
      const before = board.backend.stats(slow.id).requests;
      const total = board.replicas.ready().reduce((n, r) => n + board.backend.stats(r.id).requests, 0);
      const result = await runLoad({
        target: ctx.target,
        mode: 'closed',
        users: 8,
        durationMs: ctx.quick ? 8_000 : 30_000,
        mix: BOARD_LIST,
      }).done;
      ctx.load.push(result);
      const after = board.backend.stats(slow.id).requests;
      const totalAfter = board.replicas.ready().reduce((n, r) => n + board.backend.stats(r.id).requests, 0);
      const share = (after - before) / Math.max(1, totalAfter - total);
      summary[`${policy}: share to the slow replica`] = `${Math.round(share * 100)}%`;
      summary[`${policy}: p50 / p99 (ms)`] = `${result.total.latency.p50} / ${result.total.latency.p99}`;
      if (policy !== 'ROUND_ROBIN')
        expectations.push(
          expect(
            `${policy} sends the slow replica less than a third`,
            share < 0.3 && share > 0,
            `${Math.round(share * 100)}%`,
          ),
        );
    }
    for (const r of board.replicas.ready())
      await fetch(`${r.url}/lab/fault`, { method: 'PUT', body: JSON.stringify({ mode: 'none' }) });
    return { summary, expectations };
  },
};

export const SCENARIOS: Scenario[] = [scaleOut, rolloutUnderLoad, replicaCrash, policyCompare, scaleOutLimits];
