/**
 * The form names are searched in: compatibility forms folded (NFKC, so full-width letters and
 * decomposed Hangul match), lower case, no whitespace — "삼성 서울" finds "삼성서울병원".
 */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Trims and folds free text typed by users or found in files (NFC, single spaces). */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
