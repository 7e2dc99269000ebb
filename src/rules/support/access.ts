/**
 * Safe reads from untrusted JSON. Rules run on whatever a YAML file or an escape hatch produced,
 * so every read goes through these: a value of the wrong JSON type reads as absent (the
 * `field-wrong-type` rule reports it), and nothing here ever throws.
 *
 * `null` counts as absent, like Go's JSON decoder, which leaves a pointer nil and a string empty.
 */

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for undefined and null: what Go decodes as a nil pointer or a zero value. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** The object, or undefined for anything else. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return isObject(value) ? value : undefined;
}

/** The array, or undefined for anything else. */
export function arrayOf(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The string, or undefined for anything else. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A whole number, or undefined for anything else (strings, fractions, NaN, infinities). */
export function integerOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** `object[key]` when `object` is a JSON object; undefined otherwise. */
export function fieldOf(object: unknown, key: string): unknown {
  return isObject(object) ? object[key] : undefined;
}

/** How a value looks in a message: short, quoted strings, JSON for the rest. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === undefined) return 'nothing';
  // JSON has no spelling for these (JSON.stringify writes null); YAML writes .inf and .nan.
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'not-a-number (.nan)' : value > 0 ? 'infinity (.inf)' : 'minus infinity (-.inf)';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    // JSON.stringify throws on cycles and BigInts: a BigInt prints itself, anything else its type.
    return typeof value === 'bigint' ? value.toString() : Object.prototype.toString.call(value);
  }
}
