import { randomUUID } from 'node:crypto';
import type { ModerationItem, ModerationResolution, Page, ReportAction, ReportReason } from '@carebridge/contracts';
import {
  type Caller,
  decodeCursor,
  hidesAutomatically,
  isUniqueViolation,
  keysetAfter,
  ProblemException,
  reporterHistory,
  reportWeight,
  toPage,
  WriteLimiter,
} from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { Comment } from '../comments/comment.entity.js';
import { CommentsService } from '../comments/comments.service.js';
import { Post } from '../posts/post.entity.js';
import { excerptOf } from '../posts/post-views.js';
import { PostsService } from '../posts/posts.service.js';
import type { CreateReportDto, ReportQueueQuery } from './dto/report.dto.js';
import { ModerationCase } from './moderation-case.entity.js';
import { Report, type TargetType } from './report.entity.js';

const RESOLUTIONS: Record<ReportAction, { hidden: boolean; resolution: ModerationResolution }> = {
  hide: { hidden: true, resolution: 'hidden' },
  restore: { hidden: false, resolution: 'restored' },
  dismiss: { hidden: false, resolution: 'dismissed' },
};

const targetEntity = (type: TargetType) => (type === 'post' ? Post : Comment);

/**
 * Members report posts and comments; each report weighs what its reporter's standing is worth
 * (`reportWeight`), and an open case whose reports weigh REPORT_HIDE_WEIGHT hides the item until an
 * admin decides. Below that the item stays visible and waits in the queue. Later reports on a
 * decided case are kept but change nothing.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(ModerationCase) private readonly cases: Repository<ModerationCase>,
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly posts: PostsService,
    private readonly comments: CommentsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  async report(
    targetType: TargetType,
    targetId: string,
    dto: CreateReportDto,
    caller: Caller,
  ): Promise<{ received: true }> {
    await this.limiter.take(caller, 'report');
    const target =
      targetType === 'post'
        ? await this.posts.findVisible(targetId, caller)
        : await this.comments.findVisible(targetId, caller);
    if (target.authorSub !== null && target.authorSub === caller.sub) {
      throw ProblemException.forbidden('MODERATION.OWN_ITEM', `You cannot report your own ${targetType}.`);
    }
    const weight = reportWeight(caller, {}, Date.now(), await this.historyOf(caller.sub));
    const caseId = await this.ensureCase(targetType, targetId);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(Report, {
          id: randomUUID(),
          caseId,
          targetType,
          targetId,
          reporterSub: caller.sub,
          reason: dto.reason,
          detail: dto.detail || null,
          weight,
          createdAt: new Date(),
        });
        await manager.update(
          ModerationCase,
          { id: caseId },
          {
            reportCount: () => 'report_count + 1',
            reportWeight: () => `report_weight + ${weight}`,
            updatedAt: new Date(),
          },
        );
        const current = await manager.findOneByOrFail(ModerationCase, { id: caseId });
        if (current.status === 'open' && hidesAutomatically(current.reportWeight)) {
          await this.setHidden(manager, targetType, targetId, true);
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw ProblemException.conflict('MODERATION.ALREADY_REPORTED', 'You already reported this.');
    }
    return { received: true };
  }

  async queue(query: ReportQueueQuery): Promise<Page<ModerationItem>> {
    const qb = this.cases.createQueryBuilder('m').where('m.status = :status', { status: query.status });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['timestamp', 'string']);
      keysetAfter(qb, ['m.updated_at', 'm.id'], [new Date(at as string), id as string]);
    }
    const rows = await qb
      .orderBy('m.updated_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const items = await this.describe(rows.slice(0, query.limit));
    return toPage(
      rows,
      query.limit,
      (row) => items.get(row.id) as ModerationItem,
      (row) => [row.updatedAt.toISOString(), row.id],
    );
  }

  async resolve(caseId: string, action: ReportAction): Promise<ModerationItem> {
    const found = await this.cases.findOneBy({ id: caseId });
    if (!found) throw ProblemException.notFound('BOARD.REPORT_NOT_FOUND', 'There is no such report.');
    const { hidden, resolution } = RESOLUTIONS[action];
    await this.dataSource.transaction(async (manager) => {
      await this.setHidden(manager, found.targetType, found.targetId, hidden);
      await manager.update(ModerationCase, { id: found.id }, { status: 'resolved', resolution, updatedAt: new Date() });
    });
    const [updated] = await this.describe([await this.cases.findOneByOrFail({ id: found.id })]);
    return updated?.[1] as ModerationItem;
  }

  /** How admins decided the cases this member reported before: what their next report weighs. */
  private async historyOf(reporterSub: string) {
    const rows = await this.reports
      .createQueryBuilder('r')
      .innerJoin(ModerationCase, 'm', 'm.id = r.case_id')
      .select('m.resolution', 'resolution')
      .addSelect('COUNT(*)', 'n')
      .where('r.reporter_sub = :reporterSub', { reporterSub })
      .andWhere('m.status = :resolved', { resolved: 'resolved' })
      .groupBy('m.resolution')
      .getRawMany<{ resolution: string | null; n: string | number }>();
    return reporterHistory(rows);
  }

  private async ensureCase(targetType: TargetType, targetId: string): Promise<string> {
    const existing = await this.cases.findOne({ where: { targetType, targetId }, select: { id: true } });
    if (existing) return existing.id;
    const now = new Date();
    try {
      const id = randomUUID();
      await this.cases.insert({
        id,
        targetType,
        targetId,
        reportCount: 0,
        reportWeight: 0,
        status: 'open',
        resolution: null,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await this.cases.findOneOrFail({ where: { targetType, targetId }, select: { id: true } })).id;
    }
  }

  private async setHidden(manager: EntityManager, type: TargetType, id: string, hidden: boolean): Promise<void> {
    await manager.update(targetEntity(type), { id }, { hidden });
  }

  /** Builds the moderator's view of cases: what was reported, how often, for which reasons. */
  private async describe(rows: ModerationCase[]): Promise<Map<string, ModerationItem>> {
    const ids = (type: TargetType) => rows.filter((r) => r.targetType === type).map((r) => r.targetId);
    const [posts, comments, reasonCounts] = await Promise.all([
      ids('post').length ? this.dataSource.getRepository(Post).findBy({ id: In(ids('post')) }) : [],
      ids('comment').length ? this.dataSource.getRepository(Comment).findBy({ id: In(ids('comment')) }) : [],
      rows.length
        ? this.reports
            .createQueryBuilder('r')
            .select('r.case_id', 'caseId')
            .addSelect('r.reason', 'reason')
            .addSelect('COUNT(*)', 'n')
            .where('r.case_id IN (:...ids)', { ids: rows.map((r) => r.id) })
            .groupBy('r.case_id')
            .addGroupBy('r.reason')
            .getRawMany<{ caseId: string; reason: ReportReason; n: string | number }>()
        : [],
    ]);
    const targets = new Map<string, { excerpt: string; hidden: boolean }>([
      ...posts.map((p) => [p.id, { excerpt: p.title, hidden: p.hidden }] as const),
      ...comments.map((c) => [c.id, { excerpt: excerptOf(c.body), hidden: c.hidden }] as const),
    ]);
    return new Map(
      rows.map((row) => {
        const reasons: ModerationItem['reasons'] = {};
        for (const r of reasonCounts.filter((x) => x.caseId === row.id)) reasons[r.reason] = Number(r.n);
        const target = targets.get(row.targetId);
        return [
          row.id,
          {
            id: row.id,
            targetType: row.targetType,
            targetId: row.targetId,
            excerpt: target?.excerpt ?? '',
            reportCount: row.reportCount,
            reportWeight: row.reportWeight,
            reasons,
            hidden: target?.hidden ?? false,
            status: row.status,
            createdAt: row.createdAt.toISOString(),
          },
        ];
      }),
    );
  }
}
