/**
 * The lab's calculator commands (`hpa replicas`, `hpa normalize`, `rollout bounds`): JSON in, JSON out, as
 * specified in ../shared/lab-cli.md. Input is one object or an array of objects; each malformed item gives
 * `{"error": "..."}` in its place, and a malformed single object also makes the exit code non-zero.
 */

import type { HpaBehavior, ScalingPolicy, ScalingRules } from '@carebridge/manifests';
import { normalize, type ScaleEvent, type TimedRecommendation } from '../autoscaling/normalize.js';
import {
  calculateReplicas,
  type PodPhase,
  type PodSample,
  ReplicaCalculationError,
} from '../autoscaling/replica-calculator.js';
import { FencepostError, resolveFenceposts } from '../rollout/fenceposts.js';

export type CalculatorName = 'hpa replicas' | 'hpa normalize' | 'rollout bounds';

/** A malformed input: reported as `{"error": message}`. */
export class InputError extends Error {
  override name = 'InputError';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const INT32_MAX = 2147483647;

/** A JSON field reader that names the offending path in its errors. */
class Fields {
  constructor(
    private readonly obj: Json,
    private readonly path = '',
  ) {}

  private name(key: string) {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  int(key: string, opts: { min?: number; default?: number } = {}): number {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (opts.default !== undefined) return opts.default;
      throw new InputError(`${this.name(key)} is required`);
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v > INT32_MAX || v < -INT32_MAX - 1) {
      throw new InputError(`${this.name(key)} must be an integer`);
    }
    if (opts.min !== undefined && v < opts.min) throw new InputError(`${this.name(key)} must be at least ${opts.min}`);
    return v;
  }

  /** Millicores: a non-negative number (a fraction is rounded up by the calculator). */
  milli(key: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > Number.MAX_SAFE_INTEGER) {
      throw new InputError(`${this.name(key)} must be a non-negative number of millicores`);
    }
    return v;
  }

  number(key: string, opts: { min?: number; default?: number } = {}): number {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (opts.default !== undefined) return opts.default;
      throw new InputError(`${this.name(key)} is required`);
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${this.name(key)} must be a number`);
    if (opts.min !== undefined && v < opts.min) throw new InputError(`${this.name(key)} must be at least ${opts.min}`);
    return v;
  }

  optionalNumber(key: string, min: number): number | undefined {
    return this.has(key) ? this.number(key, { min }) : undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw new InputError(`${this.name(key)} must be true or false`);
    return v;
  }

  /** One of `allowed`; `fallback` when absent, or required when there is no fallback. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw new InputError(`${this.name(key)} is required`);
    }
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      throw new InputError(`${this.name(key)} must be one of ${allowed.join(', ')}`);
    }
    return v as T;
  }

  array(key: string, fallback?: unknown[]): unknown[] {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw new InputError(`${this.name(key)} is required`);
    }
    if (!Array.isArray(v)) throw new InputError(`${this.name(key)} must be an array`);
    return v;
  }

  objects(key: string, fallback?: unknown[]): Fields[] {
    return this.array(key, fallback).map((item, i) => {
      if (!isObject(item)) throw new InputError(`${this.name(key)}[${i}] must be an object`);
      return new Fields(item, `${this.name(key)}[${i}]`);
    });
  }

  object(key: string): Fields | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw new InputError(`${this.name(key)} must be an object or null`);
    return new Fields(v, this.name(key));
  }
}

const PHASES: readonly PodPhase[] = ['Running', 'Pending', 'Failed', 'Succeeded'];

function parsePod(f: Fields, index: number): PodSample {
  const usage = f.raw('cpuUsageMilli');
  const pod: PodSample = {
    name: f.has('name') ? String(f.raw('name')) : `pod-${index}`,
    phase: f.oneOf('phase', PHASES, 'Running'),
    ready: f.bool('ready', true),
    cpuRequestMilli: f.milli('cpuRequestMilli'),
    cpuUsageMilli: usage === null || usage === undefined ? null : f.milli('cpuUsageMilli'),
    deleting: f.bool('deleting', false),
  };
  const started = f.optionalNumber('startedSecondsAgo', 0);
  if (started !== undefined) pod.startedSecondsAgo = started;
  return pod;
}

/** `hpa replicas`: `{"desiredReplicas", "utilization"}`. */
export function hpaReplicas(item: Json): { desiredReplicas: number; utilization: number } {
  const f = new Fields(item);
  const pods = f.objects('pods').map(parsePod);
  const tolerance = f.number('tolerance', { min: 0, default: 0.1 });
  const scaleUpTolerance = f.optionalNumber('scaleUpTolerance', 0);
  const scaleDownTolerance = f.optionalNumber('scaleDownTolerance', 0);
  const result = calculateReplicas({
    currentReplicas: f.int('currentReplicas', { min: 0 }),
    targetUtilization: f.int('targetUtilization', { min: 1 }),
    tolerance,
    scaleUpTolerance,
    scaleDownTolerance,
    cpuInitializationPeriodSeconds: f.number('cpuInitializationPeriodSeconds', { min: 0, default: 300 }),
    pods,
  });
  return { desiredReplicas: result.desiredReplicas, utilization: result.utilization };
}

function parsePolicy(f: Fields): ScalingPolicy {
  return {
    type: f.oneOf('type', ['Pods', 'Percent'] as const),
    value: f.int('value', { min: 1 }),
    periodSeconds: f.int('periodSeconds', { min: 1 }),
  };
}

function parseRules(f: Fields | null): ScalingRules | null {
  if (f === null) return null;
  const rules: ScalingRules = {};
  if (f.has('selectPolicy')) rules.selectPolicy = f.oneOf('selectPolicy', ['Max', 'Min', 'Disabled'] as const, 'Max');
  if (f.has('stabilizationWindowSeconds')) {
    rules.stabilizationWindowSeconds = f.int('stabilizationWindowSeconds', { min: 0 });
  }
  if (f.has('policies')) rules.policies = f.objects('policies').map(parsePolicy);
  return rules;
}

function parseBehavior(f: Fields): HpaBehavior | null {
  const b = f.object('behavior');
  if (b === null) return null;
  return { scaleUp: parseRules(b.object('scaleUp')), scaleDown: parseRules(b.object('scaleDown')) };
}

/** `hpa normalize`: `{"replicas", "condition"}`. */
export function hpaNormalize(item: Json): { replicas: number; condition: string } {
  const f = new Fields(item);
  const recommendations: TimedRecommendation[] = f.objects('recommendations', []).map((r) => ({
    replicas: r.int('replicas', { min: 0 }),
    secondsAgo: r.number('secondsAgo', { min: 0 }),
  }));
  const events = (key: string): ScaleEvent[] =>
    f.objects(key, []).map((e) => ({
      replicaChange: e.int('replicaChange'),
      secondsAgo: e.number('secondsAgo', { min: 0 }),
    }));
  const minReplicas = f.int('minReplicas', { min: 0, default: 1 });
  const maxReplicas = f.int('maxReplicas', { min: 1 });
  if (maxReplicas < minReplicas) throw new InputError('maxReplicas must not be less than minReplicas');
  const result = normalize({
    currentReplicas: f.int('currentReplicas', { min: 0 }),
    desiredReplicas: f.int('desiredReplicas', { min: 0 }),
    minReplicas,
    maxReplicas,
    behavior: parseBehavior(f),
    recommendations,
    scaleUpEvents: events('scaleUpEvents'),
    scaleDownEvents: events('scaleDownEvents'),
    downscaleStabilizationWindowSeconds: f.number('downscaleStabilizationWindowSeconds', { min: 0, default: 300 }),
    scaleUpLimitFactor: f.number('scaleUpLimitFactor', { min: 0, default: 2 }),
    scaleUpLimitMinimum: f.number('scaleUpLimitMinimum', { min: 0, default: 4 }),
  });
  return { replicas: result.replicas, condition: result.condition };
}

/** `rollout bounds`: `{"surge", "unavailable"}`. */
export function rolloutBounds(item: Json): { surge: number; unavailable: number } {
  const f = new Fields(item);
  const intOrPercent = (key: string): number | string | null => {
    const v = f.raw(key);
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' || typeof v === 'string') return v;
    throw new InputError(`${key} must be a whole number, a "<n>%" string or null`);
  };
  const desired = f.int('desired', { min: 0 });
  try {
    return resolveFenceposts(intOrPercent('maxSurge'), intOrPercent('maxUnavailable'), desired);
  } catch (err) {
    if (err instanceof FencepostError) throw new InputError(err.message);
    throw err;
  }
}

const CALCULATORS: Record<CalculatorName, (item: Json) => unknown> = {
  'hpa replicas': hpaReplicas,
  'hpa normalize': hpaNormalize,
  'rollout bounds': rolloutBounds,
};

/** One item: its result, or `{"error"}` for a malformed item or a calculation Kubernetes would refuse. */
export function calculateItem(name: CalculatorName, item: unknown): { value: unknown; ok: boolean } {
  if (!isObject(item)) return { value: { error: 'input item must be a JSON object' }, ok: false };
  try {
    return { value: CALCULATORS[name](item), ok: true };
  } catch (err) {
    if (err instanceof InputError || err instanceof ReplicaCalculationError || err instanceof RangeError) {
      return { value: { error: err.message }, ok: false };
    }
    throw err;
  }
}

/**
 * The whole command: parse the file's text, answer one value (an object, or an array in the same order).
 * `exitCode` is non-zero when the input is not JSON, not an object or array, or a single object that failed.
 */
export function runCalculator(name: CalculatorName, text: string): { output: unknown; exitCode: number } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { output: { error: `input is not valid JSON: ${(err as Error).message}` }, exitCode: 1 };
  }
  if (Array.isArray(input)) return { output: input.map((item) => calculateItem(name, item).value), exitCode: 0 };
  if (!isObject(input)) return { output: { error: 'input must be a JSON object or an array of objects' }, exitCode: 1 };
  const { value, ok } = calculateItem(name, input);
  return { output: value, exitCode: ok ? 0 : 1 };
}
