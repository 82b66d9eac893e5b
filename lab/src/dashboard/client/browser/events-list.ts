/** The recent scaling decisions of a service's section, each with its reason and inputs. */
import type { ScalingEvent } from '../../../telemetry/types.js';
import { clockTime } from '../chart.js';
import { h, key } from './dom.js';
import type { Panel } from './panel.js';

export function updateEvents(panel: Panel, events: ScalingEvent[]): void {
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
