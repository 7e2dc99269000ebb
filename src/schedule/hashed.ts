/**
 * Jenkins-style `H` ("hashed") schedules, resolved at synth time into plain Kubernetes schedules.
 * `H` picks a value in the field's range, `H(a-b)` one in a..b, `H/n` (or `H(a-b)/n`) a start
 * offset below n and then every n. The choice is a stable hash of a seed (a construct's path) and
 * the field, so the YAML never contains `H`, is identical on every synth, and 200 nightly jobs do
 * not all start at 00:00. Kubernetes itself rejects `H`.
 */
import { createHash } from 'crypto';

interface FieldRange {
  readonly min: number;
  readonly max: number;
}

/** The ranges `H` draws from. Day of month stops at 28 so a hashed day exists in every month. */
const HASH_RANGES: readonly FieldRange[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 28 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
];
const FIELD_LIMITS: readonly FieldRange[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
];

const HASHED_ITEM = /^H(?:\((\d+)-(\d+)\))?(?:\/(\d+))?$/;

/** True when a five-field expression uses `H` anywhere. */
export function isHashedSchedule(expression: string): boolean {
  return expression
    .trim()
    .split(/\s+/)
    .some((field) => field.split(',').some((item) => HASHED_ITEM.test(item)));
}

/**
 * Replaces every `H` item of a five-field expression with concrete values chosen from `seed`.
 * Anything that is not a well-formed `H` item (and any expression without exactly five fields)
 * is left as it is, so schedule validation reports it with its own reason and fix.
 */
export function resolveHashedSchedule(expression: string, seed: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return expression;
  return fields
    .map((field, index) =>
      field
        .split(',')
        .map((item, position) => resolveItem(item, index, `${seed}\u0000${index}\u0000${position}`))
        .join(','),
    )
    .join(' ');
}

function resolveItem(item: string, fieldIndex: number, seed: string): string {
  const match = HASHED_ITEM.exec(item);
  if (!match) return item;
  const limits = FIELD_LIMITS[fieldIndex];
  const explicit = match[1] !== undefined;
  const low = explicit ? Number(match[1]) : HASH_RANGES[fieldIndex].min;
  const high = explicit ? Number(match[2]) : HASH_RANGES[fieldIndex].max;
  if (low < limits.min || high > limits.max || low > high) return item;
  const hash = stableHash(seed);
  if (match[3] === undefined) return String(low + (hash % (high - low + 1)));
  const step = Number(match[3]);
  if (step < 1) return item;
  const start = low + (hash % Math.min(step, high - low + 1));
  return start + step > high ? String(start) : `${start}-${high}/${step}`;
}

/** A non-negative 32-bit number from SHA-256: the same on every machine and Node version. */
function stableHash(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}
