import type { FieldError } from '@carebridge/contracts';

/** Where @nestjs/swagger keeps each DTO property's documented options. */
const PROPERTY_OPTIONS = 'swagger/apiModelProperties';
const MAX_DEPTH = 8;

type Class = abstract new (...args: never[]) => unknown;

/**
 * The body fields set to `null` that the DTO does not document as nullable. class-validator's
 * @IsOptional lets `null` through like an absent value, so `{"title": null}` on a partial update
 * would reach the database as a NULL; the OpenAPI document is the contract for which fields may be
 * cleared. Nested DTOs (`type: () => Dto`) are followed.
 */
export function undocumentedNulls(value: unknown, metatype: unknown, parent = '', depth = 0): FieldError[] {
  if (!isClass(metatype) || typeof value !== 'object' || value === null || depth > MAX_DEPTH) return [];
  const errors: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const options = Reflect.getMetadata(PROPERTY_OPTIONS, metatype.prototype as object, key) as
      | { nullable?: boolean; type?: unknown }
      | undefined;
    if (!options) continue;
    const field = parent ? `${parent}.${key}` : key;
    if (child === null) {
      if (!options.nullable) errors.push({ field, message: 'must not be null (leave the field out instead)' });
      continue;
    }
    const nested = classOf(options.type);
    if (!nested) continue;
    const items = Array.isArray(child) ? child.map((item, i) => [`${field}.${i}`, item] as const) : [[field, child]];
    for (const [path, item] of items) errors.push(...undocumentedNulls(item, nested, path, depth + 1));
  }
  return errors;
}

const BUILT_INS = new Set<unknown>([String, Number, Boolean, Object, Array, Date]);

function isClass(value: unknown): value is Class {
  return typeof value === 'function' && value.prototype !== undefined && !BUILT_INS.has(value);
}

/** `type: Dto`, `type: [Dto]` or a lazy `type: () => Dto`. */
function classOf(type: unknown): Class | undefined {
  const candidate = Array.isArray(type) ? type[0] : type;
  if (isClass(candidate)) return candidate;
  if (typeof candidate === 'function' && candidate.prototype === undefined) {
    try {
      const resolved = (candidate as () => unknown)();
      const inner = Array.isArray(resolved) ? resolved[0] : resolved;
      return isClass(inner) ? inner : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
