/**
 * Unsent writing, kept per tab (sessionStorage) so a page left by mistake, a reload or Back does
 * not lose it; closing the tab forgets it, which is right on a ward's shared computer.
 */
const PREFIX = 'cb_draft:';

export function readDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: writing still works, only the safety net is gone.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing stored.
  }
}
