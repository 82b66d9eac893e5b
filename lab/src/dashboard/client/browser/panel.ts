/** One service's section of the dashboard: built once, then updated in place from the view and the history. */
import type { ServiceSample } from '../../../telemetry/types.js';
import { lineChart } from '../chart.js';
import type { ViewService } from '../model.js';
import { CHART_NAMES, serviceCharts } from '../series.js';
import { h, key, setText } from './dom.js';
import { updateEvents } from './events-list.js';
import { show, updateRows } from './rows.js';
import { page } from './state.js';

const POLICIES = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'LATENCY_AWARE'];
const AUTOSCALING = ['hpa', 'threshold', 'off'];

export interface Row {
  el: HTMLElement;
  cells: HTMLElement[];
}

export interface Panel {
  name: string;
  readOnly: boolean;
  section: HTMLElement;
  facts: HTMLElement;
  shadow: HTMLElement;
  rollout: HTMLElement;
  tiles: Record<'replicas' | 'cpu' | 'rps' | 'p99' | 'errors', HTMLElement>;
  charts: Record<string, HTMLElement>;
  tbody: HTMLTableSectionElement;
  rows: Map<string, Row>;
  events: HTMLOListElement;
  eventsKey: string;
  status: HTMLElement;
  policy: HTMLSelectElement | null;
  autoscaling: HTMLSelectElement | null;
}

export const panels = new Map<string, Panel>();

function tile(label: string): { box: HTMLElement; value: HTMLElement } {
  const value = h('dd', {}, '–');
  return { box: h('div', { class: 'tile' }, h('dt', {}, label), value), value };
}

function selectOf(id: string, options: string[], labelText: string): { label: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id, name: id }, ...options.map((o) => h('option', { value: o }, o)));
  return { label: h('label', { for: id }, labelText), select };
}

export function createPanel(service: ViewService, readOnly: boolean): Panel {
  const k = key(service.name);
  const heading = h('h2', { id: `svc-${k}-heading` }, service.name);
  const facts = h('p', { class: 'facts' });
  const shadow = h('p', { class: 'shadow', hidden: true });
  const rollout = h('p', { class: 'rollout', hidden: true });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

  let policy: HTMLSelectElement | null = null;
  let autoscaling: HTMLSelectElement | null = null;
  const controls = h('div', { class: 'service-controls' });
  if (!readOnly) {
    const p = selectOf(`svc-${k}-policy`, POLICIES, 'Balancing policy');
    policy = p.select;
    const a = selectOf(`svc-${k}-autoscaling`, AUTOSCALING, 'Autoscaler');
    autoscaling = a.select;
    const version = h('input', { id: `svc-${k}-version`, name: 'version', type: 'text', size: 8, placeholder: 'next' });
    const broken = h('input', { id: `svc-${k}-broken`, name: 'broken', type: 'checkbox' });
    controls.append(
      h(
        'form',
        { class: 'control', 'data-form': 'policy', 'data-service': service.name },
        p.label,
        p.select,
        h('button', { type: 'submit' }, 'Apply'),
      ),
      h(
        'form',
        { class: 'control', 'data-form': 'autoscaling', 'data-service': service.name },
        a.label,
        a.select,
        h('button', { type: 'submit' }, 'Apply'),
      ),
      h(
        'form',
        { class: 'control', 'data-form': 'rollout', 'data-service': service.name },
        h('label', { for: `svc-${k}-version` }, 'Version'),
        version,
        h('span', { class: 'check' }, broken, h('label', { for: `svc-${k}-broken` }, 'never ready (tests rollback)')),
        h('button', { type: 'submit' }, 'Start rollout'),
      ),
    );
  }

  const t = {
    replicas: tile('Replicas ready / desired'),
    cpu: tile('CPU / target'),
    rps: tile('Requests'),
    p99: tile('p99 latency'),
    errors: tile('Errors'),
  };
  const charts: Record<string, HTMLElement> = {};
  const chartBox = h('div', { class: 'charts' });
  for (const name of CHART_NAMES) {
    charts[name] = h('figure', { class: 'chart-box', 'data-chart': name });
    chartBox.append(charts[name] as HTMLElement);
  }

  const columns = readOnly
    ? ['Pod', 'Version', 'Phase', 'Ready', 'CPU used / request']
    : ['Replica', 'Version', 'Phase', 'Ready', 'Restarts', 'In flight', 'EWMA latency', 'Ejected', 'Actions'];
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'replicas' },
    h('caption', {}, `${readOnly ? 'Pods' : 'Replicas'} of ${service.name}`),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );
  const events = h('ol', { class: 'events', 'aria-label': `Recent scaling events of ${service.name}` });

  const section = h(
    'section',
    { class: 'service', 'aria-labelledby': heading.id, 'data-service': service.name },
    h('header', { class: 'service-head' }, h('div', {}, heading, facts, shadow, rollout), controls),
    status,
    h('dl', { class: 'tiles' }, t.replicas.box, t.cpu.box, t.rps.box, t.p99.box, t.errors.box),
    chartBox,
    h(
      'div',
      { class: 'lists' },
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'events-wrap' }, h('h3', {}, 'Recent scaling events'), events),
    ),
  );
  return {
    name: service.name,
    readOnly,
    section,
    facts,
    shadow,
    rollout,
    tiles: {
      replicas: t.replicas.value,
      cpu: t.cpu.value,
      rps: t.rps.value,
      p99: t.p99.value,
      errors: t.errors.value,
    },
    charts,
    tbody,
    rows: new Map(),
    events,
    eventsKey: '-',
    status,
    policy,
    autoscaling,
  };
}

export function updatePanel(panel: Panel, service: ViewService): void {
  const samples: ServiceSample[] = page.history.samples.get(service.name) ?? [];
  const last = samples.at(-1);

  const facts = [
    service.policy ? `balancing ${service.policy}` : null,
    service.autoscaling ? `autoscaler ${service.autoscaling}` : null,
    service.minReplicas !== null ? `${service.minReplicas}–${service.maxReplicas ?? '?'} replicas` : null,
    service.targetUtilization !== null ? `CPU target ${service.targetUtilization}%` : null,
  ].filter(Boolean);
  setText(panel.facts, facts.join(' · '));
  panel.shadow.hidden = service.shadow === null;
  if (service.shadow) {
    const s = service.shadow;
    setText(
      panel.shadow,
      `Cluster HPA wants ${show(s.clusterDesired)}, this implementation (shadow) ${show(s.shadowDesired)}: ${s.verdict}.${s.reason ? ` ${s.reason}` : ''}`,
    );
  }
  panel.rollout.hidden = service.rollout === null;
  if (service.rollout) setText(panel.rollout, service.rollout);
  if (panel.policy && service.policy && !isFocused(panel.policy)) panel.policy.value = service.policy;
  if (panel.autoscaling && service.autoscaling && !isFocused(panel.autoscaling)) {
    panel.autoscaling.value = service.autoscaling;
  }

  setText(panel.tiles.replicas, `${show(last?.ready ?? service.ready)} / ${show(last?.desired ?? service.desired)}`);
  const cpu = last?.cpuUtilization ?? service.cpuUtilization;
  const target = last?.targetUtilization ?? service.targetUtilization;
  setText(panel.tiles.cpu, `${show(cpu, '%')} / ${show(target, '%')}`);
  setText(panel.tiles.rps, last ? `${show(last.rps)} req/s` : '–');
  setText(panel.tiles.p99, last?.latency ? `${show(last.latency.p99)} ms` : '–');
  setText(panel.tiles.errors, last ? `${show(last.errors)}/s` : '–');

  const to = page.history.latest || Date.now();
  // Until the window fills, the charts start with the first sample (a minute at least).
  const first = samples[0]?.t ?? to;
  const from = Math.max(to - page.windowMs, Math.min(first, to - 60_000));
  const charts = serviceCharts(samples, {
    idPrefix: `svc-${key(service.name)}`,
    from,
    to,
    timeLabels: 'clock',
    maxReplicas: service.maxReplicas ?? undefined,
  });
  const shadow = page.history.shadow.get(service.name);
  if (shadow) {
    charts.replicas.series.push({
      name: 'shadow',
      tone: 3,
      step: true,
      dashed: true,
      points: shadow.map((p) => ({ t: p.t, v: p.shadowDesired })),
    });
  }
  for (const name of CHART_NAMES) (panel.charts[name] as HTMLElement).innerHTML = lineChart(charts[name]);

  updateRows(panel, service.replicas);
  updateEvents(panel, page.history.events);
}

function isFocused(el: HTMLElement): boolean {
  return document.activeElement === el;
}
