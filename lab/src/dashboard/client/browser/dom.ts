/** Small DOM helpers of the dashboard (the page's own types come from TypeScript's DOM library). */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

type Attrs = Record<string, string | number | boolean | undefined>;

/** `h('button', {type: 'button', 'data-action': 'kill'}, 'Kill')`; false/undefined attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children);
  return el;
}

/** Sets text only when it changed (no needless layout, and screen readers are not re-notified). */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** A safe piece of an element id. */
export const key = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
