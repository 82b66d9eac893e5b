/**
 * A Kubernetes label selector in its string form (`labelSelector=` of a list request): `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by commas. Throws on what it cannot read.
 */
export type LabelSelector = (labels: Readonly<Record<string, string>>) => boolean;

export function parseLabelSelector(text: string): LabelSelector {
  const tests: LabelSelector[] = [];
  // Commas inside `( … )` belong to a set.
  const parts = text.match(/[^,(]+(\([^)]*\))?[^,]*/g) ?? [];
  for (const raw of parts.map((p) => p.trim()).filter(Boolean)) {
    let m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(raw);
    if (m) {
      const [, k, op, v] = m as unknown as [string, string, string, string];
      tests.push(op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v);
      continue;
    }
    m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(raw);
    if (m) {
      const [, k, op, list] = m as unknown as [string, string, string, string];
      const values = new Set(list.split(',').map((v) => v.trim()));
      tests.push(
        op === 'in' ? (l) => l[k] !== undefined && values.has(l[k]) : (l) => l[k] === undefined || !values.has(l[k]),
      );
      continue;
    }
    m = /^(!?)([\w./-]+)$/.exec(raw);
    if (m) {
      const [, not, k] = m as unknown as [string, string, string];
      tests.push(not ? (l) => l[k] === undefined : (l) => l[k] !== undefined);
      continue;
    }
    throw new Error(`unable to parse requirement: ${raw}`);
  }
  return (labels) => tests.every((t) => t(labels));
}
