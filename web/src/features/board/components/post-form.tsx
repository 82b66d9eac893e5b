import { POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { SubmitRow, TextArea, TextField } from '../../../components/field';
import { clearDraft, readDraft, saveDraft } from '../../../lib/drafts';
import type { Described } from '../../../lib/field-errors';
import { useT } from '../../../lib/i18n';

export interface PostFields {
  title: string;
  body: string;
}

/** Write or edit a post. Validation is the API's: its messages appear beside the fields. */
export function PostForm({
  initial,
  onSubmit,
  pending,
  error,
  submitLabel,
  draftKey,
}: {
  initial?: PostFields;
  onSubmit: (fields: PostFields) => void;
  pending: boolean;
  error: Described;
  submitLabel: string;
  /** Where unsent text is kept until it is sent (the caller clears it after a save). */
  draftKey: string;
}) {
  const t = useT();
  const [restored, setRestored] = useState(() => readDraft<PostFields>(draftKey));
  // A new key for the fields discards what the browser kept in them.
  const [generation, setGeneration] = useState(0);
  const shown = restored ?? initial;
  const fieldsOf = (form: HTMLFormElement): PostFields => {
    const data = new FormData(form);
    return { title: String(data.get('title') ?? ''), body: String(data.get('body') ?? '') };
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(fieldsOf(event.currentTarget));
  };
  return (
    <form
      key={generation}
      className="form"
      onSubmit={submit}
      onInput={(event) => saveDraft(draftKey, fieldsOf(event.currentTarget))}
      noValidate
    >
      {restored ? (
        <p className="notice" role="status">
          {t('post.draftRestored')}{' '}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              clearDraft(draftKey);
              setRestored(null);
              setGeneration((g) => g + 1);
            }}
          >
            {t('post.draftDiscard')}
          </button>
        </p>
      ) : null}
      <TextField
        label={t('post.title')}
        name="title"
        defaultValue={shown?.title}
        maxLength={POST_TITLE_MAX_LENGTH}
        error={error.fields.title}
        required
      />
      <TextArea
        label={t('post.body')}
        name="body"
        defaultValue={shown?.body}
        rows={12}
        maxLength={POST_BODY_MAX_LENGTH}
        error={error.fields.body}
        hint={t('post.bodyHint')}
        required
      />
      <SubmitRow label={submitLabel} pending={pending} message={error.message} />
    </form>
  );
}
