import type { Page } from '@carebridge/contracts';
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n';
import { errorMessage } from '../lib/problems';

/**
 * A cursor-paged list: the loader gives the first page, "load more" appends the next ones. A new
 * first page (new search or sort) starts over.
 */
export function usePaged<T>(first: Page<T>, fetchNext: (cursor: string) => Promise<Page<T>>) {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setItems(first.items);
    setCursor(first.nextCursor);
    setError(null);
  }, [first]);

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
