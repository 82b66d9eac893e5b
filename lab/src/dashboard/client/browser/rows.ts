/** The replica (or pod) table of a service's section, updated row by row. */

import { formatNumber } from '../chart.js';
import type { ViewReplica } from '../model.js';
import { h, key, setText } from './dom.js';
import type { Panel, Row } from './panel.js';

const FAULTS = ['none', 'slow', 'error', 'hang', 'unready'];

export const show = (v: number | null | undefined, suffix = '') =>
  v === null || v === undefined ? '–' : `${formatNumber(v)}${suffix}`;

function replicaRow(panel: Panel, replica: ViewReplica): Row {
  const cellCount = panel.readOnly ? 5 : 8;
  const cells = Array.from({ length: cellCount }, (_, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}));
  const el = h('tr', { 'data-replica': replica.id }, ...cells);
  if (!panel.readOnly) {
    const k = `${key(panel.name)}-${key(replica.id)}`;
    const mode = h(
      'select',
      { id: `fault-${k}`, 'aria-label': `Fault for ${replica.id}` },
      ...FAULTS.map((f) => h('option', { value: f }, f)),
    );
    const ms = h('input', {
      id: `fault-ms-${k}`,
      type: 'number',
      min: 0,
      step: 100,
      value: 500,
      size: 5,
      'aria-label': `Delay in ms for ${replica.id} (slow, hang)`,
    });
    el.append(
      h(
        'td',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-action': 'kill',
            'data-service': panel.name,
            'data-replica': replica.id,
            'aria-label': `Kill ${replica.id}`,
          },
          'Kill',
        ),
        mode,
        ms,
        h(
          'button',
          {
            type: 'button',
            'data-action': 'fault',
            'data-service': panel.name,
            'data-replica': replica.id,
            'aria-label': `Inject fault into ${replica.id}`,
          },
          'Inject',
        ),
      ),
    );
  }
  return { el, cells };
}

export function updateRows(panel: Panel, replicas: ViewReplica[]): void {
  const seen = new Set<string>();
  let previous: HTMLElement | null = null;
  for (const replica of replicas) {
    seen.add(replica.id);
    let row = panel.rows.get(replica.id);
    if (!row) {
      row = replicaRow(panel, replica);
      panel.rows.set(replica.id, row);
      panel.tbody.insertBefore(row.el, previous ? nextOf(previous) : panel.tbody.firstChild);
    }
    previous = row.el;
    const values = panel.readOnly
      ? [replica.id, replica.version ?? '–', replica.phase, replica.ready ? 'yes' : 'no', replica.cpu ?? '–']
      : [
          replica.id,
          replica.version ?? '–',
          replica.phase,
          replica.ready ? 'yes' : 'no',
          show(replica.restarts),
          show(replica.inFlight),
          show(replica.latencyMs, ' ms'),
          replica.ejected === null ? '–' : replica.ejected ? 'ejected' : 'no',
        ];
    for (const [i, text] of values.entries()) setText(row.cells[i] as HTMLElement, text);
    row.el.className = `phase-${key(replica.phase).toLowerCase()}${replica.ready ? ' is-ready' : ''}${replica.ejected ? ' is-ejected' : ''}`;
  }
  for (const [id, row] of panel.rows) {
    if (seen.has(id)) continue;
    row.el.remove();
    panel.rows.delete(id);
  }
}

/** The element after `el` among its siblings (insertBefore(x, null) appends). */
export function nextOf(el: HTMLElement): HTMLElement | null {
  return el.nextElementSibling as HTMLElement | null;
}
