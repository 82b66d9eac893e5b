import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { SubmitRow, TextField } from '../../../components/field';
import { paths } from '../../../config/paths';
import { useT } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { requestPasswordReset, resetPassword } from '../api/auth';
import { CodeField, NewPasswordField } from './code-fields';

const value = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');

/**
 * Password reset in two steps on one page: the address (answered alike whether or not it has an
 * account), then the mailed code with the new password. A reset ends every session.
 */
export function PasswordResetForm({ initialEmail = '' }: { initialEmail?: string }) {
  const t = useT();
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState(false);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const ask = useAction(async (address: string) => {
    await requestPasswordReset(address);
    setSent(true);
  });
  const reset = useAction(async (code: string) => {
    await resetPassword({ email: email.trim(), code, newPassword: password });
    setDone(true);
  });
  if (done) {
    return (
      <div className="form narrow">
        <p role="status" className="form-message form-message-success">
          {t('reset.done')}
        </p>
        <p className="actions">
          <Link className="button button-primary" to={paths.login.href()}>
            {t('login.submit')}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <form
        className="form narrow"
        noValidate
        aria-label={t('reset.askTitle')}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void ask.run(email.trim());
        }}
      >
        <TextField
          label={t('account.email')}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={ask.error.fields.email}
        />
        <SubmitRow
          label={sent ? t('verify.resend') : t('reset.send')}
          pending={ask.pending}
          message={ask.error.message ?? (sent ? t('reset.sent') : null)}
          tone={ask.error.message ? 'error' : 'success'}
          primary={false}
        />
      </form>
      {sent ? (
        <form
          className="form narrow"
          noValidate
          aria-label={t('reset.setTitle')}
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void reset.run(value(event.currentTarget, 'code').trim());
          }}
        >
          <CodeField error={reset.error.fields.code} />
          <NewPasswordField value={password} onChange={setPassword} error={reset.error.fields.newPassword} />
          <SubmitRow label={t('reset.submit')} pending={reset.pending} message={reset.error.message} />
        </form>
      ) : null}
    </>
  );
}
