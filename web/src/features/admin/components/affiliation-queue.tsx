import type { AdminAffiliationRequest, AffiliationDecision, Page } from '@carebridge/contracts';
import { Link } from 'react-router';
import { FormMessage } from '../../../components/field';
import { LoadMore, usePaged } from '../../../components/load-more';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { decideAffiliation, listAffiliationRequests } from '../api/admin';

function RequestItem({ item, onDecided }: { item: AdminAffiliationRequest; onDecided: () => void }) {
  const { t, locale } = useI18n();
  const decide = useAction(async (decision: AffiliationDecision) => {
    await decideAffiliation(item.id, decision);
    onDecided();
  });
  return (
    <li className="queue-item">
      <p className="meta">
        <strong>{item.nickname}</strong>
        {item.jobCategory ? <span>{t(`job.${item.jobCategory}`)}</span> : null}
        <Link to={paths.hospital.href(item.hospitalId)}>{t('admin.affiliation.workplace')}</Link>
        <span>{t('admin.affiliation.accountDomain', { domain: item.accountEmailDomain })}</span>
        <time dateTime={item.createdAt}>{formatDate(item.createdAt, locale)}</time>
      </p>
      <blockquote className="excerpt">{item.evidence}</blockquote>
      <p className="meta">
        <code>{item.userId}</code>
      </p>
      <fieldset className="item-actions">
        <legend className="visually-hidden">{t('admin.decide')}</legend>
        <button
          type="button"
          className="button button-primary"
          disabled={decide.pending}
          onClick={() => void decide.run('approve')}
        >
          {t('admin.affiliation.approve')}
        </button>
        <button type="button" className="button" disabled={decide.pending} onClick={() => void decide.run('reject')}>
          {t('admin.affiliation.reject')}
        </button>
      </fieldset>
      <FormMessage message={decide.error.message} />
    </li>
  );
}

/** Members' evidence for their workplace, waiting for an admin's approval or rejection. */
export function AffiliationQueue({ first }: { first: Page<AdminAffiliationRequest> }) {
  const { t } = useI18n();
  const paged = usePaged(first, (cursor) => listAffiliationRequests('pending', cursor), 'affiliation');
  return (
    <section aria-labelledby="affiliation-queue-title">
      <h2 id="affiliation-queue-title">{t('admin.affiliation.queue')}</h2>
      {paged.items.length === 0 ? <p className="empty">{t('admin.affiliation.empty')}</p> : null}
      <ol className="queue">
        {paged.items.map((item) => (
          <RequestItem
            key={item.id}
            item={item}
            onDecided={() => paged.setItems((items) => items.filter((i) => i.id !== item.id))}
          />
        ))}
      </ol>
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
    </section>
  );
}
