/**
 * Writing PromQL text safely: quoted strings, regular expressions that match a literal name, label
 * matchers and selectors, and Prometheus durations. Object names are user input as far as PromQL is
 * concerned, so every name goes through `promString` (and `regexLiteral` inside `=~`), never
 * straight into the query text.
 */

/** A label matcher operator. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** A PromQL double-quoted string literal (Go string escapes). */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** A regular expression (RE2, which Prometheus anchors at both ends) matching exactly `literal`. */
export function regexLiteral(literal: string): string {
  return literal.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** `label op "value"`. */
export function matcherText(m: Matcher): string {
  return `${m.label}${m.op}${promString(m.value)}`;
}

/** `metric{label="value", ...}`. */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map(matcherText).join(', ')}}`;
}

/** A label name Prometheus accepts. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A metric-style name (used for alert names, which Prometheus stores in the `alertname` label). */
export const ALERT_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Seconds as a Prometheus duration, e.g. 131400 -> "1d12h30m". */
export function promDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const units: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.round(seconds);
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text;
}
