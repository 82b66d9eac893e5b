import type { SignupRequest } from '@carebridge/contracts';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { login, signup } from '../../features/auth/api/auth';
import { SignupForm } from '../../features/auth/components/signup-form';
import { listHospitals } from '../../features/hospitals/api/hospitals';
import { useT } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';

export function Component() {
  const t = useT();
  const navigate = useNavigate();
  const create = useAction(async (request: SignupRequest) => {
    await signup(request);
    await login({ email: request.email, password: request.password });
    navigate(paths.verifyEmail.href());
  });
  return (
    <>
      <PageHeader title={t('signup.title')} lead={t('signup.lead')} />
      <SignupForm
        onSubmit={(request) => void create.run(request)}
        pending={create.pending}
        error={create.error}
        searchHospitals={(q) => listHospitals({ q, limit: 10 })}
      />
      <p>
        {t('signup.haveAccount')} <Link to={paths.login.href()}>{t('nav.login')}</Link>
      </p>
    </>
  );
}
