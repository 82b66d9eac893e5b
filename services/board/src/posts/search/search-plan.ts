import { type CursorValue, ProblemException } from '@carebridge/platform';

/**
 * A search lists title matches first, then posts that match in the body only; each phase newest
 * first. The cursor carries the phase, so a page can end in one and the next begin in the other.
 */
export type SearchPhase = 'title' | 'body';
export const SEARCH_PHASES: readonly SearchPhase[] = ['title', 'body'];
export const SEARCH_CURSOR_SHAPE = ['string', 'timestamp', 'string'] as const;

export interface SearchPosition {
  phase: SearchPhase;
  /** The last row handed out in that phase, or null to start at its newest. */
  after: { at: Date; id: string } | null;
}

export function searchStart(cursor: CursorValue[] | undefined): SearchPosition {
  if (!cursor) return { phase: 'title', after: null };
  const [phase, at, id] = cursor as [string, string, string];
  if (phase !== 'title' && phase !== 'body') {
    throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
  }
  return { phase, after: { at: new Date(at), id } };
}

export function searchCursorOf(phase: SearchPhase, row: { createdAt: Date; id: string }): CursorValue[] {
  return [phase, row.createdAt.toISOString(), row.id];
}

/** Phases still to search from a position: its own, then the ones after it. */
export function phasesFrom(phase: SearchPhase): SearchPhase[] {
  return SEARCH_PHASES.slice(SEARCH_PHASES.indexOf(phase));
}

/**
 * The full-text query for a phrase, or null when the index should not be trusted with it: only
 * Hangul syllables, ASCII and spaces are known to normalise the same in the index as in the
 * database's collation; anything else (emoji, jamo, other scripts) is found by scanning.
 */
export function fullTextPhrase(q: string): string | null {
  if (!/^[\u0020-\u007e\uac00-\ud7a3]+$/u.test(q) || q.trim() === '') return null;
  return `+"${q.replace(/[\\"]/g, '\\$&')}"`;
}
