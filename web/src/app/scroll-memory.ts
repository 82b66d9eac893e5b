import { useEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

const positions = new Map<string, number>();

/**
 * Back and Forward return to where the reader was. The browser cannot do it for an app page
 * (the list is not there yet when it tries), so each history entry's scroll position is kept
 * here and restored once the page has rendered, with its remembered items (see usePaged).
 */
export function useScrollMemory() {
  const { key } = useLocation();
  const navigationType = useNavigationType();
  const current = useRef(key);
  current.current = key;

  useEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const record = () => positions.set(current.current, window.scrollY);
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per history entry
  useEffect(() => {
    if (navigationType !== 'POP') return;
    const top = positions.get(key);
    if (top !== undefined) window.scrollTo(0, top);
  }, [key]);
}
