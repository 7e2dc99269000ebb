/**
 * Option parsing shared by the commands, on Node's own `util.parseArgs`: options may come before
 * or after positionals, `--name value` and `--name=value` both work, and `--` ends the options
 * (so `next -- '-5 * * * *'` reads a schedule, not a flag). Mistakes become UsageErrors.
 */
import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedOptions {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

export function parseOptions(args: readonly string[], options: OptionSpec): ParsedOptions {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedOptions['values'], positionals };
  } catch (error) {
    // parseArgs explains the problem in its message; keep only its first line. (No instanceof:
    // errors from another realm, as under jest, are still errors.)
    const text = (error as { message?: unknown }).message;
    const message = (typeof text === 'string' ? text : String(error)).split('\n')[0];
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
  }
}

/** A string option's value, or the default. */
export function stringOption(parsed: ParsedOptions, name: string, fallback?: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : fallback;
}

/** `--format text|json`. */
export function formatOption(parsed: ParsedOptions): 'text' | 'json' {
  const format = stringOption(parsed, 'format', 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  return format;
}

/** A whole number option within bounds. */
export function integerOption(parsed: ParsedOptions, name: string, fallback: number, min: number, max: number): number {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2}))?$/;

/**
 * An ISO 8601 / RFC 3339 instant: a date (midnight UTC) or a date and time with `Z` or an
 * offset. A time without a zone is refused, because it would silently depend on the machine.
 * Returns undefined for text that is not such an instant.
 */
export function parseInstant(text: string): number | undefined {
  if (!INSTANT.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** An instant as RFC 3339 in UTC, with milliseconds only when there are any. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
