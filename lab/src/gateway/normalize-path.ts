/**
 * The request path as the gateway routes it, normalised before any route is matched, as Envoy does
 * in the cluster with `normalize_path` (RFC 3986 §6.2.2: percent-encoded unreserved characters
 * decoded, other escapes upper-cased, `.` and `..` segments removed) and `merge_slashes`, with
 * escaped slashes and backslashes refused (`path_with_escaped_slashes_action: REJECT_REQUEST`).
 * A path that cannot be normalised without guessing is refused rather than routed.
 */
export type NormalizedPath = { ok: true; path: string; query: string } | { ok: false; reason: string };

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** pchar minus `%` (RFC 3986 §3.3): kept as written. */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
/** Escapes that would change the path's structure once a server decodes them: `/`, `\`, NUL. */
const REFUSED_ESCAPES = new Set(['2F', '5C', '00']);

export function normalizePath(target: string): NormalizedPath {
  if (!target.startsWith('/')) return { ok: false, reason: 'The request target must be a path starting with /.' };
  const queryAt = target.indexOf('?');
  const raw = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt);
  if (raw.includes('\\')) return { ok: false, reason: 'The path contains a backslash.' };

  let decoded = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '%') {
      const hex = raw.slice(i + 1, i + 3).toUpperCase();
      if (!/^[0-9A-F]{2}$/.test(hex)) return { ok: false, reason: 'The path has a malformed percent-escape.' };
      if (REFUSED_ESCAPES.has(hex)) return { ok: false, reason: `The path contains an escaped %${hex}.` };
      const byte = String.fromCharCode(Number.parseInt(hex, 16));
      decoded += UNRESERVED.test(byte) ? byte : `%${hex}`;
      i += 2;
    } else if (char === '/' || PCHAR.test(char)) {
      decoded += char;
    } else {
      decoded += escapeChar(char);
    }
  }

  const segments: string[] = [];
  const parts = decoded.split('/').slice(1);
  for (const [index, segment] of parts.entries()) {
    const last = index === parts.length - 1;
    if (segment === '.' || (segment === '' && !last)) continue;
    if (segment === '..') {
      if (segments.length === 0) return { ok: false, reason: 'The path climbs above the root.' };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  // A trailing `.` or `..` leaves a directory, as RFC 3986's remove_dot_segments does.
  const lastPart = parts[parts.length - 1];
  const trailingSlash = (lastPart === '.' || lastPart === '..') && segments.length > 0;
  return { ok: true, path: `/${segments.join('/')}${trailingSlash ? '/' : ''}`, query };
}

/** Node hands over bytes outside ASCII as latin1 characters: escape each one as its byte. */
function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x100) return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return [...new TextEncoder().encode(char)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
