import type { LoginRequest } from '@carebridge/contracts';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page';
import { paths, safeNext } from '../../config/paths';
import { login } from '../../features/auth/api/auth';
import { LoginForm } from '../../features/auth/components/login-form';
import { useT } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';

export function Component() {
  const t = useT();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const signIn = useAction(async (credentials: LoginRequest) => {
    await login(credentials);
    navigate(next, { replace: true });
  });
  return (
    <>
      <PageHeader title={t('login.title')} />
      <LoginForm
        onSubmit={(credentials) => void signIn.run(credentials)}
        pending={signIn.pending}
        error={signIn.error}
      />
      <p>
        <Link to={paths.resetPassword.href()}>{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to={paths.signup.href()}>{t('nav.signup')}</Link>
      </p>
    </>
  );
}
