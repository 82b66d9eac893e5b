// The Dockerfiles read as a builder reads them (ARGs substituted, WORKDIR followed) agree with the
// Deployments; deliberate mistakes in them are reported with the file, the image and the line.
// (The built images are checked the same way in images.e2e.ts.)
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkImages, readDockerfile } from '../src/code-checks.js';
import type { Resource } from '../src/documents.js';
import { formatProblem } from '../src/problem.js';
import { loadApplied } from '../src/repository.js';

const ROOT = resolve(new URL('../../../..', import.meta.url).pathname);
/** What the image checks read: the Dockerfiles and the code they start. */
const CODE = ['services', 'web/Dockerfile', 'web/nginx.conf', 'lab/Dockerfile', 'lab/src', 'packages/platform/src'];

describe('Dockerfiles', () => {
  let copy: string;
  let applied: Resource[];
  before(() => {
    applied = loadApplied(ROOT);
    copy = mkdtempSync(join(tmpdir(), 'carebridge-dockerfiles-'));
    for (const path of CODE) {
      cpSync(join(ROOT, path), join(copy, path), {
        recursive: true,
        filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src),
      });
    }
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  const edit = (file: string, from: string, to: string) => {
    const path = join(copy, file);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(from), `${file} contains ${from}`);
    writeFileSync(path, text.replace(from, to));
    return () => writeFileSync(path, text);
  };

  it('the shared service Dockerfile reads per service as the build arguments make it', () => {
    const text = readFileSync(join(ROOT, 'services/Dockerfile'), 'utf8');
    const board = readDockerfile(text, { SERVICE: 'board', PORT: '3002' });
    assert.equal(board.workdir, '/app/services/board');
    assert.deepEqual(board.exposes, [3002]);
    assert.deepEqual(board.cmd, ['dist/src/main.js']);
    assert.equal(board.user, '65532:65532');
    assert.match(
      board.froms.at(-1)?.image ?? '',
      /^gcr\.io\/distroless\/nodejs22-debian12:nonroot@sha256:[0-9a-f]{64}$/,
    );
  });

  it('agree with the Deployments (copied code, unchanged)', () => {
    assert.deepEqual(checkImages(copy, applied).map(formatProblem), []);
  });

  it('an unpinned base image, a wrong entry point and a root user are reported', () => {
    const undo = [
      edit(
        'services/Dockerfile',
        'ARG NODE_IMAGE=node:22.21-bookworm-slim@sha256:',
        'ARG NODE_IMAGE=node:22.21-bookworm-slim#',
      ),
      edit('services/Dockerfile', 'CMD ["dist/src/main.js"]', 'CMD ["dist/src/server.js"]'),
      edit('lab/Dockerfile', 'USER 65532:65532', 'USER 0'),
    ];
    try {
      const found = checkImages(copy, applied).map(formatProblem).join('\n');
      assert.match(
        found,
        /services\/Dockerfile: Dockerfile auth at line \d+: base image node:22\.21-bookworm-slim#\S+ must be pinned by tag and digest/,
      );
      assert.match(
        found,
        /services\/Dockerfile: Dockerfile board at CMD: must start \/app\/services\/board\/dist\/src\/main\.js, not \/app\/services\/board\/dist\/src\/server\.js/,
      );
      assert.match(
        found,
        /lab\/Dockerfile: Dockerfile lab at USER: the final stage must run as a numeric non-root user/,
      );
    } finally {
      for (const u of undo) u();
    }
  });
});
