import { randomUUID } from 'node:crypto';
import {
  type HospitalModerationItem,
  type ModerationResolution,
  type Page,
  type ReportAction,
  type ReportReason,
  type ReportReceipt,
} from '@carebridge/contracts';
import {
  type Caller,
  decodeCursor,
  hidesAutomatically,
  isUniqueViolation,
  keysetAfter,
  lockRow,
  ProblemException,
  reporterHistory,
  reportWeight,
  retryingTransaction,
  toPage,
  WriteLimiter,
} from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { Hospital } from '../hospitals/hospital.entity.js';
import { hospitalNotFound } from '../hospitals/hospitals.service.js';
import { RatingSummaries } from '../reviews/rating-summaries.js';
import { Review } from '../reviews/review.entity.js';
import { isAuthor } from '../reviews/review-views.js';
import { reviewNotFound } from '../reviews/reviews.service.js';
import type { ListReportsQuery, ReportDto } from './dto/moderation.dto.js';
import { ModerationCase, Report } from './moderation.entities.js';

const EXCERPT_LENGTH = 120;
const RESOLUTIONS: Record<ReportAction, ModerationResolution> = {
  hide: 'hidden',
  restore: 'restored',
  dismiss: 'dismissed',
};

/**
 * Reports and the moderation queue, as on the board: one report per member and item, each weighed
 * by the reporter's standing (`reportWeight`: throwaway accounts and the hospital's own insiders
 * weigh nothing); an open case whose reports weigh REPORT_HIDE_WEIGHT takes the review out of the
 * public list until an admin decides, but only an admin's hide takes it out of the summary. A
 * resolved case records later reports without reopening.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    @InjectRepository(ModerationCase) private readonly cases: Repository<ModerationCase>,
    private readonly dataSource: DataSource,
    private readonly summaries: RatingSummaries,
    private readonly limiter: WriteLimiter,
  ) {}

  async reportReview(hospitalId: string, reviewId: string, caller: Caller, dto: ReportDto): Promise<ReportReceipt> {
    await this.limiter.take(caller, 'report');
    const weight = reportWeight(caller, { hospitalId }, Date.now(), await this.historyOf(caller.sub));
    try {
      return await retryingTransaction(this.dataSource, async (m) => {
        // Reports change review rows: take the hospital's lock like every review change.
        if (!(await lockRow(m, Hospital, hospitalId))) throw hospitalNotFound();
        const review = await m.findOneBy(Review, { id: reviewId, hospitalId });
        if (!review || (review.hidden && caller.role !== 'admin')) throw reviewNotFound();
        if (isAuthor(review, caller)) {
          throw ProblemException.forbidden('MODERATION.OWN_ITEM', 'You cannot report your own review.');
        }
        if (await m.existsBy(Report, { targetType: 'review', targetId: reviewId, reporterSub: caller.sub })) {
          throw alreadyReported();
        }
        const now = new Date();
        const report = {
          id: randomUUID(),
          targetType: 'review' as const,
          targetId: reviewId,
          reporterSub: caller.sub,
          reason: dto.reason,
          detail: dto.detail || null,
          weight,
          createdAt: now,
        };
        await m.insert(Report, report);
        const open = await this.countReport(m, reviewId, weight, now);
        if (open !== undefined && hidesAutomatically(open) && !review.hidden) {
          await m.update(Review, { id: reviewId }, { hidden: true });
        }
        return { received: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyReported();
      throw error;
    }
  }

  /** How admins decided the cases this member reported before: what their next report weighs. */
  private async historyOf(reporterSub: string) {
    return reporterHistory(
      await this.reports
        .createQueryBuilder('r')
        .innerJoin(ModerationCase, 'c', 'c.targetType = r.targetType AND c.targetId = r.targetId')
        .select('c.resolution', 'resolution')
        .addSelect('COUNT(*)', 'n')
        .where('r.reporterSub = :reporterSub', { reporterSub })
        .andWhere('c.status = :resolved', { resolved: 'resolved' })
        .groupBy('c.resolution')
        .getRawMany<{ resolution: string | null; n: string | number }>(),
    );
  }

  /** Adds a report to the item's case (opening one if needed); returns the case's weight if it is open. */
  private async countReport(
    m: EntityManager,
    reviewId: string,
    weight: number,
    now: Date,
  ): Promise<number | undefined> {
    const existing = await m.findOneBy(ModerationCase, { targetType: 'review', targetId: reviewId });
    if (!existing) {
      await m.insert(ModerationCase, {
        id: randomUUID(),
        targetType: 'review',
        targetId: reviewId,
        reportCount: 1,
        reportWeight: weight,
        status: 'open',
        resolution: null,
        createdAt: now,
        updatedAt: now,
      });
      return weight;
    }
    // The hospital's row lock orders every report of its reviews, so this read is current.
    await m.update(
      ModerationCase,
      { id: existing.id },
      { reportCount: existing.reportCount + 1, reportWeight: existing.reportWeight + weight, updatedAt: now },
    );
    return existing.status === 'open' ? existing.reportWeight + weight : undefined;
  }

  async queue(query: ListReportsQuery): Promise<Page<HospitalModerationItem>> {
    const qb = this.cases.createQueryBuilder('c').where('c.status = :status', { status: query.status });
    if (query.cursor) {
      const [updatedAt, id] = decodeCursor(query.cursor, ['string', 'string']) as [string, string];
      const date = new Date(updatedAt);
      if (Number.isNaN(date.getTime())) {
        throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
      }
      keysetAfter(qb, ['c.updatedAt', 'c.id'], [date, id]);
    }
    const cases = await qb
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    // `items` also serves `resolve`, inside its transaction.
    const items = await this.items(this.cases.manager, cases.slice(0, query.limit));
    return toPage(
      cases,
      query.limit,
      (c) => items.get(c.id) as HospitalModerationItem,
      (c) => [c.updatedAt.toISOString(), c.id],
    );
  }

  resolve(caseId: string, action: ReportAction): Promise<HospitalModerationItem> {
    return retryingTransaction(this.dataSource, async (m) => {
      const found = await m.findOneBy(ModerationCase, { id: caseId });
      if (!found) throw ProblemException.notFound('MODERATION.CASE_NOT_FOUND', 'There is no report case with this id.');
      const target = await m.findOneBy(Review, { id: found.targetId });
      if (target) {
        await lockRow(m, Hospital, target.hospitalId);
        await m.update(Review, { id: target.id }, { hidden: action === 'hide', adminHidden: action === 'hide' });
        await this.summaries.refresh(m, target.hospitalId);
      }
      await m.update(
        ModerationCase,
        { id: caseId },
        { status: 'resolved', resolution: RESOLUTIONS[action], updatedAt: new Date() },
      );
      const resolved = await m.findOneByOrFail(ModerationCase, { id: caseId });
      return (await this.items(m, [resolved])).get(caseId) as HospitalModerationItem;
    });
  }

  private async items(m: EntityManager, cases: ModerationCase[]): Promise<Map<string, HospitalModerationItem>> {
    const reviewIds = cases.map((c) => c.targetId);
    const reviews = new Map(
      reviewIds.length === 0 ? [] : (await m.findBy(Review, { id: In(reviewIds) })).map((r) => [r.id, r]),
    );
    const hospitalIds = [...new Set([...reviews.values()].map((r) => r.hospitalId))];
    const hospitals = new Map(
      hospitalIds.length === 0
        ? []
        : (await m.find(Hospital, { select: { id: true, name: true }, where: { id: In(hospitalIds) } })).map((h) => [
            h.id,
            h.name,
          ]),
    );
    const reasons = new Map<string, Partial<Record<ReportReason, number>>>();
    if (reviewIds.length > 0) {
      const rows = await m
        .createQueryBuilder(Report, 'r')
        .select('r.targetId', 'targetId')
        .addSelect('r.reason', 'reason')
        .addSelect('COUNT(*)', 'n')
        .where('r.targetType = :type', { type: 'review' })
        .andWhere('r.targetId IN (:...ids)', { ids: reviewIds })
        .groupBy('r.targetId')
        .addGroupBy('r.reason')
        .getRawMany<{ targetId: string; reason: ReportReason; n: string | number }>();
      for (const row of rows) {
        const counts = reasons.get(row.targetId) ?? {};
        counts[row.reason] = Number(row.n);
        reasons.set(row.targetId, counts);
      }
    }
    return new Map(
      cases.map((c) => {
        const review = reviews.get(c.targetId);
        const item: HospitalModerationItem = {
          id: c.id,
          targetType: c.targetType,
          targetId: c.targetId,
          excerpt: review ? excerpt(`${review.title} — ${review.body}`) : '',
          reportCount: c.reportCount,
          reportWeight: c.reportWeight,
          reasons: reasons.get(c.targetId) ?? {},
          hidden: review?.hidden ?? false,
          status: c.status,
          createdAt: c.createdAt.toISOString(),
          hospitalId: review?.hospitalId ?? null,
          hospitalName: review ? (hospitals.get(review.hospitalId) ?? null) : null,
          resolution: c.resolution,
        };
        return [c.id, item];
      }),
    );
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  return chars.length <= EXCERPT_LENGTH ? flat : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}

function alreadyReported(): ProblemException {
  return ProblemException.conflict('MODERATION.ALREADY_REPORTED', 'You have already reported this review.');
}
