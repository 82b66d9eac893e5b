import { NICKNAME_PATTERN, RESERVED_NICKNAMES } from '@carebridge/contracts';

/**
 * Characters that show as nothing or as a blank: format characters (zero-width spaces and joiners,
 * BOM, bidi controls), variation selectors, Hangul fillers, the Braille blank, combining grapheme
 * joiner and other default-ignorables. A nickname holding one is refused, never silently cleaned.
 */
const INVISIBLE_CLASSES = /[\p{Cf}\p{Zs}]/u;
const INVISIBLE_RANGES: [number, number][] = [
  [0x034f, 0x034f], // combining grapheme joiner
  [0x115f, 0x1160], // Hangul choseong and jungseong fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors
  [0x2800, 0x2800], // Braille blank
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xffa0, 0xffa0], // half-width Hangul filler
  [0xe0100, 0xe01ef], // variation selectors supplement
];

function hasInvisible(text: string): boolean {
  return [...text].some((ch) => {
    const cp = ch.codePointAt(0) as number;
    return INVISIBLE_CLASSES.test(ch) || INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
  });
}

/**
 * Look-alikes folded onto one letter (after NFKC, which already maps full-width forms, and lower
 * casing): Cyrillic and Greek letters drawn like Latin ones, and digits drawn like letters. A small
 * table in the spirit of Unicode's confusables (UTS #39), covering the letters of Latin names.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'l',
  ї: 'l',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ӏ: 'l',
  п: 'n',
  г: 'r',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  ς: 'c',
  // Latin and digits that read as other letters
  ı: 'l',
  i: 'l',
  '1': 'l',
  '|': 'l',
  '0': 'o',
  '5': 's',
  $: 's',
};

export type NicknameProblem = 'pattern' | 'invisible' | 'reserved';

export type NormalizedNickname =
  | { ok: true; display: string; skeleton: string }
  | { ok: false; problem: NicknameProblem };

/** The form two nicknames share when a reader could mistake one for the other. */
export function nicknameSkeleton(nickname: string): string {
  const folded = [...nickname.normalize('NFKC').toLowerCase()].map((ch) => CONFUSABLES[ch] ?? ch).join('');
  // Separators do not tell names apart ("ad_min" is "admin"); "rn" and "vv" read as "m" and "w".
  return folded
    .replace(/[_.\-\s]/g, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

const RESERVED = RESERVED_NICKNAMES.map(nicknameSkeleton);
/** Latin labels are reserved whole (with digits), so "badminton" stays free; Korean ones anywhere in a name. */
const isLatinWord = (skeleton: string) => /^[a-z]+$/.test(skeleton);

export function isReservedSkeleton(skeleton: string): boolean {
  const bare = skeleton.replace(/[0-9l]+$/, '');
  return RESERVED.some((reserved) =>
    isLatinWord(reserved) ? skeleton === reserved || bare === reserved : skeleton.includes(reserved),
  );
}

/** The nickname as stored and shown (NFKC), and its skeleton, or why it is refused. */
export function normalizeNickname(raw: string, options: { allowReserved?: boolean } = {}): NormalizedNickname {
  const display = raw.normalize('NFKC').trim();
  if (hasInvisible(display)) return { ok: false, problem: 'invisible' };
  if (!NICKNAME_PATTERN.test(display)) return { ok: false, problem: 'pattern' };
  const skeleton = nicknameSkeleton(display);
  if (!options.allowReserved && isReservedSkeleton(skeleton)) return { ok: false, problem: 'reserved' };
  return { ok: true, display, skeleton };
}
