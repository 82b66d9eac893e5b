import { COMMENT_BODY_MAX_LENGTH, type CommentView, type Page } from '@carebridge/contracts';
import { type FormEvent, useState } from 'react';
import { FormMessage, TextArea } from '../../../components/field';
import { LoadMore, usePaged } from '../../../components/load-more';
import { ReportButton } from '../../../components/report-button';
import { RichText } from '../../../components/rich-text';
import { ToggleButton } from '../../../components/toggle-button';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useOptimisticToggle } from '../../../lib/use-optimistic-toggle';
import { useUser } from '../../../lib/use-session';
import {
  acceptAnswer,
  createComment,
  deleteComment,
  reportComment,
  setCommentLike,
  updateComment,
} from '../api/post-writes';
import { listComments } from '../api/posts';
import { CommentMeta } from './comment-meta';

/** A comment's like button: one like per member, the count moving at once (optimistic). */
function CommentLike({ comment }: { comment: CommentView }) {
  const { t, locale } = useI18n();
  const like = useOptimisticToggle({ on: comment.likedByMe, count: comment.likeCount }, async (on) => {
    const state = await setCommentLike(comment.id, on);
    return { on: state.liked, count: state.likeCount };
  });
  return (
    <>
      <ToggleButton on={like.state.on} onToggle={like.toggle} quiet>
        {t('comment.like', { count: formatNumber(like.state.count, locale) })}
      </ToggleButton>
      {like.error.message ? <FormMessage message={like.error.message} /> : null}
    </>
  );
}

/** Writes a comment or a reply, or edits one (`initial`): the API's messages beside the field. */
function CommentForm({
  label,
  send,
  onSaved,
  submitLabel,
  initial = '',
  rows = 3,
  onCancel,
}: {
  label: string;
  send: (text: string) => Promise<CommentView>;
  onSaved: (comment: CommentView) => void;
  submitLabel: string;
  initial?: string;
  rows?: number;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState(initial);
  const { run, pending, error } = useAction(send);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await run(body);
    if (outcome.ok) {
      setBody('');
      onSaved(outcome.value);
    }
  };
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <TextArea
        label={label}
        name="body"
        rows={rows}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        maxLength={COMMENT_BODY_MAX_LENGTH}
        error={error.fields.body}
      />
      <FormMessage message={error.message} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </form>
  );
}

interface CommentProps {
  comment: CommentView;
  canAccept: boolean;
  onAccept: (id: string) => void;
  onDeleted: (id: string) => void;
  onEdited: (comment: CommentView) => void;
  /** A top-level comment of a Q&A post. */
  answer?: boolean;
  children?: React.ReactNode;
}

function Comment({ comment, canAccept, onAccept, onDeleted, onEdited, answer = false, children }: CommentProps) {
  const { t, locale } = useI18n();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const remove = useAction(() => deleteComment(comment.id));
  if (comment.deleted) {
    return (
      <li className="comment comment-deleted">
        <p className="muted">{t('comment.deleted')}</p>
        {children}
      </li>
    );
  }
  const mine = comment.isMine === true;
  return (
    <li className={comment.accepted ? 'comment comment-accepted' : 'comment'}>
      <CommentMeta comment={comment} answer={answer} likes={false} />
      {editing ? (
        <CommentForm
          label={t('comment.editLabel')}
          initial={comment.body}
          send={(text) => updateComment(comment.id, text)}
          submitLabel={t('common.save')}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onEdited(saved);
          }}
        />
      ) : (
        <p className="comment-body">
          <RichText text={comment.body} />
        </p>
      )}
      <div className="item-actions">
        {mine ? (
          <span className="muted">{t('comment.like', { count: formatNumber(comment.likeCount, locale) })}</span>
        ) : (
          <CommentLike comment={comment} />
        )}
        {mine && !editing ? (
          <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        ) : null}
        {canAccept && !mine ? (
          <button type="button" className="button button-quiet" onClick={() => onAccept(comment.id)}>
            {t('comment.accept')}
          </button>
        ) : null}
        {mine || user?.role === 'admin' ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={remove.pending}
            onClick={async () => {
              if ((await remove.run()).ok) onDeleted(comment.id);
            }}
          >
            {t('common.delete')}
          </button>
        ) : null}
        {user && !mine ? (
          <ReportButton onReport={(reason, detail) => reportComment(comment.id, { reason, detail })} />
        ) : null}
      </div>
      {remove.error.message ? <FormMessage message={remove.error.message} /> : null}
      {children}
    </li>
  );
}

/** Comments with everything a member can do: reply, delete, report, accept (Q&A authors). */
export default function MemberComments({
  postId,
  first,
  canAccept,
  onAccepted,
  answers,
}: {
  postId: string;
  first: Page<CommentView>;
  /** The viewer wrote this Q&A post and has not accepted an answer yet. */
  canAccept: boolean;
  onAccepted: () => void;
  /** A Q&A post: its comments are answers. */
  answers: boolean;
}) {
  const { t } = useI18n();
  const user = useUser();
  const paged = usePaged(first, (cursor) => listComments(postId, cursor));
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const accept = useAction(async (commentId: string) => {
    await acceptAnswer(postId, commentId);
    onAccepted();
  });

  const editLocally = (saved: CommentView) =>
    paged.setItems((items) =>
      items.map((c) =>
        c.id === saved.id
          ? { ...c, body: saved.body, updatedAt: saved.updatedAt }
          : { ...c, replies: c.replies?.map((r) => (r.id === saved.id ? { ...r, ...saved } : r)) },
      ),
    );

  const removeLocally = (id: string) =>
    paged.setItems((items) =>
      items
        .map((c) =>
          c.id === id
            ? { ...c, deleted: true, body: '', author: null }
            : { ...c, replies: c.replies?.filter((r) => r.id !== id) },
        )
        .filter((c) => !(c.deleted && (c.replies?.length ?? 0) === 0)),
    );

  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t(answers ? 'comment.answersTitle' : 'comment.title')}</h2>
      <FormMessage message={accept.error.message} />
      {paged.items.length === 0 ? <p className="empty">{t('comment.empty')}</p> : null}
      <ol className="comment-list">
        {paged.items.map((comment) => (
          <Comment
            key={comment.id}
            comment={comment}
            canAccept={canAccept}
            onAccept={(id) => void accept.run(id)}
            onDeleted={removeLocally}
            onEdited={editLocally}
            answer={answers}
          >
            {comment.replies && comment.replies.length > 0 ? (
              <ol className="reply-list" aria-label={t('comment.replies')}>
                {comment.replies.map((reply) => (
                  <Comment
                    key={reply.id}
                    comment={reply}
                    canAccept={canAccept}
                    onAccept={(id) => void accept.run(id)}
                    onDeleted={removeLocally}
                    onEdited={editLocally}
                  />
                ))}
              </ol>
            ) : null}
            {user && !comment.deleted ? (
              replyTo === comment.id ? (
                <CommentForm
                  label={t('comment.replyLabel', { nickname: comment.author?.nickname ?? '' })}
                  send={(text) => createComment(postId, text, comment.id)}
                  submitLabel={t('comment.reply')}
                  rows={2}
                  onSaved={(reply) => {
                    setReplyTo(null);
                    paged.setItems((items) =>
                      items.map((c) => (c.id === comment.id ? { ...c, replies: [...(c.replies ?? []), reply] } : c)),
                    );
                  }}
                />
              ) : (
                <button type="button" className="button button-quiet" onClick={() => setReplyTo(comment.id)}>
                  {t('comment.reply')}
                </button>
              )
            ) : null}
          </Comment>
        ))}
      </ol>
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
      {user ? (
        <CommentForm
          label={t('comment.label')}
          send={(text) => createComment(postId, text)}
          submitLabel={t('comment.submit')}
          onSaved={(comment) => paged.setItems((items) => [...items, { ...comment, replies: [] }])}
        />
      ) : null}
    </section>
  );
}
