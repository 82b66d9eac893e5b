import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '@carebridge/platform/testing';
import { Cluster } from '../src/cluster.js';
import { REPO_ROOT } from '../src/services.js';
import { authStore, writerToken } from './support.js';

/** Test cases per operation and phase: enough to reach every documented status, small enough for ~1 minute a document. */
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 20);
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
];

/** The cached virtualenv's `schemathesis`, installed by the project's script when missing. */
function installSchemathesis(): string {
  const installed = spawnSync('bash', [join(REPO_ROOT, 'scripts/tools/schemathesis.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = installed.stdout.trim().split('\n').at(-1);
  if (installed.status !== 0 || !path) {
    // No skip: a fuzzing run that did not happen must not look like one that passed.
    throw new Error(`schemathesis could not be installed (scripts/tools/schemathesis.sh exited ${installed.status})`);
  }
  return path;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // cwd: schemathesis keeps its cache (.schemathesis/) in the working directory.
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', COLUMNS: '120' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * schemathesis fuzzes each service's OpenAPI document through the gateway, as a stranger's client
 * would reach it, with a member's token so writes are exercised too: no answer may be a 5xx, and
 * every answer must have a documented status, content type and schema.
 */
describe('schemathesis: every OpenAPI document, fuzzed through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-schemathesis-'));
  let cluster: Cluster;
  let schemathesis: string;
  let base: string;
  let token: string;

  before(async () => {
    schemathesis = installSchemathesis();
    // The fuzzer writes fast as one brand-new member; the limits themselves are tested elsewhere.
    cluster = await Cluster.start({
      port: 0,
      dataDir,
      replicas: 1,
      env: { LOG_LEVEL: 'error', WRITE_LIMIT_FACTOR: '0' },
      log: () => {},
    });
    base = `http://127.0.0.1:${cluster.port}`;
    const api = new TestClient(base);
    const member = { email: 'fuzzer@example.com', password: 'long enough password', nickname: '퍼저' };
    // Writing needs a token that says the email is verified: the fuzzer then reaches the handlers.
    token = await writerToken(api, authStore(dataDir), member);
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const prefix of ['/api/auth', '/api/board', '/api/hospitals']) {
    it(`${prefix}: no 5xx, and every response as documented`, async () => {
      const { code, output } = await run(
        schemathesis,
        [
          'run',
          `${base}${prefix}/docs/openapi.json`,
          '--url',
          base,
          '--checks',
          CHECKS.join(','),
          '--max-examples',
          String(MAX_EXAMPLES),
          '--phases',
          'examples,coverage,fuzzing',
          '--seed',
          '15',
          '--workers',
          '2',
          '--request-timeout',
          '10',
          '--header',
          `Authorization: Bearer ${token}`,
          '--no-color',
          '--generation-database',
          'none',
        ],
        dataDir,
      );
      const summary = output
        .split('\n')
        .filter((line) => /test cases|passed|failed|errors?\b|Operations|=====/i.test(line))
        .slice(-8)
        .join('\n');
      console.log(`schemathesis ${prefix}:\n${summary}`);
      assert.equal(code, 0, `schemathesis found problems in ${prefix}:\n${output.slice(-12_000)}`);
    });
  }
});
