import { type FormEvent, useState } from 'react';
import { useLoaderData } from 'react-router';
import { SubmitRow, TextField } from '../../components/field';
import { PageHeader } from '../../components/page';
import { verifyAffiliation } from '../../features/admin/api/admin';
import { AdminNav, AdminOnly } from '../../features/admin/components/admin-nav';
import { AffiliationQueue } from '../../features/admin/components/affiliation-queue';
import { useT } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import type { adminMembersLoader } from '../data/admin';

export function Component() {
  const t = useT();
  const data = useLoaderData<typeof adminMembersLoader>();
  const [done, setDone] = useState<string | null>(null);
  const verify = useAction((id: string) => verifyAffiliation(id));
  if (!data.allowed) return <AdminOnly />;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const id = String(new FormData(event.currentTarget).get('memberId') ?? '').trim();
    if ((await verify.run(id)).ok) setDone(id);
  };
  return (
    <>
      <PageHeader title={t('admin.membersTitle')} lead={t('admin.membersLead')} />
      <AdminNav />
      <AffiliationQueue first={data.requests} />
      <h2>{t('admin.affiliation.byId')}</h2>
      <form className="form narrow" onSubmit={submit} noValidate>
        <TextField
          label={t('admin.memberId')}
          name="memberId"
          hint={t('admin.memberIdHint')}
          error={verify.error.fields.id}
        />
        <SubmitRow
          label={t('admin.verify')}
          pending={verify.pending}
          message={verify.error.message ?? (done ? t('admin.verified', { id: done }) : null)}
          tone={verify.error.message ? 'error' : 'success'}
        />
      </form>
    </>
  );
}
