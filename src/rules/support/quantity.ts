/**
 * Resource quantities as the API server reads them (resource.Quantity in apimachinery): an
 * optional sign, digits with an optional fraction, then one suffix: nothing, a decimal SI suffix
 * (n u m k M G T P E), a binary one (Ki Mi Gi Ti Pi Ei) or a decimal exponent (e3, E-2). Anything
 * else ("2GB", "1 Gi", "500MB") fails to decode, so the object is rejected before validation.
 *
 * A parsed quantity is kept exact, as digits times powers of ten and two, so requests and limits
 * compare as Kubernetes compares them (no floating-point rounding at "1Gi" versus "1073741824").
 */

/** An exact quantity: `sign * digits * 10^exponent10 * 2^exponent2`. */
export interface Quantity {
  /** -1, 0 or 1. */
  readonly sign: number;
  readonly digits: bigint;
  readonly exponent10: number;
  readonly exponent2: number;
}

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  '': 0,
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
/** The characters Kubernetes' scanner takes as the start of a suffix. */
const SUFFIX_CHARACTERS = 'eEinumkKMGTP';
const EXPONENT = /^[eE][-+]?\d+$/;

/** What the API server says when a quantity cannot be decoded. */
export const QUANTITY_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The exact quantity a text or JSON number stands for, or undefined when the API server cannot decode it. */
export function parseQuantity(value: string | number): Quantity | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (text.length === 0) return undefined;
  let pos = 0;
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    sign = text[0] === '-' ? -1 : 1;
    pos++;
  }
  const integerStart = pos;
  while (isDigit(text[pos])) pos++;
  const integerPart = text.slice(integerStart, pos);
  let fraction = '';
  if (text[pos] === '.') {
    const fractionStart = ++pos;
    while (isDigit(text[pos])) pos++;
    fraction = text.slice(fractionStart, pos);
  }
  const suffix = text.slice(pos);
  const scale = suffixScale(suffix);
  if (scale === undefined) return undefined;
  const digits = BigInt((integerPart + fraction).replace(/^0+(?=.)/, '') || '0');
  return {
    sign: digits === 0n ? 0 : sign,
    digits,
    exponent10: scale.exponent10 - fraction.length,
    exponent2: scale.exponent2,
  };
}

/** Parsed quantities per text: the same few values ("500m", "1Gi") recur across objects. */
const MEMO_LIMIT = 4096;
const parsed = new Map<string, Quantity | undefined>();

/** The quantity a JSON value stands for (a string or a number), or undefined for anything else or what does not decode. */
export function quantityOf(raw: unknown): Quantity | undefined {
  if (typeof raw === 'number') return parseQuantity(raw);
  if (typeof raw !== 'string') return undefined;
  if (parsed.has(raw)) return parsed.get(raw);
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  const quantity = parseQuantity(raw);
  parsed.set(raw, quantity);
  return quantity;
}

/** The powers a suffix stands for, or undefined when Kubernetes rejects it. */
function suffixScale(suffix: string): { exponent10: number; exponent2: number } | undefined {
  if (suffix.length > 0 && !SUFFIX_CHARACTERS.includes(suffix[0])) return undefined;
  if (suffix in DECIMAL_SUFFIXES) return { exponent10: DECIMAL_SUFFIXES[suffix], exponent2: 0 };
  if (suffix in BINARY_SUFFIXES) return { exponent10: 0, exponent2: BINARY_SUFFIXES[suffix] };
  if (!EXPONENT.test(suffix)) return undefined;
  const exponent = Number(suffix.slice(1));
  return Number.isSafeInteger(exponent) ? { exponent10: exponent, exponent2: 0 } : undefined;
}

/** Beyond this many powers of ten, comparisons use magnitudes instead of exact integers (a quantity like 1e999999). */
const EXACT_EXPONENT_LIMIT = 400;

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  if (a.sign !== b.sign) return Math.sign(a.sign - b.sign);
  if (a.sign === 0) return 0;
  const low10 = Math.min(a.exponent10, b.exponent10);
  const low2 = Math.min(a.exponent2, b.exponent2);
  const spread = Math.max(a.exponent10, b.exponent10) - low10;
  if (spread > EXACT_EXPONENT_LIMIT) return a.sign * Math.sign(magnitude(a) - magnitude(b));
  const scaled = (q: Quantity) => q.digits * 10n ** BigInt(q.exponent10 - low10) * 2n ** BigInt(q.exponent2 - low2);
  const x = scaled(a);
  const y = scaled(b);
  return x === y ? 0 : a.sign * (x > y ? 1 : -1);
}

/** log10 of the absolute value, for quantities too far apart to compare exactly. */
function magnitude(q: Quantity): number {
  const text = q.digits.toString();
  return text.length + Math.log10(Number(`0.${text.slice(0, 15)}`)) + q.exponent10 + q.exponent2 * Math.log10(2);
}

/** True when the quantity is a whole number (extended resources must be). */
export function isWholeQuantity(q: Quantity): boolean {
  if (q.sign === 0 || (q.exponent10 >= 0 && q.exponent2 >= 0)) return true;
  if (q.exponent10 < -EXACT_EXPONENT_LIMIT) return false;
  const denominator = 10n ** BigInt(Math.max(0, -q.exponent10));
  const numerator = q.digits * 10n ** BigInt(Math.max(0, q.exponent10)) * 2n ** BigInt(q.exponent2);
  return numerator % denominator === 0n;
}

/** `a + b`, exact (for totals of container requests); for quantities too far apart to align, the larger one. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  if (a.sign === 0) return b;
  if (b.sign === 0) return a;
  const low10 = Math.min(a.exponent10, b.exponent10);
  const low2 = Math.min(a.exponent2, b.exponent2);
  const spread = Math.max(a.exponent10, b.exponent10) - low10 + Math.max(a.exponent2, b.exponent2) - low2;
  if (spread > EXACT_EXPONENT_LIMIT) return magnitude(a) >= magnitude(b) ? a : b;
  const scaled = (q: Quantity) =>
    BigInt(q.sign) * q.digits * 10n ** BigInt(q.exponent10 - low10) * 2n ** BigInt(q.exponent2 - low2);
  const sum = scaled(a) + scaled(b);
  const sign = sum === 0n ? 0 : sum > 0n ? 1 : -1;
  return { sign, digits: sum < 0n ? -sum : sum, exponent10: low10, exponent2: low2 };
}

/** The binary suffixes, largest first. */
const BINARY_SUFFIXES_DESCENDING = Object.entries(BINARY_SUFFIXES).sort((a, b) => b[1] - a[1]);

/** A whole number of bytes (or units) written with the largest binary suffix that divides it ("1200Mi"). */
function withBinarySuffix(value: bigint): string {
  for (const [suffix, exponent2] of BINARY_SUFFIXES_DESCENDING) {
    const unit = 2n ** BigInt(exponent2);
    if (value % unit === 0n) return `${value / unit}${suffix}`;
  }
  return `${value}`;
}

/**
 * A quantity as a Kubernetes-style text for messages: a whole number (with a binary suffix when it
 * was written with one, "1200Mi"), or thousandths with `m` ("1500m").
 */
export function formatQuantity(q: Quantity): string {
  if (q.sign === 0) return '0';
  if (Math.abs(q.exponent10) > EXACT_EXPONENT_LIMIT || q.exponent2 < 0) return q.sign < 0 ? '-?' : '?';
  const value = q.digits * 2n ** BigInt(q.exponent2);
  const sign = q.sign < 0 ? '-' : '';
  const denominator = 10n ** BigInt(Math.max(0, -q.exponent10));
  if (value % denominator === 0n) {
    const whole = (value * 10n ** BigInt(Math.max(0, q.exponent10))) / denominator;
    return `${sign}${q.exponent2 > 0 ? withBinarySuffix(whole) : whole}`;
  }
  const thousandths = q.exponent10 >= -3 ? value * 10n ** BigInt(q.exponent10 + 3) : undefined;
  if (thousandths !== undefined) return `${sign}${thousandths}m`;
  return `${sign}${Number(value) / Number(denominator)}`;
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * `ceil(q * 10^scale)`, rounded away from zero, as resource.Quantity's `ScaledValue` (and `Value`
 * at scale 0, `MilliValue` at 3) computes it; undefined beyond int64, where Go's integer arithmetic
 * no longer says what the API server would decide.
 */
export function scaledValue(q: Quantity, scale: number): bigint | undefined {
  if (q.sign === 0) return 0n;
  const exponent10 = q.exponent10 + scale;
  if (Math.abs(exponent10) > EXACT_EXPONENT_LIMIT || q.exponent2 > EXACT_EXPONENT_LIMIT) return undefined;
  const numerator = q.digits * 10n ** BigInt(Math.max(0, exponent10)) * 2n ** BigInt(Math.max(0, q.exponent2));
  const denominator = 10n ** BigInt(Math.max(0, -exponent10)) * 2n ** BigInt(Math.max(0, -q.exponent2));
  const magnitude = (numerator + denominator - 1n) / denominator;
  return magnitude > INT64_MAX ? undefined : BigInt(q.sign) * magnitude;
}
