/** Talking to the lab API: reads, and the controls' writes with the control token. */
import { setText } from './dom.js';
import { page } from './state.js';

const TOKEN_KEY = 'carebridge-lab-token';
const controlToken = takeToken();

/**
 * The lab's control token, from the link its start-up banner prints (`/lab#token=…`: a fragment is
 * never sent to a server nor in a Referer), kept for this tab and taken out of the address bar.
 */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export async function getJson(path: string): Promise<unknown> {
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

export interface Outcome {
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
export async function act(
  control: Element,
  status: HTMLElement,
  label: string,
  path: string,
  body: unknown,
): Promise<Outcome | null> {
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
  void page.refresh();
  return outcome;
}
