import { randomUUID } from 'node:crypto';
import type { HelpfulState, Page, ReviewView } from '@carebridge/contracts';
import {
  type Caller,
  dialectOfConnection,
  everyColumn,
  isUniqueViolation,
  lockRow,
  ProblemException,
  retryingTransaction,
  selectPlain,
  toPage,
  WriteLimiter,
} from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { Hospital } from '../hospitals/hospital.entity.js';
import { hospitalNotFound } from '../hospitals/hospitals.service.js';
import { ModerationCase, Report } from '../moderation/moderation.entities.js';
import type { CreateReviewDto, ListReviewsQuery, UpdateReviewDto } from './dto/review.dto.js';
import { RatingSummaries } from './rating-summaries.js';
import { HelpfulVote, Review } from './review.entity.js';
import { cursorAnchor, cursorOf, filterReviews, orderReviews } from './review-list.js';
import { isAuthor, isVerifiedInsiderOf, toReviewView } from './review-views.js';

export const reviewNotFound = () =>
  ProblemException.notFound('HOSPITAL.REVIEW_NOT_FOUND', 'There is no review with this id at this hospital.');

@Injectable()
export class ReviewsService {
  constructor(
    @InjectRepository(Hospital) private readonly hospitals: Repository<Hospital>,
    @InjectRepository(Review) private readonly reviews: Repository<Review>,
    private readonly dataSource: DataSource,
    private readonly summaries: RatingSummaries,
    private readonly limiter: WriteLimiter,
  ) {}

  async list(hospitalId: string, query: ListReviewsQuery, caller: Caller | undefined): Promise<Page<ReviewView>> {
    if (!(await this.hospitals.existsBy({ id: hospitalId }))) throw hospitalNotFound();
    const qb = this.reviews
      .createQueryBuilder('r')
      .select(everyColumn(this.reviews.metadata, 'r'))
      .where('r.hospitalId = :hospitalId', { hospitalId })
      .andWhere('r.hidden = :hidden', { hidden: false });
    filterReviews(qb, query);
    let anchor: Review | null = null;
    if (query.cursor) {
      anchor = await this.reviews.findOneBy({ id: cursorAnchor(query, query.cursor), hospitalId });
      if (!anchor) {
        throw ProblemException.validation([
          { field: 'cursor', message: 'is not a cursor this list gave out (or its review is gone): start again' },
        ]);
      }
    }
    orderReviews(qb, query.sort, anchor);
    const shape = [query.sort, !!query.tier, !!query.jobCategory, query.overall !== undefined, !!anchor, query.limit];
    const rows = await selectPlain(qb.limit(query.limit + 1), shape.join());
    const helpfulByMe = await this.helpfulByMe(
      this.reviews.manager,
      caller,
      rows.map((r) => r.id),
    );
    return toPage(
      rows,
      query.limit,
      (r) => toReviewView(r, { caller, helpfulByMe }),
      (r) => cursorOf(query, r),
    );
  }

  async get(hospitalId: string, reviewId: string, caller: Caller | undefined): Promise<ReviewView> {
    // Reads share their helpers with writes: a write passes its transaction's manager, a read the repository's.
    const review = await this.visibleReview(this.reviews.manager, hospitalId, reviewId, caller);
    return this.view(this.reviews.manager, review, caller);
  }

  /** The caller's own review of this hospital, hidden or not. */
  async mine(hospitalId: string, caller: Caller): Promise<ReviewView> {
    if (!(await this.hospitals.existsBy({ id: hospitalId }))) throw hospitalNotFound();
    const review = await this.reviews.findOneBy({ hospitalId, authorSub: caller.sub });
    if (!review) {
      throw ProblemException.notFound('HOSPITAL.NO_REVIEW_YET', 'You have not reviewed this hospital yet.');
    }
    return this.view(this.reviews.manager, review, caller, true);
  }

  async create(hospitalId: string, caller: Caller, dto: CreateReviewDto): Promise<ReviewView> {
    await this.limiter.take(caller, 'review');
    try {
      return await retryingTransaction(this.dataSource, async (m) => {
        if (!(await lockRow(m, Hospital, hospitalId))) throw hospitalNotFound();
        assertInsider(caller, hospitalId);
        if (await m.existsBy(Review, { hospitalId, authorSub: caller.sub })) throw alreadyReviewed();
        const now = new Date();
        const review = m.create(Review, {
          id: randomUUID(),
          hospitalId,
          authorSub: caller.sub,
          ...authorSnapshot(caller, dto.showJobCategory ?? false),
          verifiedInsider: isVerifiedInsiderOf(caller, hospitalId),
          ...dto.ratings,
          recommend: dto.recommend,
          title: dto.title,
          body: dto.body,
          helpfulCount: 0,
          hidden: false,
          adminHidden: false,
          createdAt: now,
          updatedAt: now,
        });
        await m.insert(Review, review);
        await this.summaries.refresh(m, hospitalId);
        return toReviewView(review, { caller });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyReviewed();
      throw error;
    }
  }

  update(hospitalId: string, reviewId: string, caller: Caller, dto: UpdateReviewDto): Promise<ReviewView> {
    return retryingTransaction(this.dataSource, async (m) => {
      if (!(await lockRow(m, Hospital, hospitalId))) throw hospitalNotFound();
      const review = await this.visibleReview(m, hospitalId, reviewId, caller);
      if (!isAuthor(review, caller)) {
        throw ProblemException.forbidden('HOSPITAL.NOT_REVIEW_AUTHOR', 'Only the author can edit a review.');
      }
      const changes: Partial<Review> = {
        ...dto.ratings,
        ...(dto.recommend !== undefined ? { recommend: dto.recommend } : {}),
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.body !== undefined ? { body: dto.body } : {}),
        ...authorSnapshot(caller, dto.showJobCategory ?? review.showJobCategory),
        // Becoming a verified insider here lifts the review into the summary; having left keeps its tier.
        verifiedInsider: review.verifiedInsider || isVerifiedInsiderOf(caller, hospitalId),
        updatedAt: new Date(),
      };
      await m.update(Review, { id: review.id }, changes);
      Object.assign(review, changes);
      await this.summaries.refresh(m, hospitalId);
      return this.view(m, review, caller);
    });
  }

  /**
   * The author deletes their review; an admin may delete any (hidden ones included). A review that
   * moderation hid stays, with its case, until an admin decides: deleting it would let the author
   * write it afresh, outside the decision.
   */
  remove(hospitalId: string, reviewId: string, caller: Caller): Promise<void> {
    return retryingTransaction(this.dataSource, async (m) => {
      if (!(await lockRow(m, Hospital, hospitalId))) throw hospitalNotFound();
      const review = await m.findOneBy(Review, { id: reviewId, hospitalId });
      const mine = review !== null && isAuthor(review, caller);
      if (!review || (review.hidden && !mine && caller.role !== 'admin')) throw reviewNotFound();
      if (review.hidden && caller.role !== 'admin') {
        throw ProblemException.forbidden(
          'HOSPITAL.REVIEW_MODERATED',
          'A moderator is holding or has hidden this review; it cannot be deleted while that stands.',
        );
      }
      if (!mine && caller.role !== 'admin') {
        throw ProblemException.forbidden(
          'HOSPITAL.NOT_REVIEW_AUTHOR',
          'Only the author or an admin can delete a review.',
        );
      }
      await m.delete(Report, { targetType: 'review', targetId: review.id });
      await m.delete(ModerationCase, { targetType: 'review', targetId: review.id });
      await m.delete(HelpfulVote, { reviewId: review.id });
      await m.delete(Review, { id: review.id });
      await this.summaries.refresh(m, hospitalId);
    });
  }

  async setHelpful(hospitalId: string, reviewId: string, caller: Caller, helpful: boolean): Promise<HelpfulState> {
    await this.limiter.take(caller, 'like');
    return retryingTransaction(this.dataSource, async (m) => {
      // Votes on one review take turns on its row, so the count moves only when a vote really changes.
      if (!(await lockRow(m, Review, reviewId))) throw reviewNotFound();
      const review = await this.visibleReview(m, hospitalId, reviewId, caller);
      if (isAuthor(review, caller)) {
        throw ProblemException.forbidden('HOSPITAL.OWN_REVIEW', 'You cannot mark your own review as helpful.');
      }
      const voted = await m.existsBy(HelpfulVote, { reviewId, voterSub: caller.sub });
      if (helpful && !voted) {
        await m.insert(HelpfulVote, { reviewId, voterSub: caller.sub, createdAt: new Date() });
        await m.increment(Review, { id: reviewId }, 'helpfulCount', 1);
      } else if (!helpful && voted) {
        await m.delete(HelpfulVote, { reviewId, voterSub: caller.sub });
        await m.decrement(Review, { id: reviewId }, 'helpfulCount', 1);
      }
      const { helpfulCount } = await m.findOneByOrFail(Review, { id: reviewId });
      return { helpful, helpfulCount };
    });
  }

  /**
   * Account deletion: the member's reviews stay readable under "withdrawn member" with nothing
   * personal left, and their votes and reports lose the account id (replaced per row by a random
   * one, so counts stay right and nothing links them together). Idempotent.
   */
  forgetAuthor(sub: string): Promise<void> {
    return retryingTransaction(this.dataSource, async (m) => {
      await m.update(
        Review,
        { authorSub: sub },
        { authorSub: null, authorNickname: null, authorJobCategory: null, showJobCategory: false },
      );
      const anonymous =
        dialectOfConnection(this.dataSource) === 'postgres'
          ? "'gone:' || gen_random_uuid()"
          : "'gone:' || lower(hex(randomblob(16)))";
      await m
        .createQueryBuilder()
        .update(HelpfulVote)
        .set({ voterSub: () => anonymous })
        .where('voterSub = :sub', { sub })
        .execute();
      await m
        .createQueryBuilder()
        .update(Report)
        .set({ reporterSub: () => anonymous })
        .where('reporterSub = :sub', { sub })
        .execute();
    });
  }

  /** A review the caller may see: hidden ones exist for admins only. */
  async visibleReview(
    m: EntityManager,
    hospitalId: string,
    reviewId: string,
    caller: Caller | undefined,
  ): Promise<Review> {
    const review = await m.findOneBy(Review, { id: reviewId, hospitalId });
    if (!review || (review.hidden && caller?.role !== 'admin')) throw reviewNotFound();
    return review;
  }

  private async view(m: EntityManager, review: Review, caller: Caller | undefined, own = false): Promise<ReviewView> {
    return toReviewView(review, {
      caller,
      helpfulByMe: await this.helpfulByMe(m, caller, [review.id]),
      showHidden: own || caller?.role === 'admin',
    });
  }

  private async helpfulByMe(m: EntityManager, caller: Caller | undefined, reviewIds: string[]): Promise<Set<string>> {
    if (!caller || reviewIds.length === 0) return new Set();
    const votes = await m.find(HelpfulVote, {
      select: { reviewId: true },
      where: { voterSub: caller.sub, reviewId: In(reviewIds) },
    });
    return new Set(votes.map((v) => v.reviewId));
  }
}

function assertInsider(caller: Caller, hospitalId: string): void {
  if (caller.hospitalId === hospitalId) return;
  throw ProblemException.forbidden(
    'HOSPITAL.NOT_AN_INSIDER',
    caller.hospitalId
      ? 'Only people who work at a hospital can review it, and your account names another workplace. Change your workplace in your profile if you work here.'
      : 'Only people who work at a hospital can review it. Add this hospital as your workplace in your profile first.',
  );
}

function alreadyReviewed(): ProblemException {
  return ProblemException.conflict(
    'HOSPITAL.ALREADY_REVIEWED',
    'You have already reviewed this hospital. Edit your review instead (GET …/reviews/mine).',
  );
}

/** What a review keeps of its author besides the account id: only the job category, if shown. */
function authorSnapshot(caller: Caller, showJobCategory: boolean) {
  return {
    authorNickname: null,
    showJobCategory,
    authorJobCategory: showJobCategory ? caller.jobCategory : null,
  };
}
