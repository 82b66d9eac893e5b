import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { useUser } from '../../../lib/use-session';

/** A member's way to review: the write (or edit) button at their workplace, why not elsewhere. */
export default function MemberReviewAccess({ hospitalId, hasReview }: { hospitalId: string; hasReview: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  if (user?.hospitalId !== hospitalId) {
    return (
      <p className="notice" data-testid="review-refusal">
        {user?.hospitalId ? t('review.otherWorkplace') : t('review.noWorkplace')}{' '}
        <Link to={paths.me.href()}>{t('review.changeWorkplace')}</Link>
      </p>
    );
  }
  return (
    <p>
      <Link className="button button-primary" to={paths.review.href(hospitalId)}>
        {hasReview ? t('review.editMine') : t('review.write')}
      </Link>
    </p>
  );
}
