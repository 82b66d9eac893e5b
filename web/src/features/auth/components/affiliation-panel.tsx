import { AFFILIATION_EVIDENCE_MAX_LENGTH, type AffiliationRequestView } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { FormMessage, SubmitRow, TextArea, TextField } from '../../../components/field';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { requestAffiliationReview, sendWorkEmailCode, verifyWorkEmail } from '../api/auth';
import { CodeField } from './code-fields';

const fieldOf = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();

/** The state of the member's latest request, in words. */
function RequestStatus({ request }: { request: AffiliationRequestView }) {
  const { t, locale } = useI18n();
  if (request.method === 'work-email') return null;
  const tone = request.status === 'rejected' ? 'tag tag-warning' : 'tag';
  return (
    <p className="notice" role="status">
      <span className={tone}>{t(`affiliation.status.${request.status}`)}</span>{' '}
      {t('affiliation.requestedOn', { date: formatDate(request.createdAt, locale) })}
      {request.status === 'rejected' ? ` ${t('affiliation.rejectedHint')}` : null}
    </p>
  );
}

function WorkEmailForm() {
  const { t } = useI18n();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useAction(async (email: string) => {
    await sendWorkEmailCode(email);
    setSentTo(email);
  });
  const verify = useAction((code: string) => verifyWorkEmail(code));
  return (
    <>
      <form
        noValidate
        aria-label={t('affiliation.byEmail')}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void send.run(fieldOf(event.currentTarget, 'workEmail'));
        }}
      >
        <TextField
          label={t('affiliation.workEmail')}
          name="workEmail"
          type="email"
          autoComplete="email"
          hint={t('affiliation.workEmailHint')}
          error={send.error.fields.email}
        />
        <p className="actions">
          <button type="submit" className="button" disabled={send.pending}>
            {sentTo ? t('verify.resend') : t('affiliation.sendCode')}
          </button>
        </p>
        <FormMessage
          message={send.error.message ?? (sentTo ? t('affiliation.codeSent', { email: sentTo }) : null)}
          tone={send.error.message ? 'error' : 'success'}
        />
      </form>
      {sentTo ? (
        <form
          noValidate
          aria-label={t('affiliation.confirmCode')}
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void verify.run(fieldOf(event.currentTarget, 'workCode'));
          }}
        >
          <CodeField name="workCode" error={verify.error.fields.code} />
          <SubmitRow label={t('verify.submit')} pending={verify.pending} message={verify.error.message} />
        </form>
      ) : null}
    </>
  );
}

function EvidenceForm({ onSent }: { onSent: (request: AffiliationRequestView) => void }) {
  const { t } = useI18n();
  const ask = useAction(async (evidence: string) => onSent(await requestAffiliationReview(evidence)));
  return (
    <form
      noValidate
      aria-label={t('affiliation.byEvidence')}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void ask.run(fieldOf(event.currentTarget, 'evidence'));
      }}
    >
      <TextArea
        label={t('affiliation.evidence')}
        name="evidence"
        rows={4}
        maxLength={AFFILIATION_EVIDENCE_MAX_LENGTH}
        hint={t('affiliation.evidenceHint')}
        error={ask.error.fields.evidence}
      />
      <SubmitRow label={t('affiliation.askAdmin')} pending={ask.pending} message={ask.error.message} primary={false} />
    </form>
  );
}

/**
 * How a member with an unverified workplace becomes a verified insider, from 내 정보: a code to a
 * work address at a domain the hospital registered, or evidence for an admin to judge.
 */
export function AffiliationPanel({ latest }: { latest: AffiliationRequestView | null }) {
  const { t } = useI18n();
  const [request, setRequest] = useState(latest);
  const waiting = request?.status === 'pending';
  return (
    <section className="form" aria-labelledby="affiliation-title">
      <h2 id="affiliation-title">{t('affiliation.title')}</h2>
      <p>{t('affiliation.lead')}</p>
      {request ? <RequestStatus request={request} /> : null}
      <h3>{t('affiliation.byEmail')}</h3>
      <WorkEmailForm />
      <h3>{t('affiliation.byEvidence')}</h3>
      {waiting ? <p className="field-hint">{t('affiliation.waitingHint')}</p> : <EvidenceForm onSent={setRequest} />}
    </section>
  );
}
