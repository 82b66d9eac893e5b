import type { BoardName } from '@carebridge/contracts';
import { BOARDS } from '@carebridge/contracts';
import { redirect } from 'react-router';
import { notFound } from '../../components/route-error';
import { paths } from '../../config/paths';
import { ApiError } from '../../lib/api-client';
import { session } from '../../lib/session';

/*
 * Loaders load with their page (in parallel with its component, see router.tsx), so the first
 * bundle carries none but the helpers here.
 */

export function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function boardParam(value: string | undefined): BoardName {
  if (!BOARDS.includes(value as BoardName)) notFound();
  return value as BoardName;
}

/** A malformed id in the URL (400) means the same to a reader as a missing one. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) notFound();
    throw error;
  }
}

export async function signedIn(request: Request) {
  await session.ready;
  if (!session.user) {
    const url = new URL(request.url);
    throw redirect(paths.login.href(url.pathname + url.search));
  }
  return session.user;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
