import type { AdminHospitalView, HospitalInput } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { SaveRow, TextArea, TextField } from '../../../components/field';
import { useT } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { setEmailDomains, updateHospital } from '../api/admin';

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** Edits a hospital's details and its registered staff email domains. */
export function HospitalEditor({ hospital, onSaved }: { hospital: AdminHospitalView; onSaved: () => void }) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const save = useAction(async (change: Partial<HospitalInput>, domains: string[]) => {
    await updateHospital(hospital.id, change);
    await setEmailDomains(hospital.id, domains);
    setSaved(true);
    onSaved();
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    const doctors = text('doctorCount').trim();
    void save.run(
      {
        name: text('name').trim(),
        type: text('type').trim(),
        region: text('region').trim(),
        district: orNull(text('district')),
        address: orNull(text('address')),
        postalCode: orNull(text('postalCode')),
        phone: orNull(text('phone')),
        homepage: orNull(text('homepage')),
        departments: list(text('departments')),
        doctorCount: doctors ? Number(doctors) : null,
      },
      list(text('emailDomains')),
    );
  };
  const f = save.error.fields;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="edit-title" key={hospital.id}>
      <h2 id="edit-title">{t('admin.editHospital', { name: hospital.name })}</h2>
      <TextField label={t('admin.h.name')} name="name" defaultValue={hospital.name} error={f.name} />
      <div className="form-grid">
        <TextField label={t('hospitals.type')} name="type" defaultValue={hospital.type} error={f.type} />
        <TextField label={t('hospitals.region')} name="region" defaultValue={hospital.region} error={f.region} />
        <TextField
          label={t('hospitals.district')}
          name="district"
          defaultValue={hospital.district ?? ''}
          error={f.district}
        />
        <TextField
          label={t('hospital.postalCode')}
          name="postalCode"
          defaultValue={hospital.postalCode ?? ''}
          error={f.postalCode}
        />
      </div>
      <TextField label={t('hospital.address')} name="address" defaultValue={hospital.address ?? ''} error={f.address} />
      <div className="form-grid">
        <TextField label={t('hospital.phone')} name="phone" defaultValue={hospital.phone ?? ''} error={f.phone} />
        <TextField
          label={t('hospital.homepage')}
          name="homepage"
          type="url"
          defaultValue={hospital.homepage ?? ''}
          error={f.homepage}
        />
        <TextField
          label={t('hospital.doctors')}
          name="doctorCount"
          inputMode="numeric"
          defaultValue={hospital.doctorCount ?? ''}
          error={f.doctorCount}
        />
      </div>
      <TextArea
        label={t('hospital.departments')}
        name="departments"
        rows={3}
        defaultValue={hospital.departments.join(', ')}
        hint={t('admin.commaHint')}
        error={f.departments}
      />
      <TextArea
        label={t('admin.emailDomains')}
        name="emailDomains"
        rows={2}
        defaultValue={hospital.emailDomains.join(', ')}
        hint={t('admin.emailDomainsHint')}
        error={f.domains ?? f.emailDomains}
      />
      <SaveRow action={save} saved={saved} />
    </form>
  );
}
