#!/usr/bin/env node
// Prints kwok's configuration: its own "fast" node and pod stages (read from the kwok module the
// tools were built from), with one change — a pod annotated `carebridge.dev/kwok-never-ready`
// never becomes ready, so tests can play a release whose pods never pass their readiness probe.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleDir } from '../tools/go-tools.mjs';
import { KWOK } from '../tools/versions.mjs';

export const NEVER_READY_ANNOTATION = 'carebridge.dev/kwok-never-ready';
const stages = join(moduleDir('sigs.k8s.io/kwok', `v${KWOK}`), 'kustomize', 'stage');
const files = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];
const docs = files.map((file) => {
  let text = readFileSync(join(stages, file), 'utf8');
  if (file.endsWith('pod-ready.yaml')) {
    text = text.replace(
      /( {2}selector:\n {4}matchExpressions:\n)/,
      `$1    - key: '.metadata.annotations["${NEVER_READY_ANNOTATION}"]'\n      operator: 'DoesNotExist'\n`,
    );
    if (!text.includes(NEVER_READY_ANNOTATION)) throw new Error(`kwok ${KWOK}: pod-ready stage has a new shape`);
  }
  return text.trim();
});
process.stdout.write(
  `${[
    [
      'apiVersion: config.kwok.x-k8s.io/v1alpha1',
      'kind: KwokConfiguration',
      'options:',
      // Given in full: with a --config file, kwok 0.8 does not default these.
      '  podPlayStageParallelism: 4',
      '  nodePlayStageParallelism: 4',
      '  nodeLeaseDurationSeconds: 40',
      '  nodeLeaseParallelism: 4',
      '  podsOnNodeSyncParallelism: 4',
      '  enablePodsOnNodeSyncListPager: true',
      '  enablePodsOnNodeSyncStreamWatch: false',
    ].join('\n'),
    ...docs,
  ].join('\n---\n')}\n`,
);
