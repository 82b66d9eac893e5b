/**
 * What a member's text may carry beyond its words, without any HTML: web addresses become links and
 * `**words**` become bold; line breaks and spaces stay as typed (the stylesheet keeps them).
 */
export type Inline = { text: string } | { bold: string } | { link: string };

/** The characters an address may hold (RFC 3986); Hangul right after one ends it ("…/a에서"). */
const ADDRESS = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
const BOLD = /\*\*([^*\n]+?)\*\*/g;
const TRAILING = /[.,;:!?'"*]+$/;

/** An address without the punctuation that ends the sentence around it, nor an unopened `)`. */
function trimAddress(candidate: string): string {
  let address = candidate.replace(TRAILING, '');
  while (address.endsWith(')') && (address.match(/\(/g)?.length ?? 0) < (address.match(/\)/g)?.length ?? 0)) {
    address = address.slice(0, -1).replace(TRAILING, '');
  }
  return address;
}

function isWebAddress(address: string): boolean {
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function withBold(text: string, out: Inline[]): void {
  let at = 0;
  for (const match of text.matchAll(BOLD)) {
    if (match.index > at) out.push({ text: text.slice(at, match.index) });
    out.push({ bold: match[1] as string });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
}

/** The pieces of `text` in order; joined, their text is `text` again but for the `**` marks. */
export function richInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    if (!isWebAddress(address)) continue;
    withBold(text.slice(at, match.index), out);
    out.push({ link: address });
    at = match.index + address.length;
  }
  withBold(text.slice(at), out);
  return out.filter((piece) => !('text' in piece) || piece.text !== '');
}
