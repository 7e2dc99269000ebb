/**
 * The few pieces of Go's `time` package that robfig/cron's `Next` relies on, over instants in
 * whole seconds: the wall clock of an instant in a zone, and `time.Date`'s way of turning a wall
 * clock back into an instant, including what it does with times that a daylight-saving change
 * skips or repeats. Matching this exactly is what makes our next fire times equal Kubernetes'.
 */
import { civilFromDays, daysFromCivil, TimeZone } from './time-zone';

const SECONDS_PER_DAY = 86_400;

/** An instant's wall clock in a zone. Months are 1-12; weekday 0 is Sunday. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** The wall clock of `epochSeconds` in `zone` (Go: `t.In(zone).Date()`, `.Clock()`, `.Weekday()`). */
export function wallClock(epochSeconds: number, zone: TimeZone): WallClock {
  const local = epochSeconds + zone.offsetAt(epochSeconds);
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secondOfDay = local - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/**
 * Go's `time.Date(year, month, day, hour, min, sec, 0, zone)` as an instant in seconds.
 * Out-of-range fields carry over. A wall time that does not exist, or exists twice, resolves the
 * way Go resolves it: read the wall time as if it were UTC, take the zone's offset there, and if
 * that offset's period does not contain the corrected instant, use the offset at the corrected one.
 */
export function goDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: TimeZone,
): number {
  const unix = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  return unix - zone.offsetAt(unix - zone.offsetAt(unix));
}

/** Go's `t.AddDate(years, months, days)`: the same wall clock, moved on the calendar, through `time.Date`. */
export function addDate(epochSeconds: number, zone: TimeZone, years: number, months: number, days: number): number {
  const w = wallClock(epochSeconds, zone);
  return goDate(w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second, zone);
}
