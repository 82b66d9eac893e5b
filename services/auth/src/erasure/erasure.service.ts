import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, JsonLogger } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { NEW_OUTBOX_ROW } from '../outbox/outbox-row.js';
import { ErasureRequest } from './erasure-request.entity.js';

const REQUEST_TIMEOUT_MS = 5_000;

/**
 * When an account is deleted, every service that shows its content (board, hospital) is told
 * to render it as a withdrawn member's: `DELETE {service}/internal/authors/{sub}` with the service
 * credential, retried until it succeeds.
 */
@Injectable()
export class ErasureService extends OutboxDispatcher<ErasureRequest> {
  constructor(
    @InjectRepository(ErasureRequest) requests: Repository<ErasureRequest>,
    private readonly config: AuthConfig,
    logger: JsonLogger,
  ) {
    super(requests, logger, 1_000);
  }

  async enqueue(manager: EntityManager, authorSub: string): Promise<void> {
    for (const serviceUrl of this.config.erasureServiceUrls) {
      await manager.insert(ErasureRequest, {
        id: randomUUID(),
        authorSub,
        serviceUrl,
        createdAt: new Date(),
        ...NEW_OUTBOX_ROW,
      });
    }
  }

  protected async deliver(request: ErasureRequest): Promise<void> {
    const url = `${request.serviceUrl}/internal/authors/${encodeURIComponent(request.authorSub)}`;
    const res = await fetch(url, {
      method: 'DELETE',
      headers: { [INTERNAL_TOKEN_HEADER]: this.config.INTERNAL_API_TOKEN ?? '' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 204 && res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  }
}
