import { CHART_CSS } from './client/chart.js';

/** The dashboard's HTML: a static frame the module script fills in. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carebridge lab</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/lab/assets/style.css">
<script type="module" src="/lab/assets/browser/app.js"></script>
</head>
<body>
<a class="skip-link" href="#services">Skip to the services</a>
<header class="top">
  <div>
    <h1>Carebridge lab</h1>
    <p id="source" class="muted">Connecting…</p>
  </div>
  <p id="connection" class="connection" role="status" aria-live="polite">Connecting…</p>
</header>
<main>
  <section id="controls" class="panel" aria-labelledby="load-heading">
    <h2 id="load-heading">Load</h2>
    <p id="load-hint" class="muted">Open loop with the Carebridge mix (board browsing, hospital search, insider writes): each virtual user sends one request per second.</p>
    <div class="load-row">
      <div id="load-levels" class="levels" role="group" aria-labelledby="load-heading" aria-describedby="load-hint">
        <button type="button" data-action="load" data-level="0" aria-pressed="false">Stop (0)</button>
        <button type="button" data-action="load" data-level="50" aria-pressed="false">50 users</button>
        <button type="button" data-action="load" data-level="150" aria-pressed="false">150 users</button>
        <button type="button" data-action="load" data-level="300" aria-pressed="false">300 users</button>
      </div>
      <form id="load-form" class="control" data-form="load">
        <label for="load-users">Other level</label>
        <input id="load-users" name="users" type="number" min="0" max="5000" step="10" inputmode="numeric" size="6">
        <button type="submit">Apply</button>
      </form>
      <div class="control">
        <label for="window">Charts show the last</label>
        <select id="window">
          <option value="300000">5 minutes</option>
          <option value="900000" selected>15 minutes</option>
          <option value="1800000">30 minutes</option>
          <option value="3600000">60 minutes</option>
        </select>
      </div>
    </div>
    <p id="load-status" class="status" role="status" aria-live="polite"></p>
    <p id="load-progress" class="muted"></p>
  </section>
  <p id="notice" class="notice" role="status" hidden></p>
  <div id="services" tabindex="-1"></div>
  <noscript><p class="notice">The dashboard needs JavaScript. The raw data: <a href="/lab/api/state">/lab/api/state</a>.</p></noscript>
</main>
<footer class="muted">Data: <a href="/lab/api/state">/lab/api/state</a> · <a href="/lab/api/history">/lab/api/history</a> · <a href="/lab/metrics">/lab/metrics</a></footer>
</body>
</html>
`;

export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --bg: #f5f7fa; --card: #fff;
  --accent: #1f6feb; --ok: #2b8a3e; --bad: #c92a2a; --warn: #e8590c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
.skip-link { position: absolute; left: -9999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
.skip-link:focus { left: 8px; top: 8px; }
:focus-visible { outline: 3px solid #f59f00; outline-offset: 2px; }
.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; padding: 12px 24px; background: var(--card); border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 17px; margin: 0 0 4px; }
h3 { font-size: 14px; margin: 0 0 6px; }
.muted { color: var(--muted); margin: 2px 0; }
main { padding: 16px 24px; max-width: 1680px; margin: 0 auto; }
footer { padding: 8px 24px 24px; }
.panel, .service { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
.load-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 24px; }
.levels { display: flex; gap: 6px; }
button, select, input { font: inherit; }
button { border: 1px solid #9aa5b1; background: #fff; color: var(--ink); border-radius: 6px; padding: 4px 10px; cursor: pointer; min-height: 30px; }
button:hover { background: #eef2f7; }
button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { border-color: var(--bad); color: var(--bad); }
button.danger:hover { background: #fff5f5; }
button[aria-busy="true"] { opacity: 0.6; cursor: progress; }
select, input[type="number"], input[type="text"] { border: 1px solid #9aa5b1; border-radius: 6px; padding: 3px 6px; min-height: 30px; background: #fff; }
.control { display: inline-flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 0; }
.check { display: inline-flex; align-items: center; gap: 4px; color: var(--muted); }
.status { margin: 6px 0 0; }
.status:empty { margin: 0; }
.status.ok { color: var(--ok); }
.status.failed { color: var(--bad); font-weight: 600; }
.status.pending { color: var(--muted); }
.connection { margin: 0; padding: 4px 10px; border-radius: 999px; background: #eef2f7; }
.connection.live { background: #ebfbee; color: #1b5e20; }
.connection.down { background: #fff5f5; color: var(--bad); font-weight: 600; }
.notice { background: #fff9db; border: 1px solid #f2d675; border-radius: 8px; padding: 8px 12px; }
.service-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 8px 24px; }
.service-controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.facts, .shadow, .rollout { margin: 2px 0; color: var(--muted); }
.shadow { color: #5f3dc4; }
.rollout { color: var(--warn); font-weight: 600; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; margin: 12px 0; }
.tile { background: var(--bg); border-radius: 6px; padding: 6px 10px; }
.tile dt { color: var(--muted); font-size: 12px; }
.tile dd { margin: 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 10px; }
.chart-box { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; background: #fff; }
.lists { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; margin-top: 14px; }
@media (min-width: 1560px) { .lists { grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); } }
.table-wrap { overflow-x: auto; }
table.replicas { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.replicas caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
table.replicas th, table.replicas td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.replicas thead th { color: var(--muted); font-weight: 600; font-size: 12px; }
table.replicas tbody th { font-weight: 500; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
table.replicas tr.is-ejected td, table.replicas tr.phase-crashloopbackoff td { color: var(--bad); }
table.replicas tr.phase-starting td, table.replicas tr.phase-terminating td { color: var(--warn); }
td.actions { display: flex; gap: 4px; align-items: center; }
td.actions input { width: 5.5em; }
td.actions select { min-width: 6.5em; }
.events { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow-y: auto; }
.events li { padding: 4px 0; border-bottom: 1px solid var(--line); }
.events time { font-variant-numeric: tabular-nums; color: var(--muted); }
.events details { margin-top: 2px; }
.events pre { margin: 4px 0; padding: 6px; background: var(--bg); border-radius: 4px; font-size: 11px; white-space: pre-wrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; background: #e7f5ff; font-size: 12px; }
.badge.source-threshold { background: #f3f0ff; }
.badge.source-rollout { background: #fff4e6; }
.badge.source-manual { background: #f1f3f5; }
${CHART_CSS}`;
