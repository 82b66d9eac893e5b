import { createHash } from 'node:crypto';

/**
 * A hash of text as a reader sees it: compatibility forms folded (NFKC), case ignored, and white
 * space, punctuation, symbols and invisible characters dropped, so trivial edits do not make
 * a removed text "new".
 */
export function contentFingerprint(text: string): string {
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cf}\u3164\u115f\u1160\uffa0]+/gu, '');
  return createHash('sha256').update(normalised).digest('hex');
}
