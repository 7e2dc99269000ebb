/**
 * The divisor of a downward-API resourceFieldRef (validateContainerResourceDivisor). The API server
 * writes the divisor in its canonical form and accepts only "1m" and "1" for cpu, and "1", "1k" to
 * "1E" and "1Ki" to "1Ei" for memory, ephemeral-storage and huge pages; zero (or none) means unset. The
 * canonical form keeps the notation the divisor was written in: "1000m" is "1", but "1e3" stays
 * "1e3" and "1024" stays "1024", so both are refused for memory.
 */
import { compareQuantities, isWholeQuantity, Quantity, quantityOf } from './quantity';

type Notation = 'decimal' | 'binary' | 'exponent';

const BINARY_SUFFIXES = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const DECIMAL_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/** How a quantity was written: a decimal SI suffix (or none), a binary one, or a decimal exponent. */
function notationOf(text: string): Notation {
  let i = 0;
  if (text[0] === '+' || text[0] === '-') i++;
  while (i < text.length && ((text[i] >= '0' && text[i] <= '9') || text[i] === '.')) i++;
  const suffix = text.slice(i);
  if (BINARY_SUFFIXES.has(suffix)) return 'binary';
  return DECIMAL_SUFFIXES.has(suffix) ? 'decimal' : 'exponent';
}

function power(exponent10: number, exponent2: number): Quantity {
  return { sign: 1, digits: 1n, exponent10, exponent2 };
}

const ONE = power(0, 0);
const KI = power(0, 10);
const CPU_DECIMAL = [power(0, 0), power(-3, 0)];
const BYTES_DECIMAL = [0, 3, 6, 9, 12, 15, 18].map((e) => power(e, 0));
const BYTES_BINARY = [10, 20, 30, 40, 50, 60].map((e) => power(0, e));

function isOneOf(q: Quantity, candidates: readonly Quantity[]): boolean {
  return candidates.some((c) => compareQuantities(q, c) === 0);
}

const CPU_RESOURCES = new Set(['limits.cpu', 'requests.cpu']);
const BYTE_RESOURCES = new Set([
  'limits.memory',
  'requests.memory',
  'limits.ephemeral-storage',
  'requests.ephemeral-storage',
]);

/** Huge pages (`requests.hugepages-2Mi`) take the byte divisors too. */
function isByteResource(resource: string): boolean {
  return (
    BYTE_RESOURCES.has(resource) ||
    resource.startsWith('requests.hugepages-') ||
    resource.startsWith('limits.hugepages-')
  );
}

export type DivisorProblem = 'not-a-quantity' | 'unsupported';

/**
 * Why a divisor is refused for `resource` (e.g. "limits.memory"); undefined when it is fine, unset,
 * or the resource has no divisor rule (extended resources, huge pages).
 */
export function divisorProblem(resource: string, divisor: unknown): DivisorProblem | undefined {
  if (divisor === undefined || divisor === null) return undefined;
  if (typeof divisor !== 'string' && typeof divisor !== 'number') return undefined;
  const q = quantityOf(divisor);
  if (q === undefined) return 'not-a-quantity';
  if (q.sign === 0) return undefined;
  const cpu = CPU_RESOURCES.has(resource);
  if (!cpu && !isByteResource(resource)) return undefined;
  if (q.sign < 0) return 'unsupported';
  let notation = typeof divisor === 'number' ? 'decimal' : notationOf(divisor);
  // A binary quantity below 1Ki, or with a fraction, is printed in decimal notation.
  if (notation === 'binary' && (compareQuantities(q, KI) < 0 || !isWholeQuantity(q))) notation = 'decimal';
  let fine: boolean;
  if (notation === 'exponent') fine = compareQuantities(q, ONE) === 0;
  else if (notation === 'binary') fine = !cpu && isOneOf(q, BYTES_BINARY);
  else fine = isOneOf(q, cpu ? CPU_DECIMAL : BYTES_DECIMAL);
  return fine ? undefined : 'unsupported';
}

/** The divisors the API server accepts for a resource, for messages. */
export function supportedDivisors(resource: string): string {
  return CPU_RESOURCES.has(resource) ? '1m and 1' : '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi and 1Ei';
}
