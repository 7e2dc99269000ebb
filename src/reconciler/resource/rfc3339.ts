/**
 * RFC 3339 instants as the resource carries them: strict parsing (a date, a time, and `Z` or an
 * offset; no bare dates, no zone-less times, which would depend on the reader's machine) and
 * Go's `time.RFC3339` formatting of an instant in a time zone, which is how the upstream
 * controller writes the scheduled-timestamp annotation.
 */
import { TimeZone } from '../../schedule/time-zone';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch, or undefined when `text` is not an RFC 3339 instant (fractions below a millisecond are dropped). */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Go's `t.In(zone).Format(time.RFC3339)`: whole seconds, the zone's offset at that instant, and `Z`
 * when the offset is zero (`2026-11-01T01:30:00-04:00`, `2026-03-01T10:00:00Z`).
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
