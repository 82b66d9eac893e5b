import { useCallback, useRef, useState } from 'react';
import type { Described } from './field-errors';
import { loadParts, useI18n } from './i18n';

export type Outcome<R> = { ok: true; value: R } | { ok: false };

/**
 * Runs a mutation from a form or button: tracks pending, turns failures into field messages and a
 * form message, and ignores double submits.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Described>({ fields: {}, message: null });
  const busy = useRef(false);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(
    async (...args: A): Promise<Outcome<R>> => {
      if (busy.current) return { ok: false };
      busy.current = true;
      setPending(true);
      setError({ fields: {}, message: null });
      try {
        return { ok: true, value: await latest.current(...args) };
      } catch (caught) {
        // The field-message translations and problem texts load with the first failure.
        const [{ describeError }] = await Promise.all([import('./field-errors'), loadParts(['forms', 'problems'])]);
        setError(describeError(caught, t));
        return { ok: false };
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [t],
  );

  const reset = useCallback(() => setError({ fields: {}, message: null }), []);
  return { run, pending, error, reset };
}
