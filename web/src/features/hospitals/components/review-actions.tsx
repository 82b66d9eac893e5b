import type { ReviewView } from '@carebridge/contracts';
import { FormMessage } from '../../../components/field';
import { ReportButton } from '../../../components/report-button';
import { ToggleButton } from '../../../components/toggle-button';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useOptimisticToggle } from '../../../lib/use-optimistic-toggle';
import { reportReview, setHelpful } from '../api/review-writes';

/** A member's buttons under someone else's review: helpful and report. Loaded for members only. */
export default function ReviewActions({ review }: { review: ReviewView }) {
  const { t, locale } = useI18n();
  const vote = useOptimisticToggle({ on: review.helpfulByMe, count: review.helpfulCount }, async (on) => {
    const state = await setHelpful(review.hospitalId, review.id, on);
    return { on: state.helpful, count: state.helpfulCount };
  });
  return (
    <>
      <div className="item-actions">
        <ToggleButton on={vote.state.on} onToggle={vote.toggle}>
          {t('review.helpful', { count: formatNumber(vote.state.count, locale) })}
        </ToggleButton>
        <ReportButton onReport={(reason, detail) => reportReview(review.hospitalId, review.id, { reason, detail })} />
      </div>
      <FormMessage message={vote.error.message} />
    </>
  );
}
