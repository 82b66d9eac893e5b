import type { ReviewView } from '@carebridge/contracts';
import { useState } from 'react';
import { FormMessage } from '../../../components/field';
import { ReportButton } from '../../../components/report-button';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { reportReview, setHelpful } from '../api/review-writes';

/** A member's buttons under someone else's review: helpful and report. Loaded for members only. */
export default function ReviewActions({ review }: { review: ReviewView }) {
  const { t, locale } = useI18n();
  const [helpful, setHelpfulState] = useState({ helpful: review.helpfulByMe, count: review.helpfulCount });
  const vote = useAction(async () => {
    const state = await setHelpful(review.hospitalId, review.id, !helpful.helpful);
    setHelpfulState({ helpful: state.helpful, count: state.helpfulCount });
  });
  return (
    <>
      <div className="item-actions">
        <button
          type="button"
          className={helpful.helpful ? 'button button-toggle on' : 'button button-toggle'}
          aria-pressed={helpful.helpful}
          disabled={vote.pending}
          onClick={() => void vote.run()}
        >
          {t('review.helpful', { count: formatNumber(helpful.count, locale) })}
        </button>
        <ReportButton onReport={(reason, detail) => reportReview(review.hospitalId, review.id, { reason, detail })} />
      </div>
      <FormMessage message={vote.error.message} />
    </>
  );
}
