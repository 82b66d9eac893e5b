import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/** One YAML document and where it came from. */
export interface ManifestDocument {
  /** Repository-relative file, or `<dir> (rendered)` for kustomize output. */
  source: string;
  /** Position of the document within its file. */
  index: number;
  object: Record<string, unknown>;
}

export interface Resource extends ManifestDocument {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
}

export class ManifestError extends Error {}

export function parseYaml(text: string, source: string): ManifestDocument[] {
  return parseAllDocuments(text).flatMap((doc, index) => {
    if (doc.errors.length > 0) throw new ManifestError(`${source}: ${doc.errors[0]?.message}`);
    const object = doc.toJS() as unknown;
    if (object === null || object === undefined) return [];
    if (typeof object !== 'object' || Array.isArray(object)) {
      throw new ManifestError(`${source} (document ${index + 1}): not a YAML mapping`);
    }
    return [{ source, index, object: object as Record<string, unknown> }];
  });
}

/**
 * Folders of install configuration for other tools, not objects for the API server: `istio/install`
 * is istioctl's input, checked by istioctl itself in the cluster tests.
 */
const NOT_API_OBJECTS = new Set(['istio/install']);

/** Every YAML document of every `.yaml`/`.yml` file below `dir`. */
export function readYamlTree(root: string, dir: string): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      if (NOT_API_OBJECTS.has(relative(root, full))) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry)) out.push(...parseYaml(readFileSync(full, 'utf8'), relative(root, full)));
    }
  };
  walk(join(root, dir));
  return out;
}

/** `kubectl kustomize DIR`: the objects an operator's `kubectl apply -k DIR` would send. */
export function renderKustomization(root: string, dir: string): ManifestDocument[] {
  const result = spawnSync('kubectl', ['kustomize', join(root, dir)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new ManifestError(`kubectl is needed to render ${dir}: ${result.error.message}`);
  if (result.status !== 0) throw new ManifestError(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseYaml(result.stdout, `${dir} (rendered)`);
}

export function isKustomization(doc: ManifestDocument): boolean {
  return doc.object.kind === 'Kustomization' || doc.source.endsWith('kustomization.yaml');
}

/** Documents that are Kubernetes objects, with their identity pulled out. */
export function asResources(docs: ManifestDocument[]): Resource[] {
  return docs
    .filter((doc) => !isKustomization(doc) && !doc.source.includes('/dashboards/'))
    .map((doc) => {
      const metadata = (doc.object.metadata ?? {}) as { name?: string; namespace?: string };
      return {
        ...doc,
        apiVersion: String(doc.object.apiVersion ?? ''),
        kind: String(doc.object.kind ?? ''),
        name: String(metadata.name ?? ''),
        namespace: metadata.namespace,
      };
    });
}

export function describe(resource: Pick<Resource, 'kind' | 'name' | 'source'>): string {
  return `${resource.source}: ${resource.kind} ${resource.name}`;
}

/** Rewrites a YAML file document by document (tests derive manifest sets with other timings). */
export function editYamlFile(path: string, edit: (object: Record<string, unknown>) => void): void {
  const docs = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Record<string, unknown> | null);
  for (const doc of docs) if (doc) edit(doc);
  writeFileSync(
    path,
    docs
      .filter(Boolean)
      .map((d) => stringify(d))
      .join('---\n'),
  );
}
