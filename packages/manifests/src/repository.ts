import {
  attributeSources,
  checkImages,
  checkKeepAliveAgainstCode,
  checkPeerUrlsAgainstCode,
  checkProbesAgainstCode,
} from './code-checks.js';
import { asResources, type Resource, readYamlTree, renderKustomization } from './documents.js';
import { CLUSTER_CHECKS } from './policies.js';
import { formatProblem, type ManifestProblem } from './problem.js';
import { checkSchema } from './schema-check.js';

/** Folders of manifests, each read file by file. */
export const MANIFEST_TREES = ['k8s', 'istio', 'metallb'];
/** What operators apply with `kubectl apply -k`, rendered as they would be. */
export const APPLIED = ['k8s/overlays/bare-metal', 'istio', 'metallb'];

export interface ManifestReport {
  /** Every object as applied, attributed to the file that defines it. */
  applied: Resource[];
  problems: ManifestProblem[];
}

/** What `kubectl apply -k` would apply, each object attributed to its file (no checks). */
export function loadApplied(root: string): Resource[] {
  const sources = asResources(MANIFEST_TREES.flatMap((dir) => readYamlTree(root, dir)));
  return attributeSources(asResources(APPLIED.flatMap((dir) => renderKustomization(root, dir))), sources);
}

/** Schema and policy checks of every manifest file and of what `kubectl apply -k` would apply. */
export async function checkManifests(root: string): Promise<ManifestReport> {
  const sources = asResources(MANIFEST_TREES.flatMap((dir) => readYamlTree(root, dir)));
  const applied = loadApplied(root);
  const problems: ManifestProblem[] = [];
  for (const resource of [...sources, ...applied]) problems.push(...(await checkSchema(resource)));
  for (const check of Object.values(CLUSTER_CHECKS)) problems.push(...check(applied));
  return { applied, problems: unique(problems) };
}

/** The images and the code agree with the manifests. */
export function checkCode(root: string, applied: Resource[]): ManifestProblem[] {
  return unique([
    ...checkImages(root, applied),
    ...checkProbesAgainstCode(root, applied),
    ...checkPeerUrlsAgainstCode(root, applied),
    ...checkKeepAliveAgainstCode(root, applied),
  ]);
}

function unique(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
