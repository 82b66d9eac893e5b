import { randomUUID } from 'node:crypto';
import { JsonLogger } from '@carebridge/platform';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { type Mail, Mailer } from './mailer.js';
import { OutboxMessage } from './outbox-message.entity.js';

const POLL_MS = 2_000;
const BATCH = 20;
const MAX_ATTEMPTS = 8;
const CLAIM_TIMEOUT_MS = 60_000;

/**
 * Mail is first written to the outbox inside the transaction that caused it, then delivered by
 * this dispatcher, so a crash never loses a message and a rolled-back change never sends one.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly mailer: Mailer,
    private readonly logger: JsonLogger,
  ) {}

  async enqueue(manager: EntityManager, mail: Mail): Promise<void> {
    await manager.insert(OutboxMessage, {
      id: randomUUID(),
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      attempts: 0,
      lastError: null,
      claimedAt: null,
      sentAt: null,
      createdAt: new Date(),
    });
  }

  /** Delivers soon rather than at the next poll. */
  kick(): void {
    setImmediate(() => void this.dispatch());
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.dispatch(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  dispatch(): Promise<void> {
    this.running ??= this.deliverPending().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverPending(): Promise<void> {
    const staleClaim = new Date(Date.now() - CLAIM_TIMEOUT_MS);
    const pending = await this.messages.find({
      where: [
        { sentAt: IsNull(), claimedAt: IsNull(), attempts: LessThan(MAX_ATTEMPTS) },
        { sentAt: IsNull(), claimedAt: LessThan(staleClaim), attempts: LessThan(MAX_ATTEMPTS) },
      ],
      order: { createdAt: 'ASC' },
      take: BATCH,
    });
    for (const message of pending) {
      // Claim first: of several replicas polling the same outbox, exactly one sends each message.
      const claimed = await this.messages.update(
        { id: message.id, sentAt: IsNull(), attempts: message.attempts },
        { claimedAt: new Date(), attempts: message.attempts + 1 },
      );
      if (!claimed.affected) continue;
      try {
        await this.mailer.send({ to: message.recipient, subject: message.subject, text: message.body });
        await this.messages.update({ id: message.id }, { sentAt: new Date(), lastError: null });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.emit('warn', 'mail delivery failed; will retry', { context: 'Outbox', id: message.id, reason });
        await this.messages.update({ id: message.id }, { claimedAt: null, lastError: reason.slice(0, 500) });
      }
    }
  }
}
