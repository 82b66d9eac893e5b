import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { FormMessage, SubmitRow } from '../../components/field';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { requestEmailCode, verifyEmail } from '../../features/auth/api/auth';
import { CodeField } from '../../features/auth/components/code-fields';
import { useT } from '../../lib/i18n';
import { runsLocally } from '../../lib/local-site';
import { useAction } from '../../lib/use-action';
import { useUser } from '../../lib/use-session';

export function Component() {
  const t = useT();
  const user = useUser();
  const [sent, setSent] = useState(false);
  const send = useAction(async () => {
    await requestEmailCode();
    setSent(true);
  });
  const verify = useAction((code: string) => verifyEmail(code));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void verify.run(String(new FormData(event.currentTarget).get('code') ?? '').trim());
  };
  if (user?.emailVerified) {
    return (
      <>
        <PageHeader title={t('verify.title')} />
        <p role="status" className="form-message form-message-success">
          {user.insiderVerified ? t('verify.doneInsider') : t('verify.done')}
        </p>
        <p className="actions">
          <Link className="button button-primary" to={paths.home.href()}>
            {t('notFound.home')}
          </Link>
          <Link className="button" to={paths.me.href()}>
            {t('me.title')}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('verify.title')} lead={t('verify.lead', { email: user?.email ?? '' })} />
      <div className="form narrow">
        <p>
          <button type="button" className="button" onClick={() => void send.run()} disabled={send.pending}>
            {sent ? t('verify.resend') : t('verify.send')}
          </button>
        </p>
        <FormMessage
          message={send.error.message ?? (sent ? t('verify.sent') : null)}
          tone={send.error.message ? 'error' : 'success'}
        />
        <p className="field-hint">{runsLocally() ? t('verify.localHint') : t('verify.mailHint')}</p>
      </div>
      <form className="form narrow" onSubmit={submit} noValidate>
        <CodeField error={verify.error.fields.code} />
        <SubmitRow label={t('verify.submit')} pending={verify.pending} message={verify.error.message} />
      </form>
    </>
  );
}
