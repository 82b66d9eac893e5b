import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editYamlFile, MANIFEST_TREES } from '@carebridge/manifests';
import { REPO_ROOT } from '../services.js';

// biome-ignore lint/suspicious/noExplicitAny: documents of several kinds, edited at known paths
type Doc = Record<string, any>;

/**
 * `--quick`: the repository's manifests with every autoscaling window and period divided by
 * `factor` (stabilization 300 s → 10 s at 30), so an experiment that takes ten minutes in real
 * time takes well under one. Everything else (targets, limits, probes, policies) is as committed.
 */
export function quickManifests(factor: number): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'carebridge-experiment-'));
  for (const dir of MANIFEST_TREES) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  const shorten = (seconds: number | undefined) =>
    seconds === undefined ? undefined : Math.max(1, Math.round(seconds / factor));
  for (const service of ['auth', 'board', 'hospital']) {
    editYamlFile(join(root, `k8s/base/${service}.yaml`), (doc: Doc) => {
      if (doc.kind === 'HorizontalPodAutoscaler' && doc.spec.behavior) {
        for (const direction of ['scaleUp', 'scaleDown']) {
          const rules = doc.spec.behavior[direction];
          if (!rules) continue;
          rules.stabilizationWindowSeconds = shorten(rules.stabilizationWindowSeconds) ?? 0;
          for (const policy of rules.policies ?? []) policy.periodSeconds = shorten(policy.periodSeconds);
        }
      }
      if (doc.kind === 'Deployment') {
        const c = doc.spec.template.spec.containers[0];
        c.lifecycle = { preStop: { sleep: { seconds: 1 } } };
        doc.spec.progressDeadlineSeconds = 30;
      }
    });
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
