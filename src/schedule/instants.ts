/**
 * Instants as Kubernetes writes and reads them, in one place for every layer: RFC 3339 parsing as
 * `metav1.Time` does it, the formats the API server and the CronJob controller print, and the
 * calendar facts (days in a month) the parsers and the cron maths share.
 *
 * Parsing follows Go's `time.Parse(time.RFC3339, s)` on its RFC 3339 path, which is what
 * `metav1.Time` unmarshals with: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, and
 * `Z` or `±hh:mm`, upper case; a date or time that does not exist (2026-02-30, 24:00, an offset of
 * 24 hours) is refused. Go's general parser, which `time.Parse` falls back on, also takes a few
 * forms that are not RFC 3339 (a one-digit hour, a comma before the fraction, offsets of +24:00);
 * we refuse those, as the ScheduledJob CRD's own pattern does, so what we accept is exactly what
 * the API server stores for our fields.
 */
import { daysFromCivil, TimeZone } from './time-zone';

const MS_PER_DAY = 86_400_000;

/**
 * The shape of an RFC 3339 instant with seconds and a zone, as a JSON-schema pattern (the CRD's
 * `pattern` for instant fields) and the first check of `parseRfc3339`.
 */
export const RFC3339_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$';
const RFC3339 = new RegExp(RFC3339_PATTERN);

/** Days in a month of the proleptic Gregorian calendar; `month` is 1-12. */
export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/** True when year-month-day is a day of the calendar (2024-02-29 is, 2026-02-29 and 2026-04-31 are not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Milliseconds since the epoch of an RFC 3339 instant, or undefined when `text` is not one
 * (fractions below a millisecond are dropped, as Go drops those below a nanosecond).
 */
export function parseRfc3339(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  // Fixed positions, as Go's parser reads them: YYYY-MM-DDTHH:MM:SS, then the fraction and zone.
  const num = (from: number, to: number) => Number(text.slice(from, to));
  const [year, month, day] = [num(0, 4), num(5, 7), num(8, 10)];
  const [hour, minute, second] = [num(11, 13), num(14, 16), num(17, 19)];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let rest = text.slice(19);
  let millis = 0;
  if (rest.startsWith('.')) {
    const digits = /^\.(\d+)/.exec(rest)![1];
    millis = Number(digits.padEnd(3, '0').slice(0, 3));
    rest = rest.slice(digits.length + 1);
  }
  let offsetMinutes = 0;
  if (rest !== 'Z') {
    const [hours, minutes] = [Number(rest.slice(1, 3)), Number(rest.slice(4, 6))];
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (rest[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return local - offsetMinutes * 60_000;
}

/**
 * An instant in UTC as Go prints it with `time.RFC3339Nano` (how the controller writes status
 * times): fractional seconds only when there are any, without trailing zeros
 * (`2026-03-01T10:00:00Z`, `2026-03-01T10:00:00.1Z`).
 */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.endsWith('.000Z')) return `${iso.slice(0, -5)}Z`;
  return iso.replace(/0*Z$/, 'Z');
}

/**
 * Go's `t.In(zone).Format(time.RFC3339)`: whole seconds, the zone's offset at that instant, and `Z`
 * when the offset is zero (`2026-11-01T01:30:00-04:00`, `2026-03-01T10:00:00Z`). The upstream
 * controller writes the scheduled-timestamp annotation this way.
 */
export function formatInZone(ms: number, zone: TimeZone): string {
  const seconds = Math.floor(ms / 1000);
  const offset = zone.offsetAt(seconds);
  const local = new Date((seconds + offset) * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

/** `metav1.MicroTime` (Lease times): RFC 3339 in UTC with exactly six fractional digits. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
