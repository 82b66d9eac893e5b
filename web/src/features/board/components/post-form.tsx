import { POST_BODY_MAX_LENGTH, POST_TITLE_MAX_LENGTH } from '@carebridge/contracts';
import type { FormEvent } from 'react';
import { FormMessage, TextArea, TextField } from '../../../components/field';
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
}: {
  initial?: PostFields;
  onSubmit: (fields: PostFields) => void;
  pending: boolean;
  error: Described;
  submitLabel: string;
}) {
  const t = useT();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onSubmit({ title: String(data.get('title') ?? ''), body: String(data.get('body') ?? '') });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('post.title')}
        name="title"
        defaultValue={initial?.title}
        maxLength={POST_TITLE_MAX_LENGTH}
        error={error.fields.title}
        required
      />
      <TextArea
        label={t('post.body')}
        name="body"
        defaultValue={initial?.body}
        rows={12}
        maxLength={POST_BODY_MAX_LENGTH}
        error={error.fields.body}
        hint={t('post.bodyHint')}
        required
      />
      <FormMessage message={error.message} />
      <p className="actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
      </p>
    </form>
  );
}
