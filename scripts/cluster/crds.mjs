#!/usr/bin/env node
// Prints the CustomResourceDefinitions of Istio and MetalLB, taken from the module sources of the
// versions docs/deploy.md installs, so the API server validates our objects as the real cluster's does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleDir } from '../tools/go-tools.mjs';
import { ISTIO, METALLB } from '../tools/versions.mjs';

const istio = join(
  moduleDir('istio.io/istio', ISTIO.module),
  'manifests',
  'charts',
  'base',
  'files',
  'crd-all.gen.yaml',
);
const metallbDir = join(moduleDir('go.universe.tf/metallb', `v${METALLB}`), 'config', 'crd', 'bases');
const parts = [readFileSync(istio, 'utf8')];
for (const file of readdirSync(metallbDir).sort()) {
  if (file.endsWith('.yaml')) parts.push(readFileSync(join(metallbDir, file), 'utf8'));
}
process.stdout.write(`${parts.map((p) => p.replace(/^---\n/, '').trim()).join('\n---\n')}\n`);
