import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, JsonLogger, RevocationStore, revocationInstant } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { NEW_OUTBOX_ROW } from '../outbox/outbox-row.js';
import { RevocationNotice } from './revocation-notice.entity.js';

const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Ends the write rights of an account's existing access tokens everywhere: recorded here (auth's
 * own guard reads it) and sent to every service that takes members' writes,
 * `POST {service}/internal/revocations {sub, notBefore}` with the service credential, through an
 * outbox that retries until each has it.
 */
@Injectable()
export class RevocationPublisher extends OutboxDispatcher<RevocationNotice> {
  constructor(
    @InjectRepository(RevocationNotice) notices: Repository<RevocationNotice>,
    private readonly store: RevocationStore,
    private readonly config: AuthConfig,
    logger: JsonLogger,
  ) {
    super(notices, logger, 1_000);
  }

  /** Inside the caller's transaction: tokens of `sub` issued before `at` stop writing. */
  async revoke(manager: EntityManager, sub: string, at = new Date()): Promise<void> {
    const notBefore = revocationInstant(at);
    await this.store.record(sub, notBefore, manager);
    for (const serviceUrl of this.config.erasureServiceUrls) {
      await manager.insert(RevocationNotice, {
        id: randomUUID(),
        sub,
        notBefore,
        serviceUrl,
        createdAt: new Date(),
        ...NEW_OUTBOX_ROW,
      });
    }
  }

  /**
   * Tokens carry `iat` in whole seconds, so a token issued in the second of a revocation would
   * count as revoked: a new session for `sub` waits (under a second) until that second has passed.
   */
  async waitUntilIssuable(sub: string): Promise<void> {
    const notBefore = await this.store.notBefore(sub);
    const wait = notBefore ? notBefore.getTime() - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000) + 5));
  }

  protected async deliver(notice: RevocationNotice): Promise<void> {
    const url = `${notice.serviceUrl}/internal/revocations`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: this.config.INTERNAL_API_TOKEN ?? '',
      },
      body: JSON.stringify({ sub: notice.sub, notBefore: notice.notBefore.toISOString() }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 204 && res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  }
}
