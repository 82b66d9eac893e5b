import {
  type CreateReviewRequest,
  RATING_CATEGORIES,
  RATING_MAX,
  RATING_MIN,
  type RatingCategory,
  type Ratings,
  REVIEW_BODY_MAX_LENGTH,
  REVIEW_BODY_MIN_LENGTH,
  REVIEW_TITLE_MAX_LENGTH,
  type ReviewView,
} from '@carebridge/contracts';
import type { FormEvent } from 'react';
import { SubmitRow, TextArea, TextField } from '../../../components/field';
import type { Described } from '../../../lib/field-errors';
import { useT } from '../../../lib/i18n';

const SCALE = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);

/** One rating as a radio group from 1 to 5, both ends labelled with what they mean. */
function RatingInput({
  category,
  initial,
  error,
}: {
  category: RatingCategory;
  initial: number | null;
  error?: string;
}) {
  const t = useT();
  return (
    <fieldset className="field rating-input" aria-describedby={error ? `err-${category}` : undefined}>
      <legend>
        {t(`rating.${category}`)} <span className="muted">{t(`rating.${category}.hint`)}</span>
      </legend>
      <div className="scale">
        {SCALE.map((value) => (
          <label key={value}>
            <input type="radio" name={`rating-${category}`} value={value} defaultChecked={initial === value} />
            <span>{value}</span>
            {value === RATING_MIN || value === RATING_MAX ? (
              <span className="visually-hidden">{` ${t(value === RATING_MIN ? 'rating.low' : 'rating.high')}`}</span>
            ) : null}
          </label>
        ))}
      </div>
      <p className="scale-ends" aria-hidden="true">
        <span>
          {RATING_MIN} {t('rating.low')}
        </span>
        <span>
          {RATING_MAX} {t('rating.high')}
        </span>
      </p>
      {error ? (
        <p className="field-error" id={`err-${category}`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function RecommendInput({ initial }: { initial: boolean }) {
  const t = useT();
  return (
    <fieldset className="field">
      <legend>{t('review.recommendQuestion')}</legend>
      <div className="scale">
        <label>
          <input type="radio" name="recommend" value="yes" defaultChecked={initial} />
          <span>{t('common.yes')}</span>
        </label>
        <label>
          <input type="radio" name="recommend" value="no" defaultChecked={!initial} />
          <span>{t('common.no')}</span>
        </label>
      </div>
    </fieldset>
  );
}

/** The review the form's fields hold. */
function reviewOf(data: FormData): CreateReviewRequest {
  const ratings = Object.fromEntries(
    RATING_CATEGORIES.map((category) => [category, Number(data.get(`rating-${category}`) ?? 0)]),
  ) as Ratings;
  return {
    ratings,
    recommend: data.get('recommend') === 'yes',
    title: String(data.get('title') ?? ''),
    body: String(data.get('body') ?? ''),
    showJobCategory: data.get('showJobCategory') === 'on',
  };
}

/** Six ratings as radio groups (keyboard: arrows), recommend yes/no, title and body. */
export function ReviewForm({
  initial,
  onSubmit,
  pending,
  error,
  submitLabel,
}: {
  initial: ReviewView | null;
  onSubmit: (review: CreateReviewRequest) => void;
  pending: boolean;
  error: Described;
  submitLabel: string;
}) {
  const t = useT();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(reviewOf(new FormData(event.currentTarget)));
  };
  return (
    <form className="form review-form" onSubmit={submit} noValidate>
      {RATING_CATEGORIES.map((category) => (
        <RatingInput
          key={category}
          category={category}
          initial={initial ? initial.ratings[category] : null}
          // Whatever the API said about a rating (none chosen, out of range), the fix is the same.
          error={
            error.fields[`ratings.${category}`] || error.fields.ratings
              ? t('validation.rating', { min: RATING_MIN, max: RATING_MAX })
              : undefined
          }
        />
      ))}
      <RecommendInput initial={initial ? initial.recommend : true} />
      <TextField
        label={t('review.titleLabel')}
        name="title"
        defaultValue={initial?.title}
        maxLength={REVIEW_TITLE_MAX_LENGTH}
        error={error.fields.title}
      />
      <TextArea
        label={t('review.bodyLabel')}
        name="body"
        rows={8}
        defaultValue={initial?.body}
        maxLength={REVIEW_BODY_MAX_LENGTH}
        hint={t('review.bodyHint', { min: REVIEW_BODY_MIN_LENGTH })}
        error={error.fields.body}
      />
      <div className="field checkbox">
        <input
          type="checkbox"
          id="showJobCategory"
          name="showJobCategory"
          defaultChecked={initial ? initial.author.jobCategory !== null : false}
        />
        <label htmlFor="showJobCategory">{t('review.showJob')}</label>
      </div>
      <SubmitRow label={submitLabel} pending={pending} message={error.message} />
    </form>
  );
}
