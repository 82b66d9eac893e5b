import type { LoginRequest } from '@carebridge/contracts';
import type { FormEvent } from 'react';
import { SubmitRow, TextField } from '../../../components/field';
import type { Described } from '../../../lib/field-errors';
import { useT } from '../../../lib/i18n';

export function LoginForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (credentials: LoginRequest) => void;
  pending: boolean;
  error: Described;
}) {
  const t = useT();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onSubmit({ email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') });
  };
  return (
    <form className="form narrow" onSubmit={submit} noValidate aria-label={t('login.title')}>
      <TextField
        label={t('account.email')}
        name="email"
        type="email"
        autoComplete="username"
        error={error.fields.email}
        required
      />
      <TextField
        label={t('account.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        error={error.fields.password}
        required
      />
      <SubmitRow label={t('login.submit')} pending={pending} message={error.message} />
    </form>
  );
}
