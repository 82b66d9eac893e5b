import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page';
import { PasswordResetForm } from '../../features/auth/components/password-reset-form';
import { useT } from '../../lib/i18n';

export function Component() {
  const t = useT();
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader title={t('reset.title')} lead={t('reset.lead')} />
      <PasswordResetForm initialEmail={search.get('email') ?? ''} />
    </>
  );
}
