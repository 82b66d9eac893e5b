import {
  EMAIL_CODE_LENGTH,
  type HospitalSummary,
  type JobCategory,
  NICKNAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Page,
  type SignupRequest,
} from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { SubmitRow, TextField } from '../../../components/field';
import { HospitalPicker, type PickedHospital } from '../../../components/hospital-picker';
import type { Described } from '../../../lib/field-errors';
import { useT } from '../../../lib/i18n';
import { passwordStrength } from '../password-strength';
import { JobField } from './job-field';

export function PasswordHint({ password }: { password: string }) {
  const t = useT();
  const strength = passwordStrength(password);
  const level = { tooShort: 0, weak: 1, fair: 2, strong: 3 }[strength];
  return (
    <span className="strength">
      <meter min={0} max={3} low={1.5} high={2.5} optimum={3} value={level} aria-hidden="true" />
      <span aria-live="polite">{t(`password.${strength}`, { min: PASSWORD_MIN_LENGTH })}</span>
    </span>
  );
}

export function SignupForm({
  onSubmit,
  pending,
  error,
  searchHospitals,
}: {
  onSubmit: (request: SignupRequest) => void;
  pending: boolean;
  error: Described;
  searchHospitals: (q: string) => Promise<Page<HospitalSummary>>;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [workplace, setWorkplace] = useState<PickedHospital | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const job = String(data.get('jobCategory') ?? '');
    onSubmit({
      email: String(data.get('email') ?? '').trim(),
      password,
      nickname: String(data.get('nickname') ?? '').trim(),
      hospitalId: workplace?.id,
      jobCategory: (job || undefined) as JobCategory | undefined,
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('signup.title')}>
      <TextField
        label={t('account.email')}
        name="email"
        type="email"
        autoComplete="email"
        error={error.fields.email}
        hint={t('signup.emailHint')}
        required
      />
      <TextField
        label={t('account.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        maxLength={PASSWORD_MAX_LENGTH}
        error={error.fields.password}
        hint={<PasswordHint password={password} />}
        required
      />
      <TextField
        label={t('account.nickname')}
        name="nickname"
        autoComplete="nickname"
        maxLength={NICKNAME_MAX_LENGTH}
        error={error.fields.nickname}
        hint={t('signup.nicknameHint')}
        required
      />
      <HospitalPicker
        value={workplace}
        onChange={setWorkplace}
        search={searchHospitals}
        error={error.fields.hospitalId}
      />
      <JobField defaultValue="" error={error.fields.jobCategory} />
      <p className="field-hint">{t('signup.codeHint', { length: EMAIL_CODE_LENGTH })}</p>
      <SubmitRow label={t('signup.submit')} pending={pending} message={error.message} />
    </form>
  );
}
