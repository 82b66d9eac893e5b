/**
 * The lab dashboard in the browser: polls `GET /lab/api/state` and `GET /lab/api/history?since=`
 * every second and draws each service's section (`panel.ts`); the controls (`controls.ts`) send
 * their requests to the lab API (`api.ts`). Sections and rows are built once and updated in place, so
 * keyboard focus, open selects and open details survive the updates.
 */
import type { LabHistory } from '../../../telemetry/types.js';
import { clockTime } from '../chart.js';
import { viewOf } from '../model.js';
import { getJson } from './api.js';
import { onClick, onSubmit } from './controls.js';
import { byId, setText } from './dom.js';
import { createPanel, panels, updatePanel } from './panel.js';
import { nextOf, show } from './rows.js';
import { KEEP_MS, type LoadStatus, page } from './state.js';

const POLL_MS = 1000;
let polling = false;
let timer: ReturnType<typeof setTimeout> | undefined;

function render(): void {
  const view = page.view;
  if (!view) return;
  setText(byId('source'), view.source);
  byId('controls').hidden = view.readOnly;
  const notice = byId('notice');
  const notes = [...view.notes];
  if (page.historyProblem)
    notes.push(`Charts need the history: ${page.historyProblem}. They will appear once it answers.`);
  notice.hidden = notes.length === 0;
  setText(notice, notes.join(' '));

  const level = page.loadStatus?.level ?? view.load?.level ?? page.requestedLevel;
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
  let previous: HTMLElement | null = null;
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
  const loadStatus = page.loadStatus;
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

function buttons(selector: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(selector));
}

async function refresh(): Promise<void> {
  if (polling) return;
  polling = true;
  clearTimeout(timer);
  const connection = byId('connection');
  try {
    const since = page.history.latest || Date.now() - KEEP_MS;
    const [state, past, load] = await Promise.allSettled([
      getJson('/lab/api/state'),
      getJson(`/lab/api/history?since=${Math.floor(since)}`),
      page.view?.readOnly ? Promise.resolve(null) : getJson('/lab/api/load'),
    ]);
    page.loadStatus =
      load.status === 'fulfilled' && load.value && typeof load.value === 'object' ? (load.value as LoadStatus) : null;
    if (past.status === 'fulfilled') {
      page.history.add(past.value as LabHistory);
      page.historyProblem = null;
    } else {
      page.historyProblem = (past.reason as Error).message;
    }
    if (state.status === 'fulfilled') {
      page.view = viewOf(state.value);
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

function start(): void {
  const services = byId('services');
  services.addEventListener('click', onClick);
  services.addEventListener('submit', onSubmit);
  const controls = byId('controls');
  controls.addEventListener('click', onClick);
  controls.addEventListener('submit', onSubmit);
  const select = byId<HTMLSelectElement>('window');
  select.addEventListener('change', () => {
    page.windowMs = Number(select.value) || page.windowMs;
    render();
  });
  page.windowMs = Number(select.value) || page.windowMs;
  void refresh();
}

page.render = render;
page.refresh = refresh;
start();
