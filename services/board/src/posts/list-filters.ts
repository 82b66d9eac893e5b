import { type FieldError, POPULAR_TOP_LIMIT, type PostPeriod } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import type { SelectQueryBuilder } from 'typeorm';
import type { ListPostsQuery } from './dto/post.dto.js';
import { popularSince } from './popular-window.js';
import type { Post } from './post.entity.js';

/** The combinations the field validators cannot see: each filter only where it means something. */
export function listFilterErrors(query: ListPostsQuery): FieldError[] {
  const errors: FieldError[] = [];
  if (query.answered !== undefined && query.board !== 'qna') {
    errors.push({ field: 'answered', message: 'only applies with board=qna' });
  }
  if (query.period !== undefined && query.sort !== 'popular') {
    errors.push({ field: 'period', message: 'only applies with sort=popular' });
  }
  if (query.period !== undefined && query.cursor !== undefined) {
    errors.push({ field: 'cursor', message: 'a period list is one top list without further pages' });
  }
  return errors;
}

export function assertListFilters(query: ListPostsQuery): void {
  const errors = listFilterErrors(query);
  if (errors.length > 0) throw ProblemException.validation(errors);
}

/** Q&A: answered means the asker accepted an answer (the `answered` of a post summary). */
export function whereAnswered(qb: SelectQueryBuilder<Post>, answered: boolean | undefined): void {
  if (answered === undefined) return;
  qb.andWhere(answered ? 'p.accepted_comment_id IS NOT NULL' : 'p.accepted_comment_id IS NULL');
}

/**
 * The period's top list: most liked, then most commented, then newest; bounded, so no cursor.
 * A post nobody liked is not popular, however quiet the week.
 */
export function topOfPeriod(
  qb: SelectQueryBuilder<Post>,
  period: PostPeriod,
  now: number,
  limit: number,
): Promise<Post[]> {
  return qb
    .andWhere('p.created_at >= :since', { since: popularSince(now, period) })
    .andWhere('p.like_count > 0')
    .orderBy('p.like_count', 'DESC')
    .addOrderBy('p.comment_count', 'DESC')
    .addOrderBy('p.created_at', 'DESC')
    .addOrderBy('p.id', 'DESC')
    .take(Math.min(limit, POPULAR_TOP_LIMIT))
    .getMany();
}
