import { type JobCategory, NICKNAME_MAX_LENGTH } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate, useRevalidator } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FormMessage, SaveRow, SubmitRow, TextField } from '../../../components/field';
import { HospitalPicker, type PickedHospital } from '../../../components/hospital-picker';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useUser } from '../../../lib/use-session';
import { listHospitals } from '../../hospitals/api/hospitals';
import { deleteAccount, type ProfileChange, updateMe } from '../api/auth';
import { NewPasswordField } from './code-fields';
import { JobField } from './job-field';

/** Nickname, workplace and job category. */
export function ProfileForm({ workplaceName }: { workplaceName: string | null }) {
  const { t } = useI18n();
  const user = useUser();
  const revalidator = useRevalidator();
  const [saved, setSaved] = useState(false);
  const [workplace, setWorkplace] = useState<PickedHospital | null>(
    user?.hospitalId ? { id: user.hospitalId, name: workplaceName ?? user.hospitalId } : null,
  );
  const save = useAction(async (change: ProfileChange) => {
    await updateMe(change);
    setSaved(true);
    void revalidator.revalidate();
  });
  if (!user) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const change: ProfileChange = {};
    const nickname = String(data.get('nickname') ?? '').trim();
    if (nickname !== user.nickname) change.nickname = nickname;
    const hospitalId = workplace?.id ?? null;
    if (hospitalId !== user.hospitalId) change.hospitalId = hospitalId;
    const job = String(data.get('jobCategory') ?? '');
    const jobCategory = job ? (job as JobCategory) : null;
    if (jobCategory !== user.jobCategory) change.jobCategory = jobCategory;
    void save.run(change);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{t('me.profile')}</h2>
      <TextField
        label={t('account.nickname')}
        name="nickname"
        defaultValue={user.nickname}
        maxLength={NICKNAME_MAX_LENGTH}
        error={save.error.fields.nickname}
      />
      <HospitalPicker
        value={workplace}
        onChange={setWorkplace}
        search={(q) => listHospitals({ q, limit: 10 })}
        error={save.error.fields.hospitalId}
      />
      {user.insiderVerified && workplace?.id !== user.hospitalId ? (
        <p className="notice">{t('me.workplaceWarning')}</p>
      ) : null}
      <JobField defaultValue={user.jobCategory ?? ''} error={save.error.fields.jobCategory} />
      <SaveRow action={save} saved={saved} />
    </form>
  );
}

/** A new password, given the current one; the same one again is said to change nothing. */
export function PasswordForm() {
  const { t } = useI18n();
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  // The same password again would change nothing: say so instead of reporting a change.
  const [unchanged, setUnchanged] = useState(false);
  const change = useAction((currentPassword: string) => updateMe({ currentPassword, newPassword }));
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const form = event.currentTarget;
    const currentPassword = String(new FormData(form).get('currentPassword') ?? '');
    const same = currentPassword !== '' && currentPassword === newPassword;
    setUnchanged(same);
    if (same) {
      change.reset();
      return;
    }
    const outcome = await change.run(currentPassword);
    if (outcome.ok) {
      form.reset();
      setNewPassword('');
      setDone(true);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('me.password')}</h2>
      <TextField
        label={t('me.currentPassword')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={change.error.fields.currentPassword}
      />
      <NewPasswordField
        value={newPassword}
        onChange={setNewPassword}
        error={unchanged ? t('validation.samePassword') : change.error.fields.newPassword}
      />
      <SubmitRow
        label={t('me.changePassword')}
        pending={change.pending}
        message={unchanged ? t('error.checkFields') : (change.error.message ?? (done ? t('me.passwordChanged') : null))}
        tone={unchanged || change.error.message ? 'error' : 'success'}
      />
    </form>
  );
}

/** Deleting the account: the password, then a confirmation. */
export function DeleteAccount() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(async () => {
    await deleteAccount(password);
    navigate(paths.home.href(), { replace: true });
  });
  return (
    <section className="form danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('me.delete')}</h2>
      <p>{t('me.deleteText')}</p>
      <TextField
        label={t('me.deletePassword')}
        name="deletePassword"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={remove.error.fields.password}
      />
      <FormMessage message={remove.error.message} />
      <p className="actions">
        <button type="button" className="button button-danger" disabled={!password} onClick={() => setConfirming(true)}>
          {t('me.deleteButton')}
        </button>
      </p>
      <ConfirmDialog
        open={confirming}
        title={t('me.deleteConfirmTitle')}
        confirmLabel={t('me.deleteConfirm')}
        pending={remove.pending}
        onConfirm={() => {
          setConfirming(false);
          void remove.run();
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('me.deleteConfirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
