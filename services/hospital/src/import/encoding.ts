export type SourceEncoding = 'utf-8' | 'cp949';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Tells UTF-8 (with or without a byte-order mark) from EUC-KR/CP949 by the start of a file: text
 * that is not valid UTF-8 is read as CP949, the superset of EUC-KR that Korean Windows writes.
 */
export function detectEncoding(sample: Uint8Array): SourceEncoding {
  if (UTF8_BOM.every((byte, i) => sample[i] === byte)) return 'utf-8';
  try {
    // `stream: true` lets a character cut off at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'cp949';
  }
}
