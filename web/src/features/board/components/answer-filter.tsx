import { Link, useLocation } from 'react-router';
import { useT } from '../../../lib/i18n';

/** The Q&A chips: every question, or only those without an accepted answer (미답변). */
export function AnswerFilter({ unanswered }: { unanswered: boolean }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const href = (only: boolean) => {
    const next = new URLSearchParams(search);
    if (only) next.set('answered', 'false');
    else next.delete('answered');
    const query = next.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  return (
    <nav className="filter-chips" aria-label={t('board.filter')}>
      <Link className="filter-chip" to={href(false)} aria-current={unanswered ? undefined : 'true'}>
        {t('board.filter.all')}
      </Link>
      <Link className="filter-chip" to={href(true)} aria-current={unanswered ? 'true' : undefined}>
        {t('board.unanswered')}
      </Link>
    </nav>
  );
}
