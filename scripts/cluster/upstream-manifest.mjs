#!/usr/bin/env node
// Prints the path of an upstream install manifest inside the module source of the version the docs
// install, so tests apply exactly what an operator applies:
//   node scripts/cluster/upstream-manifest.mjs metallb-native   MetalLB's metallb-native.yaml
import { join } from 'node:path';
import { moduleDir } from '../tools/go-tools.mjs';
import { METALLB } from '../tools/versions.mjs';

const manifests = {
  'metallb-native': () =>
    join(moduleDir('go.universe.tf/metallb', `v${METALLB}`), 'config/manifests/metallb-native.yaml'),
};
const which = process.argv[2];
const find = manifests[which];
if (!find) {
  process.stderr.write(`usage: upstream-manifest.mjs ${Object.keys(manifests).join('|')}\n`);
  process.exit(2);
}
process.stdout.write(`${find()}\n`);
