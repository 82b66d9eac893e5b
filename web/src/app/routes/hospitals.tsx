import { HOSPITAL_SORTS } from '@carebridge/contracts';
import { useState } from 'react';
import { useLoaderData } from 'react-router';
import { GetForm } from '../../components/get-form';
import { LoadMore, usePaged } from '../../components/load-more';
import { PageHeader } from '../../components/page';
import { listHospitals } from '../../features/hospitals/api/hospitals';
import { HospitalList } from '../../features/hospitals/components/hospital-list';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { hospitalsLoader } from '../data/hospitals';

export function Component() {
  const { t, locale } = useI18n();
  const { filters, page, regions, types } = useLoaderData<typeof hospitalsLoader>();
  const paged = usePaged(page, (cursor) => listHospitals({ ...filters, cursor }));
  const [region, setRegion] = useState(filters.region);
  const regionList = regions.ok ? regions.value.regions : [];
  const districts = regionList.find((r) => r.name === region)?.districts ?? [];
  const filtered = Object.entries(filters).some(([name, value]) => name !== 'sort' && value);

  return (
    <>
      <PageHeader title={t('hospitals.title')} lead={t('hospitals.lead')} />
      <GetForm
        role="search"
        className="filters hospital-filters"
        key={JSON.stringify(filters)}
        aria-label={t('hospitals.filters')}
      >
        <div className="field grow">
          <label htmlFor="h-q">{t('hospitals.name')}</label>
          <input id="h-q" name="q" type="search" defaultValue={filters.q} maxLength={50} />
        </div>
        <div className="field">
          <label htmlFor="h-region">{t('hospitals.region')}</label>
          <select id="h-region" name="region" value={region} onChange={(event) => setRegion(event.target.value)}>
            <option value="">{t('hospitals.all')}</option>
            {regionList.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({formatNumber(r.count, locale)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="h-district">{t('hospitals.district')}</label>
          <select id="h-district" name="district" defaultValue={filters.district} disabled={districts.length === 0}>
            <option value="">{t('hospitals.all')}</option>
            {districts.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({formatNumber(d.count, locale)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="h-type">{t('hospitals.type')}</label>
          <select id="h-type" name="type" defaultValue={filters.type}>
            <option value="">{t('hospitals.all')}</option>
            {(types.ok ? types.value.types : []).map((type) => (
              <option key={type.name} value={type.name}>
                {type.name} ({formatNumber(type.count, locale)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="h-dept">{t('hospitals.department')}</label>
          <input
            id="h-dept"
            name="department"
            defaultValue={filters.department}
            placeholder={t('hospitals.departmentExample')}
            maxLength={40}
          />
        </div>
        <div className="field">
          <label htmlFor="h-sort">{t('hospitals.sort')}</label>
          <select id="h-sort" name="sort" defaultValue={filters.sort}>
            {HOSPITAL_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`hospitals.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary">
          {t('search.submit')}
        </button>
      </GetForm>
      {filtered ? (
        <p role="status" className="muted">
          {t('hospitals.filtered')}
        </p>
      ) : null}
      {filters.sort === 'rating' ? <p className="muted">{t('hospitals.ratingOrder')}</p> : null}
      <HospitalList hospitals={paged.items} heading="h2" />
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
    </>
  );
}
