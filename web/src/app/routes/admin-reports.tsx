import { Link, useLoaderData } from 'react-router';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { AdminNav, AdminOnly } from '../../features/admin/components/admin-nav';
import { ReportQueue } from '../../features/admin/components/report-queue';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/problems';
import type { adminReportsLoader } from '../data/admin';

export function Component() {
  const t = useT();
  const data = useLoaderData<typeof adminReportsLoader>();
  if (!data.allowed) return <AdminOnly />;
  const { status } = data;
  return (
    <>
      <PageHeader title={t('admin.reportsTitle')} />
      <AdminNav />
      <nav className="segmented" aria-label={t('admin.status')}>
        <Link
          className={status === 'open' ? 'button on' : 'button'}
          aria-current={status === 'open' ? 'page' : undefined}
          to={paths.admin.href()}
        >
          {t('admin.status.open')}
        </Link>
        <Link
          className={status === 'resolved' ? 'button on' : 'button'}
          aria-current={status === 'resolved' ? 'page' : undefined}
          to={`${paths.admin.href()}?status=resolved`}
        >
          {t('admin.status.resolved')}
        </Link>
      </nav>
      <section aria-labelledby="queue-board" className="panel">
        <h2 id="queue-board">{t('admin.queue.board')}</h2>
        {data.board.ok ? (
          <ReportQueue queue="board" first={data.board.value} status={status} />
        ) : (
          <p role="alert">{errorMessage(data.board.error, t)}</p>
        )}
      </section>
      <section aria-labelledby="queue-hospital" className="panel">
        <h2 id="queue-hospital">{t('admin.queue.hospital')}</h2>
        {data.hospital.ok ? (
          <ReportQueue queue="hospital" first={data.hospital.value} status={status} />
        ) : (
          <p role="alert">{errorMessage(data.hospital.error, t)}</p>
        )}
      </section>
    </>
  );
}
