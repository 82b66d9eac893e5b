import { INTERNAL_TOKEN_HEADER, JsonLogger } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config.js';

const TIMEOUT_MS = 3_000;

/**
 * The staff email domains a hospital registered, asked of the hospital service at verification
 * time: `GET {HOSPITAL_INTERNAL_URL}/internal/hospitals/:id/email-domains` with the service
 * credential. An unknown hospital, or a hospital service that does not answer, means no domains:
 * the member can still be verified by an admin.
 */
@Injectable()
export class WorkplaceDomains {
  constructor(
    private readonly config: AuthConfig,
    private readonly logger: JsonLogger,
  ) {}

  async of(hospitalId: string): Promise<string[]> {
    const base = this.config.HOSPITAL_INTERNAL_URL;
    if (!base) return [];
    const url = `${base.replace(/\/+$/, '')}/internal/hospitals/${encodeURIComponent(hospitalId)}/email-domains`;
    try {
      const res = await fetch(url, {
        headers: { [INTERNAL_TOKEN_HEADER]: this.config.INTERNAL_API_TOKEN ?? '' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.status === 404) return [];
      if (!res.ok) throw new Error(`answered ${res.status}`);
      const body = (await res.json()) as { domains?: unknown };
      return Array.isArray(body.domains)
        ? body.domains.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase())
        : [];
    } catch (error) {
      this.logger.emit('warn', 'hospital email domains unavailable; affiliation not checked', {
        context: 'WorkplaceDomains',
        reason: (error as Error).message,
      });
      return [];
    }
  }
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
