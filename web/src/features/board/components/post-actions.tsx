import type { BoardName, PostDetail } from '@carebridge/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FormMessage } from '../../../components/field';
import { ReportButton } from '../../../components/report-button';
import { ToggleButton } from '../../../components/toggle-button';
import { paths } from '../../../config/paths';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useOptimisticToggle } from '../../../lib/use-optimistic-toggle';
import { useUser } from '../../../lib/use-session';
import { deletePost, reportPost, setBookmark, setLike } from '../api/post-writes';

/** A member's buttons under a post: like; edit and delete (author); delete (admin); report. */
export default function PostActions({ board, post }: { board: BoardName; post: PostDetail }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const like = useOptimisticToggle({ on: post.likedByMe, count: post.likeCount }, async (on) => {
    const state = await setLike(post.id, on);
    return { on: state.liked, count: state.likeCount };
  });
  const bookmark = useOptimisticToggle({ on: post.bookmarkedByMe, count: 0 }, async (on) => ({
    on: (await setBookmark(post.id, on)).bookmarked,
    count: 0,
  }));
  const remove = useAction(async () => {
    await deletePost(post.id);
    navigate(paths.board.href(board), { replace: true });
  });
  const mine = post.isMine === true;
  return (
    <>
      <div className="item-actions">
        <ToggleButton on={like.state.on} onToggle={like.toggle}>
          {t('post.like', { count: formatNumber(like.state.count, locale) })}
        </ToggleButton>
        <ToggleButton on={bookmark.state.on} onToggle={bookmark.toggle}>
          {t('post.bookmark')}
        </ToggleButton>
        {mine ? (
          <Link className="button" to={paths.editPost.href(board, post.id)}>
            {t('common.edit')}
          </Link>
        ) : null}
        {mine || user?.role === 'admin' ? (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {t('common.delete')}
          </button>
        ) : null}
        {mine ? null : <ReportButton onReport={(reason, detail) => reportPost(post.id, { reason, detail })} />}
      </div>
      <FormMessage message={like.error.message ?? bookmark.error.message ?? remove.error.message} />
      <ConfirmDialog
        open={confirming}
        title={t('post.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.pending}
        onConfirm={() => void remove.run()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('post.deleteText')}</p>
      </ConfirmDialog>
    </>
  );
}
