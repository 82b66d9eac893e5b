import { REPORT_DETAIL_MAX_LENGTH, REPORT_REASONS, type ReportReason } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { useT } from '../lib/i18n';
import { useAction } from '../lib/use-action';
import { FormMessage, SelectField, TextField } from './field';

/** The report form, loaded (with its texts) when someone opens it. */
export function ReportForm({
  onReport,
  onClose,
}: {
  onReport: (reason: ReportReason, detail?: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const [done, setDone] = useState(false);
  // No reason is chosen for the reporter: a preselected one would file reports under it.
  const [unchosen, setUnchosen] = useState(false);
  const { run, pending, error } = useAction(onReport);

  if (done)
    return (
      <p className="report-done" role="status">
        {t('report.done')}
      </p>
    );
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const detail = String(data.get('detail') ?? '').trim();
    const reason = String(data.get('reason') ?? '');
    setUnchosen(reason === '');
    if (reason === '') return;
    const outcome = await run(reason as ReportReason, detail || undefined);
    if (outcome.ok) setDone(true);
  };
  return (
    <form className="report-form" onSubmit={submit} noValidate>
      <SelectField
        autoFocus
        label={t('report.reason')}
        name="reason"
        defaultValue=""
        required
        aria-required
        error={unchosen ? t('report.reasonRequired') : error.fields.reason}
      >
        <option value="" disabled>
          {t('report.reasonPlaceholder')}
        </option>
        {REPORT_REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {t(`report.reason.${reason}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('report.detail')}
        name="detail"
        maxLength={REPORT_DETAIL_MAX_LENGTH}
        error={error.fields.detail}
      />
      <FormMessage message={error.message} />
      <p className="actions">
        <button type="submit" className="button button-danger" disabled={pending}>
          {t('report.submit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
