/** Something wrong with a manifest, located well enough to fix: file, object and field. */
export interface ManifestProblem {
  source: string;
  kind: string;
  name: string;
  /** Dotted path of the field, e.g. `spec.template.spec.containers[0].image`; empty for the whole object. */
  field: string;
  message: string;
}

export function formatProblem(p: ManifestProblem): string {
  return `${p.source}: ${p.kind} ${p.name}${p.field ? ` at ${p.field}` : ''}: ${p.message}`;
}
