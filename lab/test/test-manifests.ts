import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editYamlFile, MANIFEST_TREES } from '@carebridge/manifests';
import { REPO_ROOT } from '../src/services.js';

type Doc = Record<string, any>;

/**
 * A copy of the repository's manifests with the board's timings shortened (1 s probe periods,
 * 2 s ejections, a 1 s preStop pause), so a test sees probes, restarts and ejections in seconds.
 * `edit` may change anything further, document by document.
 */
export function testManifests(edit: (file: string, doc: Doc) => void = () => {}): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'carebridge-lab-manifests-'));
  for (const dir of MANIFEST_TREES) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  editYamlFile(join(root, 'k8s/base/board.yaml'), (doc: Doc) => {
    if (doc.kind === 'Deployment') {
      const pod = doc.spec.template.spec;
      const c = pod.containers[0];
      c.startupProbe = { ...c.startupProbe, periodSeconds: 1, failureThreshold: 30 };
      c.livenessProbe = { ...c.livenessProbe, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 2 };
      c.readinessProbe = {
        ...c.readinessProbe,
        periodSeconds: 1,
        timeoutSeconds: 1,
        failureThreshold: 1,
        successThreshold: 1,
      };
      c.lifecycle = { preStop: { sleep: { seconds: 1 } } };
      pod.terminationGracePeriodSeconds = 10;
    }
    edit('k8s/base/board.yaml', doc);
  });
  editYamlFile(join(root, 'istio/destination-rules.yaml'), (doc: Doc) => {
    if (doc.metadata.name === 'board') {
      doc.spec.trafficPolicy.outlierDetection = {
        consecutive5xxErrors: 3,
        consecutiveGatewayErrors: 3,
        interval: '1s',
        baseEjectionTime: '2s',
        maxEjectionPercent: 50,
      };
    }
    edit('istio/destination-rules.yaml', doc);
  });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
