import type { FieldError } from '@carebridge/contracts';
import { JSON_DEPTH_LIMIT } from './json-depth.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys that name the object machinery rather than data: never an accepted field. */
const MACHINERY_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What no field of any request may hold, whatever its DTO says: NUL characters (PostgreSQL refuses
 * them in text, other stores keep them and they truncate in C-string consumers), lone UTF-16
 * surrogates (not Unicode: they cannot be stored as UTF-8), and keys such as `__proto__`, which a
 * DTO's whitelist does not see as unknown. Answers each offending field by its dotted path.
 */
export function hostileInput(value: unknown, field = ''): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, field, 0, errors);
  return errors;
}

function walk(value: unknown, field: string, depth: number, errors: FieldError[]): void {
  if (typeof value === 'string') {
    const problem = badText(value);
    if (problem) errors.push({ field: field || 'value', message: problem });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= JSON_DEPTH_LIMIT) {
    errors.push({ field: field || 'value', message: `nests deeper than ${JSON_DEPTH_LIMIT} levels` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (MACHINERY_KEYS.has(key)) {
      errors.push({ field: path, message: 'is not an accepted field' });
      continue;
    }
    const keyProblem = badText(key);
    if (keyProblem) {
      errors.push({ field: field || 'value', message: `has a key that ${keyProblem}` });
      continue;
    }
    walk(child, path, depth + 1, errors);
  }
}

function badText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it has a lone surrogate)';
  return undefined;
}
