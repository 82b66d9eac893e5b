import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import type { Resource } from './documents.js';
import type { ManifestProblem } from './problem.js';
import { type Workload, workloadsOf } from './workloads.js';

/** The images this repository builds, and where their code lives. */
export const IMAGES = [
  { name: 'auth', dockerfile: 'services/auth/Dockerfile', kind: 'node' },
  { name: 'board', dockerfile: 'services/board/Dockerfile', kind: 'node' },
  { name: 'hospital', dockerfile: 'services/hospital/Dockerfile', kind: 'node' },
  { name: 'web', dockerfile: 'web/Dockerfile', kind: 'nginx' },
  { name: 'lab', dockerfile: 'lab/Dockerfile', kind: 'lab' },
] as const;

export interface DockerfileFacts {
  froms: { image: string; line: number }[];
  /** Of the final stage. */
  user: string | undefined;
  exposes: number[];
  cmd: string[];
}

export function readDockerfile(text: string): DockerfileFacts {
  const facts: DockerfileFacts = { froms: [], user: undefined, exposes: [], cmd: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (instruction.toUpperCase()) {
      case 'FROM':
        facts.froms.push({ image: rest[0] ?? '', line: i + 1 });
        facts.user = undefined;
        facts.exposes = [];
        facts.cmd = [];
        break;
      case 'USER':
        facts.user = rest[0];
        break;
      case 'EXPOSE':
        facts.exposes.push(...rest.map((p) => Number.parseInt(p, 10)));
        break;
      case 'CMD':
        facts.cmd = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
        break;
    }
  });
  return facts;
}

const dockerProblem = (file: string, field: string, message: string): ManifestProblem => ({
  source: file,
  kind: 'Dockerfile',
  name: file.split('/').at(-2) ?? file,
  field,
  message,
});

function deploymentOf(workloads: Workload[], image: string): Workload | undefined {
  return workloads.find(
    (w) =>
      w.resource.kind === 'Deployment' &&
      w.pod.containers.some((c) => new RegExp(`(^|/)carebridge/${image}:`).test(c.image ?? '')),
  );
}

/**
 * Each image is linted, pinned and non-root, and agrees with its Deployment: the port it exposes
 * is the port the pods declare, it runs as the user the pod runs as, and it starts the service's
 * compiled entry point.
 */
export function checkImages(root: string, resources: Resource[]): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  const workloads = workloadsOf(resources);
  for (const image of IMAGES) {
    const path = join(root, image.dockerfile);
    if (!existsSync(path)) {
      out.push(dockerProblem(image.dockerfile, '', 'is missing'));
      continue;
    }
    const text = readFileSync(path, 'utf8');
    for (const d of lintDockerfile(text)) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      out.push(dockerProblem(image.dockerfile, `line ${d.range.start.line + 1}`, message));
    }
    const facts = readDockerfile(text);
    for (const from of facts.froms) {
      const tag = from.image.split('@')[0]?.split(':')[1];
      const isStage = facts.froms.length > 1 && !from.image.includes(':') && !from.image.includes('/');
      if (!isStage && (!tag || tag === 'latest') && !from.image.includes('@sha256:')) {
        out.push(
          dockerProblem(image.dockerfile, `line ${from.line}`, `base image ${from.image} must be pinned to a version`),
        );
      }
    }
    const uid = Number(facts.user?.split(':')[0]);
    if (!facts.user || !Number.isInteger(uid) || uid === 0) {
      out.push(dockerProblem(image.dockerfile, 'USER', 'the final stage must run as a numeric non-root user'));
    }
    const deployment = deploymentOf(workloads, image.name);
    if (!deployment) {
      out.push(dockerProblem(image.dockerfile, '', `no Deployment runs carebridge/${image.name}`));
      continue;
    }
    const container = deployment.pod.containers.find((c) => (c.image ?? '').includes(`carebridge/${image.name}:`));
    const ports = (container?.ports ?? []).map((p) => p.containerPort);
    if (facts.exposes.length === 0 || !facts.exposes.every((p) => ports.includes(p))) {
      out.push(
        dockerProblem(
          image.dockerfile,
          'EXPOSE',
          `exposes ${facts.exposes.join(', ') || 'nothing'} but Deployment ${deployment.resource.name} declares ${ports.join(', ')}`,
        ),
      );
    }
    const runAs = container?.securityContext?.runAsUser ?? deployment.pod.securityContext?.runAsUser;
    if (runAs !== undefined && runAs !== uid) {
      out.push(
        dockerProblem(
          image.dockerfile,
          'USER',
          `runs as ${uid} but Deployment ${deployment.resource.name} runs as ${runAs}`,
        ),
      );
    }
    if (image.kind === 'node') out.push(...checkNodeEntry(root, image.name, image.dockerfile, facts));
    else if (image.kind === 'lab') out.push(...checkLabEntry(root, image.dockerfile, facts, container?.args));
    else if (facts.cmd[0] !== 'nginx') out.push(dockerProblem(image.dockerfile, 'CMD', 'must start nginx'));
  }
  return out;
}

function checkNodeEntry(root: string, service: string, dockerfile: string, facts: DockerfileFacts): ManifestProblem[] {
  const entry = `services/${service}/dist/src/main.js`;
  const out: ManifestProblem[] = [];
  if (facts.cmd[0] !== entry)
    out.push(dockerProblem(dockerfile, 'CMD', `must start ${entry}, not ${facts.cmd.join(' ')}`));
  if (!existsSync(join(root, `services/${service}/src/main.ts`)))
    out.push(dockerProblem(dockerfile, 'CMD', `services/${service}/src/main.ts does not exist`));
  const pkg = JSON.parse(readFileSync(join(root, `services/${service}/package.json`), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!pkg.scripts?.start?.includes(entry.replace(`services/${service}/`, ''))) {
    out.push(dockerProblem(dockerfile, 'CMD', `differs from the start script of services/${service}/package.json`));
  }
  return out;
}

/** The lab image runs its CLI; the Deployment's args (which replace CMD) must start the same entry point. */
function checkLabEntry(
  root: string,
  dockerfile: string,
  facts: DockerfileFacts,
  args: string[] | undefined,
): ManifestProblem[] {
  const entry = 'lab/dist/src/cli/main.js';
  const out: ManifestProblem[] = [];
  if (facts.cmd[0] !== entry) out.push(dockerProblem(dockerfile, 'CMD', `must start ${entry}`));
  if (!existsSync(join(root, 'lab/src/cli/main.ts')))
    out.push(dockerProblem(dockerfile, 'CMD', 'lab/src/cli/main.ts does not exist'));
  if (args && args[0] !== entry)
    out.push(dockerProblem(dockerfile, 'CMD', `the Deployment's args must start with ${entry}: they replace CMD`));
  return out;
}

/** Probe paths are routes the code serves, on the port the code listens on. */
export function checkProbesAgainstCode(root: string, resources: Resource[]): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  const workloads = workloadsOf(resources);
  const healthController = readFileSync(join(root, 'packages/platform/src/health/health.controller.ts'), 'utf8');
  const platformRoutes = [...healthController.matchAll(/@Get\('([^']+)'\)/g)].map((m) => `/${m[1]}`);
  const nginx = readFileSync(join(root, 'web/nginx.conf'), 'utf8');
  for (const image of IMAGES) {
    const deployment = deploymentOf(workloads, image.name);
    if (!deployment) continue;
    const [served, port] = servedBy(root, image, platformRoutes, nginx, deployment);
    deployment.pod.containers.forEach((c, i) => {
      const at = `${deployment.podPath}.containers[${i}]`;
      if (!(c.ports ?? []).some((p) => p.containerPort === port)) {
        out.push({
          source: deployment.resource.source,
          kind: 'Deployment',
          name: deployment.resource.name,
          field: `${at}.ports`,
          message: `the code listens on ${port}`,
        });
      }
      for (const name of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const path = c[name]?.httpGet?.path;
        if (path && !served.includes(path)) {
          out.push({
            source: deployment.resource.source,
            kind: 'Deployment',
            name: deployment.resource.name,
            field: `${at}.${name}.httpGet.path`,
            message: `${path} is not served by ${image.name} (it serves ${served.join(', ')})`,
          });
        }
      }
    });
  }
  return out;
}

/** Settings that hold an address of another part of the system; set elsewhere (Secrets) or not peers. */
const NOT_PEER_URLS = new Set(['DATABASE_URL', 'SMTP_URL']);

/**
 * Every peer address a service's config reads (`*_URL`, `*_URLS`) is set in its Deployment, directly
 * or through a ConfigMap it loads: an unset optional one silently turns a feature off in the cluster.
 */
export function checkPeerUrlsAgainstCode(root: string, resources: Resource[]): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  const workloads = workloadsOf(resources);
  const tokenConsumer = readFileSync(join(root, 'packages/platform/src/config/token-consumer-config.ts'), 'utf8');
  for (const image of IMAGES) {
    if (image.kind !== 'node') continue;
    const deployment = deploymentOf(workloads, image.name);
    if (!deployment) continue;
    const config = readFileSync(join(root, `services/${image.name}/src/config.ts`), 'utf8');
    const sources = config.includes('TokenConsumerConfig') ? config + tokenConsumer : config;
    const wanted = [...sources.matchAll(/^\s+([A-Z][A-Z0-9_]*_URLS?)[?!]?:/gm)]
      .map((m) => m[1] as string)
      .filter((name) => !NOT_PEER_URLS.has(name));
    const container = deployment.pod.containers[0];
    const set = new Set((container?.env ?? []).map((e) => e.name));
    const envFrom = (container as { envFrom?: { configMapRef?: { name: string } }[] } | undefined)?.envFrom ?? [];
    for (const ref of envFrom) {
      const map = resources.find((r) => r.kind === 'ConfigMap' && r.name === ref.configMapRef?.name);
      for (const key of Object.keys((map?.object.data as Record<string, string> | undefined) ?? {})) set.add(key);
    }
    for (const name of new Set(wanted)) {
      if (set.has(name)) continue;
      out.push({
        source: deployment.resource.source,
        kind: 'Deployment',
        name: deployment.resource.name,
        field: `${deployment.podPath}.containers[0].env`,
        message: `${name} is read by services/${image.name}/src/config.ts but set neither here nor in a ConfigMap it loads`,
      });
    }
  }
  return out;
}

/**
 * Envoy must close idle upstream connections before Node does: a DestinationRule's
 * `connectionPool.http.idleTimeout` for a Node service is below the platform's keep-alive timeout.
 */
export function checkKeepAliveAgainstCode(root: string, resources: Resource[]): ManifestProblem[] {
  const code = readFileSync(join(root, 'packages/platform/src/bootstrap/start-service.ts'), 'utf8');
  const keepAliveMs = Number(/KEEP_ALIVE_TIMEOUT_MS = ([\d_]+)/.exec(code)?.[1]?.replaceAll('_', ''));
  const out: ManifestProblem[] = [];
  for (const image of IMAGES) {
    if (image.kind !== 'node') continue;
    const rule = resources.find(
      (r) =>
        r.kind === 'DestinationRule' && String((r.object.spec as { host?: string }).host).startsWith(`${image.name}.`),
    );
    if (!rule) continue;
    const idle = (rule.object.spec as { trafficPolicy?: { connectionPool?: { http?: { idleTimeout?: string } } } })
      .trafficPolicy?.connectionPool?.http?.idleTimeout;
    const idleMs = idle ? durationMs(idle) : 3_600_000; // Envoy's default: one hour
    if (!(idleMs < keepAliveMs)) {
      out.push({
        source: rule.source,
        kind: 'DestinationRule',
        name: rule.name,
        field: 'spec.trafficPolicy.connectionPool.http.idleTimeout',
        message: `${idle ?? 'unset (1h)'} must be below the services' keep-alive timeout (${keepAliveMs} ms)`,
      });
    }
  }
  return out;
}

function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

function servedBy(
  root: string,
  image: (typeof IMAGES)[number],
  platformRoutes: string[],
  nginx: string,
  deployment: Workload,
): [string[], number] {
  switch (image.kind) {
    case 'node':
      return [platformRoutes, configuredPort(root, image.name)];
    case 'nginx':
      return [
        [...nginx.matchAll(/location\s+=\s+(\/\S*)/g)].map((m) => m[1] as string),
        Number(/listen\s+(\d+)/.exec(nginx)?.[1]),
      ];
    case 'lab': {
      const server = readFileSync(join(root, 'lab/src/watch/server.ts'), 'utf8');
      const routes = [...server.matchAll(/case '(\/[^']*)'/g)].map((m) => m[1] as string);
      const args = deployment.pod.containers[0]?.args ?? [];
      return [routes, Number(args[args.indexOf('--port') + 1] ?? 9090)];
    }
  }
}

function configuredPort(root: string, service: string): number {
  const config = readFileSync(join(root, `services/${service}/src/config.ts`), 'utf8');
  return Number(/PORT: number = (\d+)/.exec(config)?.[1]);
}

/** Rendered objects lose their file; point problems back at the file that defines the object. */
export function attributeSources(rendered: Resource[], sources: Resource[]): Resource[] {
  return rendered.map((r) => {
    const origin = sources.find((s) => s.kind === r.kind && s.name === r.name);
    return origin ? { ...r, source: origin.source } : r;
  });
}
