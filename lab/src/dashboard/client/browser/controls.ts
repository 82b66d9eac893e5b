/** The controls: the replica buttons, the service forms and the load level, each sent to the lab API. */
import { act } from './api.js';
import { byId, key, setText } from './dom.js';
import { panels } from './panel.js';
import { page } from './state.js';

export function onClick(event: Event): void {
  const button = (event.target as Element | null)?.closest('button[data-action]');
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
    const mode = byId<HTMLSelectElement>(`fault-${k}`).value;
    const ms = Number(byId<HTMLInputElement>(`fault-ms-${k}`).value || 0);
    const body = mode === 'slow' || mode === 'hang' ? { mode, ms } : { mode };
    void act(button, panel.status, `Fault ${mode} on ${replica}`, `${base}/fault`, body);
  }
}

export function onSubmit(event: Event): void {
  const form = (event.target as Element | null)?.closest('form[data-form]');
  if (!form) return;
  event.preventDefault();
  const kind = form.getAttribute('data-form');
  const submit = form.querySelector('button[type="submit"]') ?? form;
  if (kind === 'load') {
    setLevel(submit, Number(byId<HTMLInputElement>('load-users').value));
    return;
  }
  const service = form.getAttribute('data-service') ?? '';
  const panel = panels.get(service);
  if (!panel) return;
  const base = `/lab/api/services/${encodeURIComponent(service)}`;
  const k = key(service);
  if (kind === 'policy') {
    const policy = byId<HTMLSelectElement>(`svc-${k}-policy`).value;
    void act(submit, panel.status, `Balancing policy ${policy}`, `${base}/policy`, { policy });
  } else if (kind === 'autoscaling') {
    const mode = byId<HTMLSelectElement>(`svc-${k}-autoscaling`).value;
    void act(submit, panel.status, `Autoscaler ${mode}`, `${base}/autoscaler`, { mode });
  } else if (kind === 'rollout') {
    const version = byId<HTMLInputElement>(`svc-${k}-version`).value.trim();
    const broken = byId<HTMLInputElement>(`svc-${k}-broken`).checked;
    void act(submit, panel.status, `Rollout of ${service}${version ? ` to ${version}` : ''}`, `${base}/rollout`, {
      version: version || undefined,
      broken: broken || undefined,
    });
  }
}

function setLevel(control: Element, level: number): void {
  const status = byId('load-status');
  if (!Number.isInteger(level) || level < 0) {
    status.className = 'status failed';
    setText(status, '✗ The number of users must be a whole number, 0 or more.');
    return;
  }
  void act(control, status, level === 0 ? 'Stop the load' : `Load at ${level} users`, '/lab/api/load', { level }).then(
    (outcome) => {
      if (outcome?.ok) page.requestedLevel = level;
      page.render();
    },
  );
}
