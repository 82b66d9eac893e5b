import { randomUUID } from 'node:crypto';
import type {
  AdminAffiliationRequest,
  AffiliationDecision,
  AffiliationRequestView,
  MyAffiliation,
  MyProfile,
  Page,
} from '@carebridge/contracts';
import { type Caller, decodeCursor, keysetAfter, ProblemException, toPage } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { checkCode, codeMail, issueCode, refuseWithinCooldown } from '../mail/one-time-code.js';
import { OutboxService } from '../mail/outbox.service.js';
import { ThrottleStore } from '../throttle/throttle-store.js';
import { callerAccount } from '../users/caller-account.js';
import { maskEmail, normalizeEmail, toMyProfile } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import type { AffiliationQueueQuery } from './affiliation.dto.js';
import { AffiliationRequest } from './affiliation-request.entity.js';
import { emailDomain, WorkplaceDomains } from './workplace-domains.js';

/** Work-email codes per account and hour: enough for typos, too few to mail-bomb a colleague. */
const WORK_EMAIL_MAILS_PER_HOUR = 5;

export interface WorkEmailSent {
  sentTo: string;
  expiresAt: string;
}

/**
 * A member proves their workplace one of two ways: a code mailed to a work address at a domain
 * their hospital registered (verified at once when typed back), or evidence text that waits in the
 * admin queue to be approved or rejected. Either way the result is `insiderVerified` on the account,
 * valid for the workplace the request named; a workplace change leaves old requests behind.
 */
@Injectable()
export class AffiliationService {
  constructor(
    @InjectRepository(AffiliationRequest) private readonly requests: Repository<AffiliationRequest>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly throttle: ThrottleStore,
    private readonly workplaceDomains: WorkplaceDomains,
    private readonly config: AuthConfig,
  ) {}

  async mine(caller: Caller): Promise<MyAffiliation> {
    const user = await callerAccount(this.users, caller);
    if (!user.hospitalId) return { request: null };
    const latest = await this.requests.findOne({
      where: { userId: user.id, hospitalId: user.hospitalId },
      order: { createdAt: 'DESC' },
    });
    return { request: latest ? toView(latest) : null };
  }

  async sendWorkEmailCode(caller: Caller, rawEmail: string): Promise<WorkEmailSent> {
    const user = await this.unverifiedWithWorkplace(caller);
    const email = normalizeEmail(rawEmail);
    if (!(await this.workplaceDomains.of(user.hospitalId)).includes(emailDomain(email))) {
      throw ProblemException.badRequest(
        'AUTH.WORK_EMAIL_DOMAIN_NOT_REGISTERED',
        'Your workplace has not registered this address domain. Ask an admin to verify you instead.',
        [{ field: 'email', message: 'is not at a domain your workplace registered' }],
      );
    }
    const now = new Date();
    const latest = await this.requests.findOne({
      where: { userId: user.id, method: 'work-email' },
      order: { createdAt: 'DESC' },
    });
    refuseWithinCooldown(latest?.createdAt, this.config.EMAIL_CODE_RESEND_SECONDS, now);
    await this.throttle.take(`affiliation-mail:${user.id}`, WORK_EMAIL_MAILS_PER_HOUR, 3600, now, {
      key: 'AUTH.EMAIL_CODE_COOLDOWN',
      detail: 'Too many codes this hour. Wait before asking for another.',
    });
    const { id, code, codeHash, expiresAt, minutes } = issueCode(now, this.config.EMAIL_CODE_TTL_SECONDS);
    await this.dataSource.transaction(async (manager) => {
      // Only the newest code counts: earlier unfinished ones are withdrawn.
      await manager.update(
        AffiliationRequest,
        { userId: user.id, status: 'code-sent' },
        { status: 'rejected', decidedAt: now },
      );
      await manager.insert(AffiliationRequest, {
        id,
        userId: user.id,
        hospitalId: user.hospitalId,
        method: 'work-email',
        status: 'code-sent',
        workEmail: email,
        codeHash,
        attempts: 0,
        expiresAt,
        evidence: null,
        createdAt: now,
        decidedAt: null,
      });
      await this.outbox.enqueue(
        manager,
        codeMail(
          email,
          code,
          { ko: '소속 인증 코드', en: 'workplace verification code' },
          `이 코드는 ${minutes}분 동안 유효합니다. It expires in ${minutes} minutes.\n` +
            '요청하지 않았다면 이 메일을 무시하세요. If you did not ask for it, ignore this mail.',
        ),
      );
    });
    this.outbox.kick();
    return { sentTo: maskEmail(email), expiresAt: expiresAt.toISOString() };
  }

  async verifyWorkEmail(caller: Caller, code: string): Promise<MyProfile> {
    const user = await this.unverifiedWithWorkplace(caller);
    const pending = await this.requests.findOne({
      where: { userId: user.id, hospitalId: user.hospitalId, method: 'work-email', status: 'code-sent' },
      order: { createdAt: 'DESC' },
    });
    const matched = await checkCode(
      pending?.codeHash && pending.expiresAt
        ? { ...pending, codeHash: pending.codeHash, expiresAt: pending.expiresAt }
        : null,
      code,
      this.config.EMAIL_CODE_MAX_ATTEMPTS,
      (id) => this.requests.increment({ id }, 'attempts', 1),
    );
    await this.approve(matched.id, user.id);
    return toMyProfile({ ...user, insiderVerified: true });
  }

  async requestReview(caller: Caller, evidence: string): Promise<AffiliationRequestView> {
    const user = await this.unverifiedWithWorkplace(caller);
    if (await this.requests.exists({ where: { userId: user.id, status: 'pending' } })) {
      throw ProblemException.conflict('AUTH.AFFILIATION_REQUEST_PENDING', 'A request is already waiting for an admin.');
    }
    const row: AffiliationRequest = {
      id: randomUUID(),
      userId: user.id,
      hospitalId: user.hospitalId,
      method: 'evidence',
      status: 'pending',
      workEmail: null,
      codeHash: null,
      attempts: 0,
      expiresAt: null,
      evidence,
      createdAt: new Date(),
      decidedAt: null,
    };
    await this.requests.insert(row);
    return toView(row);
  }

  async queue(query: AffiliationQueueQuery): Promise<Page<AdminAffiliationRequest>> {
    const qb = this.requests
      .createQueryBuilder('r')
      .where('r.method = :method', { method: 'evidence' })
      .andWhere('r.status = :status', { status: query.status });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['timestamp', 'string']);
      keysetAfter(qb, ['r.created_at', 'r.id'], [new Date(at as string), id as string]);
    }
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const ids = [...new Set(rows.map((r) => r.userId))];
    const members = new Map((ids.length ? await this.users.findBy({ id: In(ids) }) : []).map((u) => [u.id, u]));
    return toPage(
      rows,
      query.limit,
      (row) => {
        const member = members.get(row.userId);
        return {
          ...toView(row),
          userId: row.userId,
          nickname: member?.nickname ?? '',
          jobCategory: member?.jobCategory ?? null,
          accountEmailDomain: member ? emailDomain(member.email) : '',
        };
      },
      (row) => [row.createdAt.toISOString(), row.id],
    );
  }

  async decide(id: string, decision: AffiliationDecision): Promise<AffiliationRequestView> {
    const request = await this.requests.findOneBy({ id });
    if (request?.method !== 'evidence') {
      throw ProblemException.notFound('AUTH.AFFILIATION_REQUEST_NOT_FOUND', 'There is no such request.');
    }
    if (request.status !== 'pending') {
      throw ProblemException.conflict('AUTH.AFFILIATION_REQUEST_DECIDED', 'This request was already decided.');
    }
    if (decision === 'approve') {
      await this.approve(request.id, request.userId, request.hospitalId);
    } else {
      await this.settle(this.requests.manager, request.id, 'rejected', new Date());
    }
    return toView(await this.requests.findOneByOrFail({ id }));
  }

  /** Approves one open request and marks its member a verified insider, if still at that workplace. */
  private async approve(requestId: string, userId: string, hospitalId?: string): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user || (hospitalId !== undefined && user.hospitalId !== hospitalId)) {
        throw ProblemException.conflict(
          'AUTH.AFFILIATION_WORKPLACE_CHANGED',
          'The member has named another workplace since asking.',
        );
      }
      await this.settle(manager, requestId, 'approved', now);
      await manager.update(User, { id: userId }, { insiderVerified: true, updatedAt: now });
    });
  }

  /** Closes an open request; a request another admin (or a second tab) closed first is a 409. */
  private async settle(manager: EntityManager, id: string, status: 'approved' | 'rejected', now: Date): Promise<void> {
    const result = await manager.update(
      AffiliationRequest,
      { id, status: In(['pending', 'code-sent']) },
      { status, decidedAt: now },
    );
    if (!result.affected) {
      throw ProblemException.conflict('AUTH.AFFILIATION_REQUEST_DECIDED', 'This request was already decided.');
    }
  }

  private async unverifiedWithWorkplace(caller: Caller): Promise<User & { hospitalId: string }> {
    const user = await callerAccount(this.users, caller);
    if (!user.hospitalId) {
      throw ProblemException.conflict('AUTH.NO_WORKPLACE', 'Name your workplace before asking to be verified.');
    }
    if (user.insiderVerified) {
      throw ProblemException.conflict('AUTH.AFFILIATION_ALREADY_VERIFIED', 'Your workplace is already verified.');
    }
    return user as User & { hospitalId: string };
  }
}

function toView(row: AffiliationRequest): AffiliationRequestView {
  return {
    id: row.id,
    method: row.method,
    status: row.status,
    hospitalId: row.hospitalId,
    workEmail: row.workEmail ? maskEmail(row.workEmail) : null,
    evidence: row.evidence,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}
