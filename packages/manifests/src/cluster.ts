import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * The real cluster tools (built from their Go modules by scripts/tools/go-tools.mjs) and the local
 * control plane (scripts/cluster/up.sh), for tests and scripts that talk to a real API server.
 */
export interface LocalCluster {
  kubeconfig: string;
  /** Folder with kubectl, istioctl, kube-apiserver, … of the pinned versions. */
  bin: string;
}

export class ClusterToolError extends Error {}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', env, input, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new ClusterToolError(`${command}: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Builds or restores the tools, then starts the control plane (idempotent). `fresh` wipes etcd first. */
export function startLocalCluster(root: string, options: { fresh?: boolean } = {}): LocalCluster {
  const bin = toolBin(root);
  if (options.fresh) run('bash', [join(root, 'scripts/cluster/down.sh')], process.env);
  const up = run('bash', [join(root, 'scripts/cluster/up.sh')], process.env);
  if (up.status !== 0) throw new ClusterToolError(`scripts/cluster/up.sh failed:\n${up.stdout}\n${up.stderr}`);
  const last = up.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('KUBECONFIG=')) throw new ClusterToolError(`up.sh did not end with KUBECONFIG=: ${last}`);
  return { kubeconfig: last.slice('KUBECONFIG='.length), bin };
}

/** Builds (cold) or finds (warm) the cluster tools and returns their folder. */
export function toolBin(root: string): string {
  const built = run('node', [join(root, 'scripts/tools/go-tools.mjs')], process.env);
  if (built.status !== 0) throw new ClusterToolError(`building the cluster tools failed:\n${built.stderr}`);
  return built.stdout.trim().split('\n').at(-1) ?? '';
}

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
  /** `Warning:` lines the API server sent back (deprecations, Pod Security `warn` mode, …). */
  warnings: string[];
}

/** Runs the pinned kubectl against the cluster. Never throws on a non-zero exit: callers assert. */
export function kubectl(cluster: LocalCluster, args: string[], input?: string): KubectlResult {
  const env = { ...process.env, KUBECONFIG: cluster.kubeconfig, PATH: `${cluster.bin}:${process.env.PATH}` };
  const result = run(join(cluster.bin, 'kubectl'), args, env, input);
  const warnings = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('Warning:'))
    .map((line) => line.trim());
  return { ...result, warnings };
}

/** Like {@link kubectl}, but a non-zero exit throws with kubectl's own message. */
export function kubectlOk(cluster: LocalCluster, args: string[], input?: string): KubectlResult {
  const result = kubectl(cluster, args, input);
  if (result.status !== 0) throw new ClusterToolError(`kubectl ${args.join(' ')}:\n${result.stderr}`);
  return result;
}

export function kubectlJson<T>(cluster: LocalCluster, args: string[]): T {
  return JSON.parse(kubectlOk(cluster, [...args, '-o', 'json']).stdout) as T;
}

/** Runs another pinned tool (istioctl, …) from the tool folder. */
export function tool(cluster: Pick<LocalCluster, 'bin'>, name: string, args: string[], input?: string) {
  const result = run(join(cluster.bin, name), args, process.env, input);
  if (result.status !== 0) throw new ClusterToolError(`${name} ${args.join(' ')}:\n${result.stderr}`);
  return result;
}

/** One `kubectl get --watch` stream of JSON events, until stopped. */
export function watchObjects(
  cluster: LocalCluster,
  args: string[],
  onEvent: (event: { type: string; object: Record<string, unknown> }) => void,
): () => void {
  const child = spawn(
    join(cluster.bin, 'kubectl'),
    ['get', ...args, '--watch', '--output-watch-events', '-o', 'json'],
    {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
    },
  );
  let buffer = '';
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  child.stdout.setEncoding('utf8');
  // kubectl writes one pretty-printed JSON object per event: split on balanced braces.
  child.stdout.on('data', (chunk: string) => {
    for (const ch of chunk) {
      buffer += ch;
      const i = buffer.length - 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (ch === '}') {
        depth--;
        if (depth === 0 && start >= 0) {
          onEvent(JSON.parse(buffer.slice(start, i + 1)));
          buffer = '';
          start = -1;
        }
      }
    }
  });
  return () => child.kill();
}

/** Splits a multi-document YAML text into objects. */
export function yamlObjects(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Record<string, unknown> | null)
    .filter((o): o is Record<string, unknown> => o !== null && typeof o === 'object');
}

export function toYaml(objects: Record<string, unknown>[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}
