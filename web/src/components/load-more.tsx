import type { Page } from '@carebridge/contracts';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigationType } from 'react-router';
import { useT } from '../lib/i18n';
import { errorMessage } from '../lib/problems';

/** What each history entry's list had loaded, so Back returns to the same items (and scroll). */
const remembered = new Map<string, { items: unknown[]; cursor: string | null }>();
const REMEMBERED_ENTRIES = 30;

/**
 * A cursor-paged list: the loader gives the first page, "load more" appends the next ones. A new
 * first page (new search or sort) starts over; Back or Forward to an entry restores what it had.
 */
export function usePaged<T>(
  first: Page<T>,
  fetchNext: (cursor: string) => Promise<Page<T>>,
  /** Tells apart two lists on one page. */
  name = '',
) {
  const location = useLocation();
  const key = `${location.key} ${location.pathname}${location.search} ${name}`;
  const navigationType = useNavigationType();
  const restore = () => (navigationType === 'POP' ? remembered.get(key) : undefined);
  const [items, setItems] = useState(() => (restore()?.items as T[] | undefined) ?? first.items);
  const [cursor, setCursor] = useState(() => {
    const kept = restore();
    return kept ? kept.cursor : first.nextCursor;
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seen = useRef({ first, key });

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new first page starts over
  useEffect(() => {
    if (seen.current.first === first) return;
    // The same entry loaded again (after a change, or another account) shows what is new.
    const sameEntry = seen.current.key === key;
    seen.current = { first, key };
    const kept = sameEntry ? undefined : restore();
    setItems((kept?.items as T[] | undefined) ?? first.items);
    setCursor(kept ? kept.cursor : first.nextCursor);
    setError(null);
  }, [first]);

  useEffect(() => {
    remembered.delete(key);
    remembered.set(key, { items, cursor });
    if (remembered.size > REMEMBERED_ENTRIES) remembered.delete(remembered.keys().next().value as string);
  }, [key, items, cursor]);

  const more = async () => {
    if (!cursor || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchNext(cursor);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  };
  return { items, setItems, hasMore: cursor !== null, loading, error, more };
}

export function LoadMore({
  hasMore,
  loading,
  error,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onMore: () => void;
}) {
  const t = useT();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      {error ? (
        <p className="form-message form-message-error" role="alert">
          {errorMessage(error, t)}
        </p>
      ) : null}
      <button type="button" className="button" onClick={onMore} disabled={loading} aria-busy={loading}>
        {loading ? t('common.loading') : error ? t('common.retry') : t('common.loadMore')}
      </button>
    </div>
  );
}
