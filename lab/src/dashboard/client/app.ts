/**
 * The lab dashboard in the browser: polls `GET /lab/api/state` and `GET /lab/api/history?since=`
 * every second, draws each service's charts, replica list and scaling events, and sends the
 * controls' requests to the lab API. Sections and rows are built once and updated in place, so
 * keyboard focus, open selects and open details survive the updates.
 */
import type { LabHistory, LoadResult, ScalingEvent, ServiceSample } from '../../telemetry/types.js';
import { clockTime, formatNumber, lineChart } from './chart.js';
import { byId, type DomEvent, doc, type El, h, setText } from './dom.js';
import { HistoryBuffer, type View, type ViewReplica, type ViewService, viewOf } from './model.js';
import { CHART_NAMES, serviceCharts } from './series.js';

const POLL_MS = 1000;
const KEEP_MS = 60 * 60 * 1000;
const POLICIES = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'LATENCY_AWARE'];
const AUTOSCALING = ['hpa', 'threshold', 'off'];
const FAULTS = ['none', 'slow', 'error', 'hang', 'unready'];

const history = new HistoryBuffer(KEEP_MS);
let view: View | null = null;
let windowMs = 15 * 60 * 1000;
let requestedLevel: number | null = null;
let historyProblem: string | null = null;
/** `GET /lab/api/load` (a LoadLevelStatus), when the lab serves it. */
let loadStatus: LoadStatus | null = null;

interface LoadStatus {
  level?: number;
  rate?: number;
  progress?: { line?: string } | null;
  lastResult?: LoadResult | null;
  error?: string | null;
}
let polling = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/** A safe piece of an element id. */
const key = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
const show = (v: number | null | undefined, suffix = '') =>
  v === null || v === undefined ? '–' : `${formatNumber(v)}${suffix}`;

// ---------------------------------------------------------------------------------------------
// Talking to the lab

const TOKEN_KEY = 'carebridge-lab-token';
const controlToken = takeToken();

/**
 * The lab's control token, from the link its start-up banner prints (`/lab#token=…`: a fragment is
 * never sent to a server nor in a Referer), kept for this tab and taken out of the address bar.
 */
function takeToken(): string | null {
  const win = globalThis as unknown as {
    location: { hash: string; pathname: string; search: string };
    sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
    history: { replaceState(data: null, unused: string, url: string): void };
  };
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    win.sessionStorage.setItem(TOKEN_KEY, match[1]);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path.split('?')[0]} answered ${res.status}${await problemText(res)}`);
  return res.json();
}

async function problemText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { detail?: unknown; title?: unknown; error?: unknown; message?: unknown };
    const text = body.detail ?? body.error ?? body.message ?? body.title;
    return typeof text === 'string' && text ? `: ${text}` : '';
  } catch {
    return '';
  }
}

interface Outcome {
  ok: boolean;
  text: string;
  body: unknown;
}

async function post(path: string, body: unknown): Promise<Outcome> {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(controlToken ? { authorization: `Bearer ${controlToken}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (res.status === 401)
      return { ok: false, text: '401: open the dashboard with the link the lab printed at start-up', body: null };
    if (!res.ok) return { ok: false, text: `${res.status}${await problemText(res)}`, body: null };
    let answer: unknown = null;
    try {
      answer = await res.json();
    } catch {
      answer = null;
    }
    return { ok: true, text: String(res.status), body: answer };
  } catch (error) {
    return { ok: false, text: `the lab did not answer (${(error as Error).message})`, body: null };
  }
}

/**
 * Runs an action from a control: marks it busy meanwhile (aria-disabled, not disabled, which would
 * throw a keyboard user's focus to the top of the page), reports in `status`, refreshes after.
 */
async function act(control: El, status: El, label: string, path: string, body: unknown): Promise<Outcome | null> {
  if (control.getAttribute('aria-busy') === 'true') return null;
  control.setAttribute('aria-busy', 'true');
  control.setAttribute('aria-disabled', 'true');
  setText(status, `${label}…`);
  status.className = 'status pending';
  const outcome = await post(path, body);
  control.removeAttribute('aria-busy');
  control.removeAttribute('aria-disabled');
  status.className = `status ${outcome.ok ? 'ok' : 'failed'}`;
  setText(status, outcome.ok ? `✓ ${label}: done (${outcome.text}).` : `✗ ${label} failed: ${outcome.text}.`);
  void refresh();
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// One service's section

interface Row {
  el: El;
  cells: El[];
}

interface Panel {
  name: string;
  readOnly: boolean;
  section: El;
  facts: El;
  shadow: El;
  rollout: El;
  tiles: Record<'replicas' | 'cpu' | 'rps' | 'p99' | 'errors', El>;
  charts: Record<string, El>;
  tbody: El;
  rows: Map<string, Row>;
  events: El;
  eventsKey: string;
  status: El;
  policy: El | null;
  autoscaling: El | null;
}

const panels = new Map<string, Panel>();

function tile(label: string): { box: El; value: El } {
  const value = h('dd', {}, '–');
  return { box: h('div', { class: 'tile' }, h('dt', {}, label), value), value };
}

function selectOf(id: string, options: string[], labelText: string): { label: El; select: El } {
  const select = h('select', { id, name: id }, ...options.map((o) => h('option', { value: o }, o)));
  return { label: h('label', { for: id }, labelText), select };
}

function createPanel(service: ViewService, readOnly: boolean): Panel {
  const k = key(service.name);
  const heading = h('h2', { id: `svc-${k}-heading` }, service.name);
  const facts = h('p', { class: 'facts' });
  const shadow = h('p', { class: 'shadow', hidden: true });
  const rollout = h('p', { class: 'rollout', hidden: true });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

  let policy: El | null = null;
  let autoscaling: El | null = null;
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
  const charts: Record<string, El> = {};
  const chartBox = h('div', { class: 'charts' });
  for (const name of CHART_NAMES) {
    charts[name] = h('figure', { class: 'chart-box', 'data-chart': name });
    chartBox.append(charts[name] as El);
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

function updateRows(panel: Panel, replicas: ViewReplica[]): void {
  const seen = new Set<string>();
  let previous: El | null = null;
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
    for (const [i, text] of values.entries()) setText(row.cells[i] as El, text);
    row.el.className = `phase-${key(replica.phase).toLowerCase()}${replica.ready ? ' is-ready' : ''}${replica.ejected ? ' is-ejected' : ''}`;
  }
  for (const [id, row] of panel.rows) {
    if (seen.has(id)) continue;
    row.el.remove();
    panel.rows.delete(id);
  }
}

/** The element after `el` among its siblings (insertBefore(x, null) appends). */
function nextOf(el: El): El | null {
  return (el as unknown as { nextElementSibling: El | null }).nextElementSibling;
}

function updateEvents(panel: Panel, events: ScalingEvent[]): void {
  const recent = events
    .filter((e) => e.service === panel.name)
    .slice(-12)
    .reverse();
  const stamp = recent.map((e) => `${e.t}:${e.to}`).join(',');
  if (stamp === panel.eventsKey) return;
  panel.eventsKey = stamp;
  if (recent.length === 0) {
    panel.events.replaceChildren(h('li', { class: 'muted' }, 'No scaling decisions yet.'));
    return;
  }
  panel.events.replaceChildren(
    ...recent.map((e) =>
      h(
        'li',
        {},
        h('time', { datetime: new Date(e.t).toISOString() }, clockTime(e.t)),
        ' ',
        h('span', { class: `badge source-${key(e.source)}` }, e.source),
        ' ',
        h('strong', {}, `${e.from} → ${e.to}`),
        ' ',
        h('span', { class: 'reason' }, e.reason),
        h('details', {}, h('summary', {}, 'Inputs'), h('pre', {}, JSON.stringify(e.details ?? {}, null, 2))),
      ),
    ),
  );
}

function updatePanel(panel: Panel, service: ViewService): void {
  const samples: ServiceSample[] = history.samples.get(service.name) ?? [];
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

  const to = history.latest || Date.now();
  // Until the window fills, the charts start with the first sample (a minute at least).
  const first = samples[0]?.t ?? to;
  const from = Math.max(to - windowMs, Math.min(first, to - 60_000));
  const charts = serviceCharts(samples, {
    idPrefix: `svc-${key(service.name)}`,
    from,
    to,
    timeLabels: 'clock',
    ...(service.maxReplicas !== null ? { maxReplicas: service.maxReplicas } : {}),
  });
  const shadow = history.shadow.get(service.name);
  if (shadow) {
    charts.replicas.series.push({
      name: 'shadow',
      tone: 3,
      step: true,
      dashed: true,
      points: shadow.map((p) => ({ t: p.t, v: p.shadowDesired })),
    });
  }
  for (const name of CHART_NAMES) (panel.charts[name] as El).innerHTML = lineChart(charts[name]);

  updateRows(panel, service.replicas);
  updateEvents(panel, history.events);
}

function isFocused(el: El): boolean {
  return (doc as unknown as { activeElement: El | null }).activeElement === el;
}

// ---------------------------------------------------------------------------------------------
// The page

function render(): void {
  if (!view) return;
  setText(byId('source'), view.source);
  byId('controls').hidden = view.readOnly;
  const notice = byId('notice');
  const notes = [...view.notes];
  if (historyProblem) notes.push(`Charts need the history: ${historyProblem}. They will appear once it answers.`);
  notice.hidden = notes.length === 0;
  setText(notice, notes.join(' '));

  const level = loadStatus?.level ?? view.load?.level ?? requestedLevel;
  for (const button of buttons('#load-levels button[data-level]')) {
    button.setAttribute('aria-pressed', String(Number(button.getAttribute('data-level')) === level));
  }
  setText(byId('load-progress'), loadText(level));

  const container = byId('services');
  const names = new Set(view.services.map((s) => s.name));
  for (const [name, panel] of panels) {
    if (names.has(name) && panel.readOnly === view.readOnly) continue;
    panel.section.remove();
    panels.delete(name);
  }
  let previous: El | null = null;
  for (const service of view.services) {
    let panel = panels.get(service.name);
    if (!panel) {
      panel = createPanel(service, view.readOnly);
      panels.set(service.name, panel);
      container.insertBefore(panel.section, previous ? nextOf(previous) : container.firstChild);
    }
    previous = panel.section;
    updatePanel(panel, service);
  }
  if (view.services.length === 0) setText(byId('connection'), 'Connected; no services are running.');
}

function loadText(level: number | null): string {
  if (!loadStatus) return level === null ? '' : `Level ${level} users.`;
  const parts: string[] = [];
  if (loadStatus.level && loadStatus.level > 0) {
    parts.push(`Running ${loadStatus.level} users (${show(loadStatus.rate ?? null)} req/s offered).`);
    if (loadStatus.progress?.line) parts.push(loadStatus.progress.line.trim());
  } else {
    parts.push('No load.');
  }
  const last = loadStatus.lastResult;
  if (last?.total) {
    parts.push(
      `Last run: ${last.total.requests} requests in ${Math.round(last.durationMs / 1000)} s, ${show(last.total.throughput)} req/s, p99 ${show(last.total.latency.p99)} ms, ${last.total.errors} errors.`,
    );
  }
  if (loadStatus.error) parts.push(`Error: ${loadStatus.error}`);
  return parts.join(' ');
}

function buttons(selector: string): El[] {
  const all = (doc as unknown as { querySelectorAll(s: string): ArrayLike<El> }).querySelectorAll(selector);
  return Array.from(all);
}

async function refresh(): Promise<void> {
  if (polling) return;
  polling = true;
  clearTimeout(timer);
  const connection = byId('connection');
  try {
    const since = history.latest || Date.now() - KEEP_MS;
    const [state, past, load] = await Promise.allSettled([
      getJson('/lab/api/state'),
      getJson(`/lab/api/history?since=${Math.floor(since)}`),
      view?.readOnly ? Promise.resolve(null) : getJson('/lab/api/load'),
    ]);
    loadStatus =
      load.status === 'fulfilled' && load.value && typeof load.value === 'object' ? (load.value as LoadStatus) : null;
    if (past.status === 'fulfilled') {
      history.add(past.value as LabHistory);
      historyProblem = null;
    } else {
      historyProblem = (past.reason as Error).message;
    }
    if (state.status === 'fulfilled') {
      view = viewOf(state.value);
      connection.className = 'connection live';
      setText(connection, `Live · updated ${clockTime(Date.now())}`);
    } else {
      connection.className = 'connection down';
      setText(connection, `Not answering (${(state.reason as Error).message}); retrying every second.`);
    }
    render();
  } catch (error) {
    connection.className = 'connection down';
    setText(connection, `Dashboard error: ${(error as Error).message}`);
  } finally {
    polling = false;
    timer = setTimeout(() => void refresh(), POLL_MS);
  }
}

function onClick(event: DomEvent): void {
  const button = event.target?.closest('button[data-action]');
  if (!button) return;
  const action = button.getAttribute('data-action');
  if (action === 'load') {
    setLevel(button, Number(button.getAttribute('data-level')));
    return;
  }
  const service = button.getAttribute('data-service') ?? '';
  const replica = button.getAttribute('data-replica') ?? '';
  const panel = panels.get(service);
  if (!panel) return;
  const base = `/lab/api/services/${encodeURIComponent(service)}/replicas/${encodeURIComponent(replica)}`;
  if (action === 'kill') void act(button, panel.status, `Kill ${replica}`, `${base}/kill`, {});
  if (action === 'fault') {
    const k = `${key(service)}-${key(replica)}`;
    const mode = byId(`fault-${k}`).value;
    const ms = Number(byId(`fault-ms-${k}`).value || 0);
    const body = mode === 'slow' || mode === 'hang' ? { mode, ms } : { mode };
    void act(button, panel.status, `Fault ${mode} on ${replica}`, `${base}/fault`, body);
  }
}

function onSubmit(event: DomEvent): void {
  const form = event.target?.closest('form[data-form]');
  if (!form) return;
  event.preventDefault();
  const kind = form.getAttribute('data-form');
  const submit = form.querySelector('button[type="submit"]') ?? form;
  if (kind === 'load') {
    setLevel(submit, Number(byId('load-users').value));
    return;
  }
  const service = form.getAttribute('data-service') ?? '';
  const panel = panels.get(service);
  if (!panel) return;
  const base = `/lab/api/services/${encodeURIComponent(service)}`;
  const k = key(service);
  if (kind === 'policy') {
    const policy = byId(`svc-${k}-policy`).value;
    void act(submit, panel.status, `Balancing policy ${policy}`, `${base}/policy`, { policy });
  } else if (kind === 'autoscaling') {
    const mode = byId(`svc-${k}-autoscaling`).value;
    void act(submit, panel.status, `Autoscaler ${mode}`, `${base}/autoscaler`, { mode });
  } else if (kind === 'rollout') {
    const version = byId(`svc-${k}-version`).value.trim();
    const broken = (byId(`svc-${k}-broken`) as El & { checked: boolean }).checked;
    void act(submit, panel.status, `Rollout of ${service}${version ? ` to ${version}` : ''}`, `${base}/rollout`, {
      ...(version ? { version } : {}),
      ...(broken ? { broken: true } : {}),
    });
  }
}

function setLevel(control: El, level: number): void {
  const status = byId('load-status');
  if (!Number.isInteger(level) || level < 0) {
    status.className = 'status failed';
    setText(status, '✗ The number of users must be a whole number, 0 or more.');
    return;
  }
  void act(control, status, level === 0 ? 'Stop the load' : `Load at ${level} users`, '/lab/api/load', { level }).then(
    (outcome) => {
      if (outcome?.ok) requestedLevel = level;
      render();
    },
  );
}

function start(): void {
  const services = byId('services');
  services.addEventListener('click', onClick);
  services.addEventListener('submit', onSubmit);
  const controls = byId('controls');
  controls.addEventListener('click', onClick);
  controls.addEventListener('submit', onSubmit);
  const select = byId('window');
  select.addEventListener('change', () => {
    windowMs = Number(select.value) || windowMs;
    render();
  });
  windowMs = Number(select.value) || windowMs;
  void refresh();
}

start();
