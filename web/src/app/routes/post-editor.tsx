import type { PostDetail } from '@carebridge/contracts';
import { useLoaderData, useNavigate } from 'react-router';
import { InsiderPrompt } from '../../components/insider-prompt';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { createPost, updatePost } from '../../features/board/api/post-writes';
import { type PostFields, PostForm } from '../../features/board/components/post-form';
import { clearDraft } from '../../lib/drafts';
import { useT } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import { useUser } from '../../lib/use-session';
import type { newPostLoader } from '../data/board';
import type { editPostLoader } from '../data/post';

type Data = Awaited<ReturnType<typeof newPostLoader>> & Partial<Awaited<ReturnType<typeof editPostLoader>>>;

export function Component() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { board, post } = useLoaderData() as Data;
  const draftKey = `${user?.id}:${post ? `edit:${post.id}` : `new:${board}`}`;
  const save = useAction(async (fields: PostFields): Promise<PostDetail> => {
    const saved = post ? await updatePost(post.id, fields) : await createPost({ board, ...fields });
    clearDraft(draftKey);
    navigate(paths.post.href(saved.board, saved.id), { replace: Boolean(post) });
    return saved;
  });
  const title = post ? t('post.editTitle') : t('post.newTitle', { board: t(`board.${board}`) });
  if (!user) {
    return (
      <>
        <PageHeader title={title} />
        <InsiderPrompt message={t('prompt.write')} />
      </>
    );
  }
  if (post && !post.isMine) {
    return (
      <>
        <PageHeader title={title} />
        <p role="alert">{t('post.notYours')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} />
      <PostForm
        initial={post ? { title: post.title, body: post.body } : undefined}
        onSubmit={(fields) => void save.run(fields)}
        pending={save.pending}
        error={save.error}
        submitLabel={post ? t('common.save') : t('post.publish')}
        draftKey={draftKey}
      />
    </>
  );
}
