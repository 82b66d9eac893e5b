/**
 * The little of the DOM the dashboard uses, typed here so the lab's TypeScript project (Node types,
 * no DOM library) can check the browser code without pulling DOM globals into the server code.
 */

export interface El {
  id: string;
  className: string;
  textContent: string | null;
  innerHTML: string;
  hidden: boolean;
  value: string;
  disabled: boolean;
  readonly tagName: string;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  append(...nodes: Array<El | string>): void;
  replaceChildren(...nodes: Array<El | string>): void;
  remove(): void;
  focus(): void;
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  addEventListener(type: string, listener: (event: DomEvent) => void): void;
  readonly firstChild: El | null;
  insertBefore(node: El, before: El | null): void;
}

export interface DomEvent {
  readonly target: El | null;
  preventDefault(): void;
}

interface Doc {
  getElementById(id: string): El | null;
  createElement(tag: string): El;
  readonly hidden: boolean;
  addEventListener(type: string, listener: () => void): void;
}

export const doc = (globalThis as unknown as { document: Doc }).document;

export function byId(id: string): El {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el;
}

type Attrs = Record<string, string | number | boolean | undefined>;

/** `h('button', {type: 'button', 'data-action': 'kill'}, 'Kill')`; false/undefined attributes are left out. */
export function h(tag: string, attrs: Attrs = {}, ...children: Array<El | string>): El {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children);
  return el;
}

/** Sets text only when it changed (no needless layout, and screen readers are not re-notified). */
export function setText(el: El, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
