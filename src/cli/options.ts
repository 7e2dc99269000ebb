/**
 * Option parsing shared by the commands, on Node's own `util.parseArgs`: options may come before
 * or after positionals, `--name value` and `--name=value` both work, and `--` ends the options
 * (so `next -- '-5 * * * *'` reads a schedule, not a flag). Mistakes become UsageErrors.
 */
import { parseArgs, ParseArgsConfig } from 'util';
import { parseRfc3339 } from '../schedule/instants';
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
    // Its first line for a value that starts with a dash ("argument is ambiguous") names no remedy.
    const dashed = /^Option '(--[^']+)' argument is ambiguous/.exec(message);
    if (dashed)
      throw new UsageError(
        `${dashed[1]} needs a value, and the word after it starts with a dash; write ${dashed[1]}=VALUE to give one that does`,
      );
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
  }
}

/** A string option's value, or the default. */
export function stringOption(parsed: ParsedOptions, name: string, fallback?: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : fallback;
}

/** `--format`: one of `formats` (text or json unless a command offers more), the first by default. */
export function formatOption<F extends string = 'text' | 'json'>(
  parsed: ParsedOptions,
  formats: readonly F[] = ['text', 'json'] as F[],
): F {
  const format = stringOption(parsed, 'format', formats[0]) as F;
  if (!formats.includes(format)) {
    const choices = `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
    throw new UsageError(`--format must be ${choices}, not "${format}"`);
  }
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

/** The forms an instant option may take besides RFC 3339 (see `parseInstant`). */
const INSTANT_OPTION = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2}))?$/;

/**
 * An instant given on the command line: RFC 3339, or the shorthands people type, written out as
 * RFC 3339 and parsed by the one parser (so 2026-02-30 is refused here too): a date alone
 * (midnight UTC), a space or a lower-case `t`/`z`, no seconds, an offset without its colon. A time
 * without a zone is refused, because it would silently depend on the machine. Returns undefined
 * for text that is not such an instant.
 */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT_OPTION.exec(text);
  if (m === null) return undefined;
  const [, date, hoursMinutes, seconds, zone] = m;
  if (hoursMinutes === undefined) return parseRfc3339(`${date}T00:00:00Z`);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  return parseRfc3339(`${date}T${hoursMinutes}${seconds ?? ':00'}${offset}`);
}
