import type { CreateReviewRequest } from '@carebridge/contracts';
import { Link, useLoaderData, useNavigate } from 'react-router';
import { InsiderPrompt } from '../../components/insider-prompt';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { createReview, updateReview } from '../../features/hospitals/api/review-writes';
import { ReviewForm } from '../../features/hospitals/components/review-form';
import { useT } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import { useUser } from '../../lib/use-session';
import type { reviewLoader } from '../data/hospital';

/** Write (or edit) a review: only for insiders of this hospital; everyone else learns why not. */
export function Component() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { hospital, mine } = useLoaderData<typeof reviewLoader>();
  const save = useAction(async (review: CreateReviewRequest) => {
    if (mine) await updateReview(hospital.id, mine.id, review);
    else await createReview(hospital.id, review);
    navigate(paths.hospital.href(hospital.id));
  });
  const title = mine ? t('review.editTitle', { name: hospital.name }) : t('review.writeTitle', { name: hospital.name });
  if (!user) {
    return (
      <>
        <PageHeader title={title} />
        <InsiderPrompt message={t('prompt.review')} />
      </>
    );
  }
  if (user.hospitalId !== hospital.id) {
    return (
      <>
        <PageHeader title={title} />
        <p className="notice" role="alert" data-testid="review-refusal">
          {user.hospitalId ? t('review.otherWorkplace') : t('review.noWorkplace')}{' '}
          <Link to={paths.me.href()}>{t('review.changeWorkplace')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} lead={t('review.lead')} />
      <ReviewForm
        initial={mine}
        onSubmit={(review) => void save.run(review)}
        pending={save.pending}
        error={save.error}
        submitLabel={mine ? t('common.save') : t('review.publish')}
      />
    </>
  );
}
