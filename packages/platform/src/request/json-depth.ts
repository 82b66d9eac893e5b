/** How deep a request's JSON may nest; far beyond any document of ours, far below a stack's limit. */
export const JSON_DEPTH_LIMIT = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of the raw JSON text, counted on the bytes before anything parses it (so a
 * 20,000-level document costs one pass, not a stack overflow in the parser or class-transformer).
 * Brackets inside strings do not count. Stops counting once past `limit`.
 */
export function jsonDepthExceeds(raw: Uint8Array, limit = JSON_DEPTH_LIMIT): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
