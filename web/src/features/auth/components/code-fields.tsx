import { EMAIL_CODE_LENGTH, PASSWORD_MAX_LENGTH } from '@carebridge/contracts';
import { TextField } from '../../../components/field';
import { useT } from '../../../lib/i18n';
import { PasswordHint } from './signup-form';

/** The 6-digit code from a mail (email, work email, password reset). */
export function CodeField({ name = 'code', error }: { name?: string; error: string | undefined }) {
  const t = useT();
  return (
    <TextField
      label={t('verify.code')}
      name={name}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={EMAIL_CODE_LENGTH}
      pattern="[0-9]*"
      error={error}
    />
  );
}

/** A new password with its strength shown as it is typed. */
export function NewPasswordField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (password: string) => void;
  error: string | undefined;
}) {
  const t = useT();
  return (
    <TextField
      label={t('me.newPassword')}
      name="newPassword"
      type="password"
      autoComplete="new-password"
      maxLength={PASSWORD_MAX_LENGTH}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={<PasswordHint password={value} />}
      error={error}
    />
  );
}
