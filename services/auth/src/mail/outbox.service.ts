import { randomUUID } from 'node:crypto';
import { JsonLogger } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { NEW_OUTBOX_ROW } from '../outbox/outbox-row.js';
import { type Mail, Mailer } from './mailer.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** Mail goes through the outbox: `enqueue` inside the caller's transaction, delivery afterwards. */
@Injectable()
export class OutboxService extends OutboxDispatcher<OutboxMessage> {
  constructor(
    @InjectRepository(OutboxMessage) messages: Repository<OutboxMessage>,
    private readonly mailer: Mailer,
    logger: JsonLogger,
  ) {
    super(messages, logger, 8);
  }

  async enqueue(manager: EntityManager, mail: Mail): Promise<void> {
    await manager.insert(OutboxMessage, {
      id: randomUUID(),
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      createdAt: new Date(),
      ...NEW_OUTBOX_ROW,
    });
  }

  protected deliver(message: OutboxMessage): Promise<void> {
    return this.mailer.send({ to: message.recipient, subject: message.subject, text: message.body });
  }
}
