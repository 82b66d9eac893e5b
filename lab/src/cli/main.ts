/**
 * The lab CLI: `npm run lab -- <command> [args]` from the repository root. Each command is one entry in
 * {@link COMMANDS}; add a command by adding an entry (the longest matching word sequence wins).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CalculatorName, runCalculator } from './calculators.js';

export interface Command {
  /** The words that select the command, e.g. `['hpa', 'replicas']`. */
  words: string[];
  /** Argument synopsis for the usage text. */
  args: string;
  summary: string;
  /** Runs with the arguments after the command words; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** Writes one JSON value (and a newline) to stdout. */
function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `--name VALUE` or `--name=VALUE`. */
export function optionValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === name) return args[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** Relative paths are taken from where `npm run` was invoked (INIT_CWD), not from the repository root. */
function inputPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function calculator(name: CalculatorName, summary: string): Command {
  return {
    words: name.split(' '),
    args: '--input FILE',
    summary,
    async run(args) {
      const file = optionValue(args, '--input');
      if (file === undefined || file === '') {
        printJson({ error: 'missing --input FILE' });
        return 2;
      }
      let text: string;
      try {
        text = file === '-' ? await readStdin() : await readFile(inputPath(file), 'utf8');
      } catch (err) {
        printJson({ error: `cannot read ${file}: ${(err as Error).message}` });
        return 1;
      }
      const { output, exitCode } = runCalculator(name, text);
      printJson(output);
      return exitCode;
    },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const COMMANDS: Command[] = [
  calculator('hpa replicas', 'desired replicas and CPU utilization, as the HPA replica calculator computes them'),
  calculator('hpa normalize', 'the HPA controller normalisation: stabilization, scaling limits or policies, min/max'),
  calculator('rollout bounds', "a Deployment's RollingUpdate fenceposts (maxSurge, maxUnavailable)"),
  {
    words: ['watch'],
    args: '[--kubeconfig FILE] [--namespace NS] [--port 9090] [--interval SECONDS] [--once]',
    summary: "a real cluster's Deployments, HPAs and pod metrics, with the lab's own HPA decision as a shadow column",
    // Loaded on demand: the other commands never load the Kubernetes client.
    run: async (args) => (await import('../watch/server.js')).runWatch(args),
  },
  {
    words: ['experiment'],
    args: '<scale-out|rollout-under-load|replica-crash|policy-compare|scale-out-limits> [--quick] [--no-cgroups]',
    summary: 'runs a scenario on a fresh lab cluster and writes reports/<name>-<timestamp>/report.html and report.json',
    async run(args) {
      const name = args.find((a) => !a.startsWith('--'));
      if (!name) {
        process.stderr.write('usage: npm run lab -- experiment <name> [--quick]\n');
        return 2;
      }
      const { runExperiment } = await import('../experiments/runner.js');
      const { report } = await runExperiment(name, {
        quick: args.includes('--quick'),
        cgroups: !args.includes('--no-cgroups'),
      });
      return report.passed ? 0 : 1;
    },
  },
  {
    words: ['compare'],
    args: 'hpa|rollout|policy [--quick] [--out DIR] [--metrics-port N]',
    summary:
      "the same scenarios through the lab's HPA or rollouts and kube-controller-manager's on the local control plane; writes report.html and report.json (last line: its path)",
    run: async (args) => (await import('../compare/command.js')).runCompare(args),
  },
  {
    words: ['rollout'],
    args: '<service> [--version V] [--url http://localhost:8080] [--token T (default: $LAB_TOKEN)]',
    summary: 'starts a rolling update of a service in the running lab (npm start) and follows it to the end',
    async run(args) {
      const service = args.find(
        (a) =>
          !a.startsWith('--') &&
          a !== optionValue(args, '--version') &&
          a !== optionValue(args, '--url') &&
          a !== optionValue(args, '--token'),
      );
      if (!service) {
        process.stderr.write('usage: npm run lab -- rollout <service> [--version V] [--url URL] [--token T]\n');
        return 2;
      }
      const url = optionValue(args, '--url') ?? 'http://localhost:8080';
      const version = optionValue(args, '--version');
      const token = optionValue(args, '--token') ?? process.env.LAB_TOKEN ?? '';
      const started = await fetch(`${url}/lab/api/services/${service}/rollout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(version ? { version } : {}),
      });
      const body = (await started.json()) as { version?: string; detail?: string };
      if (started.status !== 202) {
        process.stderr.write(`${body.detail ?? started.status}\n`);
        return 1;
      }
      process.stdout.write(`rolling ${service} to version ${body.version}\n`);
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const state = (await (await fetch(`${url}/lab/api/state`)).json()) as {
          services: {
            name: string;
            rollout?: { phase: string; updated: number; old: number; desired: number; message?: string };
          }[];
        };
        const rollout = state.services.find((s) => s.name === service)?.rollout;
        if (!rollout) continue;
        process.stdout.write(`  ${rollout.phase}: ${rollout.updated}/${rollout.desired} updated, ${rollout.old} old\n`);
        if (rollout.phase !== 'progressing') {
          if (rollout.message) process.stdout.write(`  ${rollout.message}\n`);
          return rollout.phase === 'complete' ? 0 : 1;
        }
      }
    },
  },
];

export function usage(commands: readonly Command[] = COMMANDS): string {
  const lines = commands.map((c) => `  npm run lab -- ${c.words.join(' ')} ${c.args}\n      ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

/** The command whose words are the longest prefix of `argv`, and the remaining arguments. */
export function findCommand(
  argv: readonly string[],
  commands: readonly Command[] = COMMANDS,
): { command: Command; args: string[] } | undefined {
  let best: Command | undefined;
  for (const c of commands) {
    const matches = c.words.every((w, i) => argv[i] === w);
    if (matches && (best === undefined || c.words.length > best.words.length)) best = c;
  }
  return best && { command: best, args: argv.slice(best.words.length) };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`Unknown command: ${argv.join(' ')}\n${usage()}`);
    return 2;
  }
  return found.command.run(found.args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
