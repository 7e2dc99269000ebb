/**
 * Go's `time.ParseDuration`, which robfig/cron uses for `@every <duration>`.
 *
 * Ours, not a library's: no npm package parses Go durations with Go's exact grammar,
 * overflow rules and error texts, and `@every` acceptance must match the API server.
 * Grammar: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare `0`; units ns, us, µs, μs, ms, s, m, h.
 */

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // micro sign
  '\u03bcs': 1_000n, // Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const LIMIT = 1n << 63n;

/** A parsed duration in nanoseconds, or Go's error text. */
export type GoDurationResult = { readonly nanos: bigint } | { readonly error: string };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Parses `text` exactly as Go's `time.ParseDuration` does. */
export function parseGoDuration(text: string): GoDurationResult {
  const invalid = { error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { nanos: 0n };
  if (s === '') return invalid;

  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;

    // Integer part; overflow past 2^63 is an error, as in Go's leadingInt.
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > LIMIT) return invalid;
      i++;
    }
    const hadWhole = i > 0;
    s = s.slice(i);

    // Fraction part; digits past the precision Go keeps are ignored, as in leadingFraction.
    let fraction = 0n;
    let scale = 1;
    let hadFraction = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
          if (fraction > (LIMIT - 1n) / 10n || next > LIMIT) {
            overflow = true;
          } else {
            fraction = next;
            scale *= 10;
          }
        }
        j++;
      }
      hadFraction = j > 0;
      s = s.slice(j);
    }
    if (!hadWhole && !hadFraction) return invalid;

    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return { error: `time: missing unit in duration ${goQuote(text)}` };
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = NANOS_PER_UNIT[unitName];
    if (unit === undefined) {
      return { error: `time: unknown unit ${goQuote(unitName)} in duration ${goQuote(text)}` };
    }
    if (whole > LIMIT / unit) return invalid;
    let value = whole * unit;
    if (fraction > 0n) {
      // Go multiplies in float64 here: nanosecond-exact for every unit up to hours.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > LIMIT) return invalid;
    }
    total += value;
    if (total > LIMIT) return invalid;
  }
  if (negative) return { nanos: -total };
  if (total > LIMIT - 1n) return invalid;
  return { nanos: total };
}

/** Go's `time.quote`: a double-quoted string with quotes and backslashes escaped. */
function goQuote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
