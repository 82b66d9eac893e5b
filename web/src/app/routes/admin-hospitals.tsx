import { Link, useLoaderData, useRevalidator } from 'react-router';
import { GetForm } from '../../components/get-form';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { AdminNav, AdminOnly } from '../../features/admin/components/admin-nav';
import { HospitalEditor } from '../../features/admin/components/hospital-editor';
import { useT } from '../../lib/i18n';
import type { adminHospitalsLoader } from '../data/admin';

export function Component() {
  const t = useT();
  const revalidator = useRevalidator();
  const data = useLoaderData<typeof adminHospitalsLoader>();
  if (!data.allowed) return <AdminOnly />;
  return (
    <>
      <PageHeader title={t('admin.hospitalsTitle')} />
      <AdminNav />
      <GetForm role="search" className="filters" key={data.q}>
        <div className="field grow">
          <label htmlFor="admin-h-q">{t('hospitals.name')}</label>
          <input id="admin-h-q" name="q" type="search" defaultValue={data.q} maxLength={50} />
        </div>
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </GetForm>
      {data.results ? (
        <ul className="picker-results">
          {data.results.items.map((hospital) => (
            <li key={hospital.id}>
              <Link to={`${paths.adminHospitals.href()}?${new URLSearchParams({ q: data.q, id: hospital.id })}`}>
                {hospital.name}
              </Link>{' '}
              <span className="muted">
                {hospital.type} · {hospital.region} {hospital.district ?? ''}
              </span>
            </li>
          ))}
          {data.results.items.length === 0 ? <li>{t('hospitals.empty')}</li> : null}
        </ul>
      ) : null}
      {data.selected ? <HospitalEditor hospital={data.selected} onSaved={() => void revalidator.revalidate()} /> : null}
    </>
  );
}
