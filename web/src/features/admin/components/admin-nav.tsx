import { NavLink } from 'react-router';
import { paths } from '../../../config/paths';
import { useT } from '../../../lib/i18n';

export function AdminNav() {
  const t = useT();
  return (
    <nav aria-label={t('admin.nav')} className="tabs">
      <NavLink to={paths.admin.href()} end>
        {t('admin.reports')}
      </NavLink>
      <NavLink to={paths.adminHospitals.href()}>{t('admin.hospitals')}</NavLink>
      <NavLink to={paths.adminMembers.href()}>{t('admin.members')}</NavLink>
    </nav>
  );
}

export function AdminOnly() {
  const t = useT();
  return (
    <section className="error-page" aria-labelledby="admin-only">
      <h1 id="admin-only">{t('error.forbiddenTitle')}</h1>
      <p role="alert">{t('admin.only')}</p>
    </section>
  );
}
