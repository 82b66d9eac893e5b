import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

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

export function TextField({ label, error, hint, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <input
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, error, hint)}
        {...input}
      />
      <Messages ids={ids} error={error} hint={hint} />
    </div>
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  ...input
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <textarea
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, error, hint)}
        {...input}
      />
      <Messages ids={ids} error={error} hint={hint} />
    </div>
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
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <select
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, error, hint)}
        {...select}
      >
        {children}
      </select>
      <Messages ids={ids} error={error} hint={hint} />
    </div>
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
