import { Link, useLoaderData } from 'react-router';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { DeleteAccount, PasswordForm, ProfileForm } from '../../features/auth/components/account-forms';
import { AffiliationPanel } from '../../features/auth/components/affiliation-panel';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useUser } from '../../lib/use-session';
import type { meLoader } from '../data/account';
import { Activity, MeTabs } from './me-activity';

export function Component() {
  const { t, locale } = useI18n();
  const user = useUser();
  const { activity, workplaceName, affiliation } = useLoaderData<typeof meLoader>();
  if (!user) return null;
  if (activity) return <Activity tab={activity.tab} first={activity.page} />;
  return (
    <>
      <PageHeader title={t('me.title')} />
      <MeTabs current={null} />
      <section className="panel" aria-labelledby="status-title">
        <h2 id="status-title">{t('me.status')}</h2>
        <dl className="detail-list">
          <dt>{t('account.email')}</dt>
          <dd>
            {user.email}{' '}
            {user.emailVerified ? (
              <span className="tag tag-success">{t('me.emailVerified')}</span>
            ) : (
              <>
                <span className="tag tag-warning">{t('me.emailUnverified')}</span>{' '}
                <Link to={paths.verifyEmail.href()}>{t('me.verifyNow')}</Link>
              </>
            )}
          </dd>
          <dt>{t('me.workplace')}</dt>
          <dd>
            {user.hospitalId ? (
              <Link to={paths.hospital.href(user.hospitalId)}>{workplaceName ?? user.hospitalId}</Link>
            ) : (
              t('me.noWorkplace')
            )}{' '}
            {user.insiderVerified ? (
              <span className="tag tag-success">{t('me.insiderVerified')}</span>
            ) : user.hospitalId ? (
              <>
                <span className="tag">{t('me.insiderUnverified')}</span>{' '}
                {user.emailVerified ? <a href="#affiliation-title">{t('me.verifyWorkplace')}</a> : null}
              </>
            ) : null}
          </dd>
          <dt>{t('me.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
          <dt>{t('me.since')}</dt>
          <dd>{formatDate(user.createdAt, locale)}</dd>
          <dt>{t('me.accountId')}</dt>
          <dd>
            <code>{user.id}</code>
            <span className="field-hint"> {t('me.accountIdHint')}</span>
          </dd>
        </dl>
      </section>
      {user.hospitalId && user.emailVerified && !user.insiderVerified ? (
        <AffiliationPanel key={user.hospitalId} latest={affiliation} />
      ) : null}
      <ProfileForm workplaceName={workplaceName} />
      <PasswordForm />
      <DeleteAccount />
    </>
  );
}
