import { useEffect, useState } from 'react';
import { useAction } from './use-action';

export interface Toggle {
  on: boolean;
  count: number;
}

/**
 * A like-style toggle that answers at once: the button and count change on the click, the
 * server's answer then sets the true count, and a refusal puts the old state back (with its
 * message in `error`). `server` is the state last loaded; a new one replaces the local state.
 */
export function useOptimisticToggle(server: Toggle, send: (on: boolean) => Promise<Toggle>) {
  const [state, setState] = useState(server);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new server state, by value
  useEffect(() => setState(server), [server.on, server.count]);
  const action = useAction(async (before: Toggle) => {
    try {
      setState(await send(!before.on));
    } catch (error) {
      setState(before);
      throw error;
    }
  });
  const toggle = () => {
    if (action.pending) return;
    setState({ on: !state.on, count: Math.max(0, state.count + (state.on ? -1 : 1)) });
    void action.run(state);
  };
  return { state, toggle, error: action.error };
}
