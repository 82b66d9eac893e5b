import type { ModerationItem, Page, ReportAction, ReportReason } from '@carebridge/contracts';
import { FormMessage } from '../../../components/field';
import { LoadMore, usePaged } from '../../../components/load-more';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { listReports, type QueueName, resolveReport } from '../api/admin';

type Item = ModerationItem & { hospitalName?: string | null };

function QueueItem({ queue, item, onResolved }: { queue: QueueName; item: Item; onResolved: (item: Item) => void }) {
  const { t, locale } = useI18n();
  const resolve = useAction(async (action: ReportAction) => onResolved(await resolveReport(queue, item.id, action)));
  return (
    <li className="queue-item">
      <p className="meta">
        <span className="tag">{t(`admin.target.${item.targetType}` as 'admin.target.post')}</span>
        {item.hospitalName ? <span>{item.hospitalName}</span> : null}
        <span>{t('admin.reportCount', { count: item.reportCount })}</span>
        <time dateTime={item.createdAt}>{formatDate(item.createdAt, locale)}</time>
        {item.hidden ? (
          <span className="tag tag-warning">{t('admin.hidden')}</span>
        ) : (
          <span className="tag">{t('admin.visible')}</span>
        )}
      </p>
      <blockquote className="excerpt">{item.excerpt}</blockquote>
      <p className="meta">
        {Object.entries(item.reasons).map(([reason, count]) => (
          <span key={reason}>
            {t(`report.reason.${reason as ReportReason}`)} {count}
          </span>
        ))}
      </p>
      <fieldset className="item-actions">
        <legend className="visually-hidden">{t('admin.decide')}</legend>
        {(['hide', 'restore', 'dismiss'] as const).map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'hide' ? 'button button-danger' : 'button'}
            disabled={resolve.pending}
            onClick={() => void resolve.run(action)}
          >
            {t(`admin.action.${action}`)}
          </button>
        ))}
      </fieldset>
      <FormMessage message={resolve.error.message} />
    </li>
  );
}

export function ReportQueue({
  queue,
  first,
  status,
}: {
  queue: QueueName;
  first: Page<Item>;
  status: 'open' | 'resolved';
}) {
  const { t } = useI18n();
  const paged = usePaged(first, (cursor) => listReports(queue, status, cursor), queue);
  return (
    <>
      {paged.items.length === 0 ? <p className="empty">{t('admin.emptyQueue')}</p> : null}
      <ol className="queue">
        {paged.items.map((item) => (
          <QueueItem
            key={item.id}
            queue={queue}
            item={item}
            onResolved={(resolved) =>
              paged.setItems((items) =>
                status === 'open'
                  ? items.filter((i) => i.id !== resolved.id)
                  : items.map((i) => (i.id === resolved.id ? { ...i, ...resolved } : i)),
              )
            }
          />
        ))}
      </ol>
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
    </>
  );
}
