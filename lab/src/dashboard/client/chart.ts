/**
 * Line charts drawn as SVG strings, shared by the dashboard (in the browser) and the experiment
 * report (in Node). No dependencies and no DOM: plain functions from numbers to markup. Colours come
 * from classes (`tone-0` … `tone-5`) styled by {@link CHART_CSS}; no inline styles, so the dashboard's
 * Content-Security-Policy holds. Each series is exactly one `<path data-series="…">`; gaps (missing
 * values, or a pause in the samples) are moves inside that path.
 */

export interface Point {
  /** Epoch milliseconds. */
  t: number;
  v: number | null;
}

export interface Series {
  name: string;
  points: Point[];
  /** Colour index 0–5. */
  tone: number;
  dashed?: boolean;
  /** Draw as steps (counts such as replicas), not slopes. */
  step?: boolean;
}

export interface Marker {
  t: number;
  label: string;
  kind?: 'load' | 'event';
}

export interface ChartSpec {
  /** Unique in the page; used for the accessible title's id. */
  id: string;
  title: string;
  /** Unit shown with values: `%`, `req/s`, `ms`, … */
  unit: string;
  series: Series[];
  /** Time range shown (epoch ms). */
  from: number;
  to: number;
  /** How times are labelled: `clock` (local HH:MM:SS) or `elapsed` since `from` (m:ss). */
  timeLabels?: 'clock' | 'elapsed';
  /** The y axis reaches at least this high (e.g. maxReplicas, or 100 % for CPU). */
  yAtLeast?: number;
  /** Whole-number axis (counts). */
  integer?: boolean;
  markers?: Marker[];
  /** A pause in the samples longer than this breaks the line (default 5 s). */
  gapMs?: number;
  width?: number;
  height?: number;
}

const MARGIN = { top: 30, right: 14, bottom: 24, left: 46 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rounds for display: 1234 → "1234", 12.345 → "12.3", 0.1234 → "0.12". */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 100 || Number.isInteger(v)) return Math.round(v).toString();
  if (a >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function clockTime(t: number): string {
  const d = new Date(t);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function elapsedTime(ms: number): string {
  const s = Math.round(ms / 1000);
  const sign = s < 0 ? '-' : '';
  const abs = Math.abs(s);
  return `${sign}${Math.floor(abs / 60)}:${pad2(abs % 60)}`;
}

/** A 1-2-5 step giving about `count` intervals over `span`. */
function niceStep(span: number, count: number, integer: boolean): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return integer ? Math.max(1, Math.round(step)) : step;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);

function pathOf(series: Series, x: (t: number) => number, y: (v: number) => number, spec: ChartSpec): string {
  const gapMs = spec.gapMs ?? 5000;
  const parts: string[] = [];
  let last: { t: number; y: number } | undefined;
  for (const p of series.points) {
    if (p.t < spec.from || p.t > spec.to) continue;
    if (p.v === null || !Number.isFinite(p.v)) {
      last = undefined;
      continue;
    }
    const px = x(p.t).toFixed(1);
    const py = y(p.v).toFixed(1);
    if (!last || p.t - last.t > gapMs) parts.push(`M${px} ${py}`);
    else if (series.step) parts.push(`H${px}V${py}`);
    else parts.push(`L${px} ${py}`);
    last = { t: p.t, y: Number(py) };
  }
  return parts.join('');
}

function latest(series: Series): Point | undefined {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const p = series.points[i] as Point;
    if (p.v !== null && Number.isFinite(p.v)) return p;
  }
  return undefined;
}

/** An SVG line chart with its title, y grid, time axis, markers and legend. */
export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 480;
  const height = spec.height ?? 200;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const span = Math.max(1, spec.to - spec.from);
  const integer = spec.integer ?? false;

  let top = spec.yAtLeast ?? 0;
  let hasData = false;
  for (const s of spec.series) {
    for (const p of s.points) {
      if (p.t < spec.from || p.t > spec.to || p.v === null || !Number.isFinite(p.v)) continue;
      hasData = true;
      if (p.v > top) top = p.v;
    }
  }
  if (top <= 0) top = 1;
  const step = niceStep(top, 4, integer);
  const yMax = Math.ceil((top * 1.05) / step) * step;
  const x = (t: number) => MARGIN.left + ((t - spec.from) / span) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (Math.max(0, Math.min(v, yMax)) / yMax) * plotH;
  const id = escapeXml(spec.id);
  const unit = spec.unit ? ` ${spec.unit}` : '';

  const out: string[] = [];
  const summary = spec.series
    .map((s) => {
      const p = latest(s);
      return `${s.name} ${p ? `${formatNumber(p.v as number)}${unit}` : 'no data'}`;
    })
    .join(', ');
  out.push(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
      `aria-labelledby="${id}-title ${id}-desc" data-chart="${id}">`,
    `<title id="${id}-title">${escapeXml(spec.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(hasData ? `Latest: ${summary}.` : 'No data yet.')}</desc>`,
    `<text class="chart-title" x="${MARGIN.left}" y="14">${escapeXml(spec.title)}${escapeXml(spec.unit ? ` (${spec.unit})` : '')}</text>`,
  );

  // Legend, right-aligned on the title line.
  let lx = width - MARGIN.right;
  const legend: string[] = [];
  for (const s of [...spec.series].reverse()) {
    const label = escapeXml(s.name);
    const textWidth = s.name.length * 6.2;
    lx -= textWidth;
    legend.push(`<text class="legend-label" x="${lx.toFixed(1)}" y="14">${label}</text>`);
    lx -= 18;
    legend.push(
      `<line class="swatch tone-${s.tone % 6}${s.dashed ? ' dashed' : ''}" x1="${lx.toFixed(1)}" y1="10" x2="${(lx + 14).toFixed(1)}" y2="10"/>`,
    );
    lx -= 10;
  }
  out.push(`<g class="legend">${legend.join('')}</g>`);

  // Y grid and labels.
  const grid: string[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const py = y(v).toFixed(1);
    grid.push(`<line class="grid" x1="${MARGIN.left}" y1="${py}" x2="${width - MARGIN.right}" y2="${py}"/>`);
    grid.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${(Number(py) + 3.5).toFixed(1)}" text-anchor="end">${formatNumber(v)}</text>`,
    );
  }
  out.push(`<g class="y-axis">${grid.join('')}</g>`);

  // Time axis.
  const tStep = TIME_STEPS.find((s) => span / s <= 6) ?? TIME_STEPS.at(-1)!;
  const elapsed = spec.timeLabels === 'elapsed';
  const first = elapsed ? spec.from : Math.ceil(spec.from / tStep) * tStep;
  const ticks: string[] = [];
  for (let t = first; t <= spec.to + 1; t += tStep) {
    const px = x(t).toFixed(1);
    const label = elapsed ? elapsedTime(t - spec.from) : clockTime(t);
    // A label at either end stays inside the chart.
    const half = label.length * 3.1;
    const anchor = Number(px) + half > width - 2 ? 'end' : Number(px) - half < 2 ? 'start' : 'middle';
    ticks.push(
      `<line class="axis" x1="${px}" y1="${MARGIN.top + plotH}" x2="${px}" y2="${MARGIN.top + plotH + 4}"/>`,
      `<text class="tick" x="${px}" y="${height - 6}" text-anchor="${anchor}">${label}</text>`,
    );
  }
  out.push(
    `<g class="x-axis"><line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${width - MARGIN.right}" y2="${MARGIN.top + plotH}"/>${ticks.join('')}</g>`,
  );

  // Markers (load steps, events).
  const markers: string[] = [];
  // Labels that would overlap the previous one go a line lower.
  const labelEnds: number[] = [];
  for (const m of [...(spec.markers ?? [])].sort((a, b) => a.t - b.t)) {
    if (m.t < spec.from || m.t > spec.to) continue;
    const px = x(m.t);
    const right = px + 3 + m.label.length * 5.6 > width - MARGIN.right;
    const start = right ? px - 3 - m.label.length * 5.6 : px + 3;
    let row = 0;
    while (row < labelEnds.length && (labelEnds[row] as number) > start) row++;
    labelEnds[row] = start + m.label.length * 5.6 + 4;
    markers.push(
      `<line class="marker marker-${m.kind ?? 'load'}" x1="${px.toFixed(1)}" y1="${MARGIN.top - 4}" x2="${px.toFixed(1)}" y2="${MARGIN.top + plotH}"><title>${escapeXml(m.label)}</title></line>`,
      `<text class="marker-label" x="${(right ? px - 3 : px + 3).toFixed(1)}" y="${MARGIN.top + 6 + row * 11}"${right ? ' text-anchor="end"' : ''}>${escapeXml(m.label)}</text>`,
    );
  }
  out.push(`<g class="markers">${markers.join('')}</g>`);

  // The series: one path each.
  for (const s of spec.series) {
    out.push(
      `<path class="series tone-${s.tone % 6}${s.dashed ? ' dashed' : ''}" data-series="${escapeXml(s.name)}" fill="none" d="${pathOf(s, x, y, spec)}"/>`,
    );
  }
  if (!hasData) {
    out.push(
      `<text class="no-data" x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH / 2}" text-anchor="middle">No data yet</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

/** Styles for {@link lineChart}'s classes; the dashboard and the report both include them. */
export const CHART_CSS = `
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; font: 11px system-ui, sans-serif; }
svg.chart .chart-title { font-weight: 600; font-size: 12px; fill: #1f2933; }
svg.chart .legend-label, svg.chart .tick { fill: #52606d; }
svg.chart .grid { stroke: #e4e7eb; stroke-width: 1; }
svg.chart .axis { stroke: #9aa5b1; stroke-width: 1; }
svg.chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .swatch { stroke-width: 3; }
svg.chart .dashed { stroke-dasharray: 6 4; }
svg.chart .tone-0 { stroke: #1f6feb; }
svg.chart .tone-1 { stroke: #d9480f; }
svg.chart .tone-2 { stroke: #2b8a3e; }
svg.chart .tone-3 { stroke: #862e9c; }
svg.chart .tone-4 { stroke: #c92a2a; }
svg.chart .tone-5 { stroke: #5c677d; }
svg.chart .marker { stroke: #7b8794; stroke-width: 1; stroke-dasharray: 2 3; }
svg.chart .marker-event { stroke: #e8590c; }
svg.chart .marker-label { fill: #3e4c59; font-size: 10px; }
svg.chart .no-data { fill: #7b8794; font-size: 13px; }
`;
