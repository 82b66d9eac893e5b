import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { useI18n } from '../lib/i18n';

interface FieldShell {
  label: ReactNode;
  /** The API's (or the form's) message for this field. */
  error?: string | undefined;
  hint?: ReactNode;
}

function useFieldIds(id: string | undefined) {
  const generated = useId();
  const base = id ?? generated;
  return { id: base, errorId: `${base}-error`, hintId: `${base}-hint` };
}

function describedBy(ids: ReturnType<typeof useFieldIds>, error?: string, hint?: ReactNode) {
  return [hint ? ids.hintId : null, error ? ids.errorId : null].filter(Boolean).join(' ') || undefined;
}

function Messages({ ids, error, hint }: { ids: ReturnType<typeof useFieldIds>; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={ids.errorId}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** What every control of a field carries: its id and what describes it. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A label, the control `render` draws, and the field's hint and error, tied together by ids. */
function Field({
  label,
  error,
  hint,
  id,
  render,
}: FieldShell & { id: string | undefined; render: (control: ControlProps) => ReactNode }) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      {render({
        id: ids.id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(ids, error, hint),
      })}
      <Messages ids={ids} error={error} hint={hint} />
    </div>
  );
}

export function TextField({ label, error, hint, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint} id={id} render={(control) => <input {...control} {...input} />} />
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  ...input
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} error={error} hint={hint} id={id} render={(control) => <textarea {...control} {...input} />} />
  );
}

export function SelectField({
  label,
  error,
  hint,
  id,
  children,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      id={id}
      render={(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    />
  );
}

/** The message about a whole form; announced when it appears. */
export function FormMessage({ message, tone = 'error' }: { message: string | null; tone?: 'error' | 'success' }) {
  return (
    <p
      className={message ? `form-message form-message-${tone}` : 'visually-hidden'}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {message}
    </p>
  );
}

/** A form's message and its one submit button. */
export function SubmitRow({
  label,
  pending,
  message,
  tone = 'error',
  primary = true,
}: {
  label: string;
  pending: boolean;
  message: string | null;
  tone?: 'error' | 'success';
  primary?: boolean;
}) {
  return (
    <>
      <FormMessage message={message} tone={tone} />
      <p className="actions">
        <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={pending}>
          {label}
        </button>
      </p>
    </>
  );
}

/** The save button of a form that edits something in place: the failure, or 저장했어요 once it is saved. */
export function SaveRow({
  action,
  saved,
}: {
  action: { pending: boolean; error: { message: string | null } };
  saved: boolean;
}) {
  const { t } = useI18n();
  const failure = action.error.message;
  return (
    <SubmitRow
      label={t('common.save')}
      pending={action.pending}
      message={failure ?? (saved ? t('me.saved') : null)}
      tone={failure ? 'error' : 'success'}
    />
  );
}
