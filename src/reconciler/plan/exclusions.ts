/**
 * Exclusion windows: local periods (in the schedule's zone) in which scheduled runs are dropped.
 * A window holds when all of its conditions hold; a run is excluded when any window holds.
 *
 * Besides "does a window hold at t", the calendar answers "until when": the earliest instant at
 * which that window may stop holding (the next local midnight for dates and weekdays, the end of
 * the hour range, `until`). A schedule walking through a two-week freeze then jumps a day at a
 * time instead of visiting every excluded fire time.
 */
import { goDate, wallClock } from '../../schedule/go-time';
import { isCalendarDate, parseRfc3339 } from '../../schedule/instants';
import { TimeZone } from '../../schedule/time-zone';
import { ExclusionWindow, SpecProblem } from './types';

/** An inclusive range of local dates as keys: YYYYMMDD, or MMDD for yearly ranges. */
interface DateRange {
  readonly from: number;
  readonly to: number;
  readonly yearly: boolean;
}

interface CompiledWindow {
  readonly label: string;
  readonly dates?: readonly DateRange[];
  /** Bit d set: weekday d (0 = Sunday) is excluded. */
  readonly weekdays?: number;
  /** Minutes of the local day, [start, end), wrapping when end <= start. */
  readonly hours?: { readonly start: number; readonly end: number };
  readonly fromMs?: number;
  readonly untilMs?: number;
}

/** Which window holds at an instant, and the earliest instant it may stop holding (Infinity: never). */
export interface ExclusionMatch {
  readonly label: string;
  readonly until: number;
}

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLY_DATE = /^(\d{2})-(\d{2})$/;
const HOURS = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export class ExclusionCalendar {
  /** Compiles windows for `zone`; problems name the field, e.g. `exclusions[1].weekdays[0]`. */
  static compile(windows: readonly ExclusionWindow[], zone: TimeZone): ExclusionCalendar | SpecProblem[] {
    const problems: SpecProblem[] = [];
    const compiled = windows.map((w, i) => compileWindow(w, `exclusions[${i}]`, zone, problems));
    return problems.length > 0 ? problems : new ExclusionCalendar(compiled, zone);
  }

  private constructor(
    private readonly windows: readonly CompiledWindow[],
    private readonly zone: TimeZone,
  ) {}

  /** The first window that holds at `ms`, or undefined. */
  match(ms: number): ExclusionMatch | undefined {
    const seconds = Math.floor(ms / 1000);
    const w = wallClock(seconds, this.zone);
    const minuteOfDay = w.hour * 60 + w.minute;
    const dateKey = w.year * 10_000 + w.month * 100 + w.day;
    for (const window of this.windows) {
      if (window.fromMs !== undefined && ms < window.fromMs) continue;
      if (window.untilMs !== undefined && ms >= window.untilMs) continue;
      if (window.dates !== undefined && !window.dates.some((r) => dateInRange(dateKey, r))) continue;
      if (window.weekdays !== undefined && (window.weekdays & (1 << w.weekday)) === 0) continue;
      if (window.hours !== undefined && !inHours(minuteOfDay, window.hours)) continue;
      return { label: window.label, until: this.until(window, ms, w.year, w.month, w.day, minuteOfDay) };
    }
    return undefined;
  }

  private until(
    window: CompiledWindow,
    ms: number,
    year: number,
    month: number,
    day: number,
    minuteOfDay: number,
  ): number {
    let until = window.untilMs ?? Infinity;
    if (window.dates !== undefined || window.weekdays !== undefined) {
      until = Math.min(until, goDate(year, month, day + 1, 0, 0, 0, this.zone) * 1000);
    }
    if (window.hours !== undefined) {
      const { start, end } = window.hours;
      const tomorrow = end <= start && minuteOfDay >= start ? 1 : 0;
      until = Math.min(until, goDate(year, month, day + tomorrow, 0, end, 0, this.zone) * 1000);
    }
    // Daylight-saving oddities must never make the walk stand still.
    return until > ms ? until : ms + 1000;
  }
}

function dateInRange(key: number, r: DateRange): boolean {
  const k = r.yearly ? key % 10_000 : key;
  return r.from <= r.to ? k >= r.from && k <= r.to : k >= r.from || k <= r.to;
}

function inHours(minute: number, h: { readonly start: number; readonly end: number }): boolean {
  return h.start < h.end ? minute >= h.start && minute < h.end : minute >= h.start || minute < h.end;
}

function compileWindow(w: ExclusionWindow, field: string, zone: TimeZone, problems: SpecProblem[]): CompiledWindow {
  if (w === null || typeof w !== 'object') {
    problems.push({ field, message: 'must be an object with dates, weekdays, hours, from or until' });
    return { label: field };
  }
  const before = problems.length;
  const label = typeof w.name === 'string' && w.name !== '' ? w.name : field;
  const dates = w.dates === undefined ? undefined : listOf(w.dates, `${field}.dates`, problems, parseDateRange);
  const weekdayRanges =
    w.weekdays === undefined ? undefined : listOf(w.weekdays, `${field}.weekdays`, problems, parseWeekdays);
  const hours = w.hours === undefined ? undefined : parseHours(w.hours, `${field}.hours`, problems);
  const fromMs = w.from === undefined ? undefined : parseLocalInstant(w.from, `${field}.from`, zone, problems);
  const untilMs = w.until === undefined ? undefined : parseLocalInstant(w.until, `${field}.until`, zone, problems);
  if (problems.length === before) {
    if (
      dates === undefined &&
      weekdayRanges === undefined &&
      hours === undefined &&
      fromMs === undefined &&
      untilMs === undefined
    ) {
      problems.push({
        field,
        message: 'an exclusion window needs at least one of dates, weekdays, hours, from, until',
      });
    } else if (fromMs !== undefined && untilMs !== undefined && untilMs <= fromMs) {
      problems.push({ field: `${field}.until`, message: `must be after from (${w.from})` });
    }
  }
  const weekdays = weekdayRanges?.reduce((bits, b) => bits | b, 0);
  return { label, dates, weekdays, hours, fromMs, untilMs };
}

function listOf<T>(
  value: unknown,
  field: string,
  problems: SpecProblem[],
  parse: (item: string, field: string, problems: SpecProblem[]) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field, message: 'must be a non-empty list of strings' });
    return undefined;
  }
  const out: T[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      problems.push({ field: `${field}[${i}]`, message: 'must be a string' });
      return;
    }
    const parsed = parse(item, `${field}[${i}]`, problems);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}

function parseDateRange(text: string, field: string, problems: SpecProblem[]): DateRange | undefined {
  const [a, b, extra] = text.split('..');
  const fail = () => {
    problems.push({ field, message: `"${text}" is not a date (YYYY-MM-DD or MM-DD) or a range of them (A..B)` });
    return undefined;
  };
  if (extra !== undefined) return fail();
  const from = dateKey(a);
  const to = b === undefined ? from : dateKey(b);
  if (from === undefined || to === undefined || from.yearly !== to.yearly) return fail();
  if (!from.yearly && to.key < from.key) {
    problems.push({ field, message: `"${text}" ends before it starts` });
    return undefined;
  }
  return { from: from.key, to: to.key, yearly: from.yearly };
}

function dateKey(text: string): { key: number; yearly: boolean } | undefined {
  const full = FULL_DATE.exec(text);
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    return isCalendarDate(y, m, d) ? { key: y * 10_000 + m * 100 + d, yearly: false } : undefined;
  }
  const yearly = YEARLY_DATE.exec(text);
  if (yearly) {
    const [m, d] = [Number(yearly[1]), Number(yearly[2])];
    // A leap year, so that 02-29 is allowed.
    return isCalendarDate(2024, m, d) ? { key: m * 100 + d, yearly: true } : undefined;
  }
  return undefined;
}

function parseWeekdays(text: string, field: string, problems: SpecProblem[]): number | undefined {
  const parts = text.split('-');
  const days = parts.map(weekday);
  if (parts.length > 2 || days.some((d) => d === undefined)) {
    problems.push({ field, message: `"${text}" is not a weekday (Sun..Sat or 0-6) or a range of them (Mon-Fri)` });
    return undefined;
  }
  const [from, to = from] = days as number[];
  let bits = 0;
  for (let d = from; ; d = (d + 1) % 7) {
    bits |= 1 << d;
    if (d === to) break;
  }
  return bits;
}

function weekday(text: string): number | undefined {
  if (/^[0-6]$/.test(text)) return Number(text);
  const i = WEEKDAY_NAMES.indexOf(text.toLowerCase());
  return i >= 0 ? i : undefined;
}

function parseHours(text: unknown, field: string, problems: SpecProblem[]): { start: number; end: number } | undefined {
  const m = typeof text === 'string' ? HOURS.exec(text) : null;
  const start = m ? Number(m[1]) * 60 + Number(m[2] ?? 0) : NaN;
  const end = m ? Number(m[3]) * 60 + Number(m[4] ?? 0) : NaN;
  const minutesOk = m !== null && Number(m[2] ?? 0) < 60 && Number(m[4] ?? 0) < 60;
  if (!minutesOk || start >= 24 * 60 || end > 24 * 60) {
    problems.push({ field, message: `${JSON.stringify(text)} is not a time range such as "22:00-06:00" or "9-17"` });
    return undefined;
  }
  if (start === end || (start === 0 && end === 24 * 60)) {
    problems.push({ field, message: `${JSON.stringify(text)} covers the whole day; leave hours out instead` });
    return undefined;
  }
  return { start, end: end % (24 * 60) };
}

function parseLocalInstant(text: unknown, field: string, zone: TimeZone, problems: SpecProblem[]): number | undefined {
  if (typeof text === 'string') {
    const local = LOCAL_DATE_TIME.exec(text);
    if (local) {
      const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(local[i] ?? 0));
      if (isCalendarDate(y, mo, d) && h < 24 && mi < 60 && s < 60) return goDate(y, mo, d, h, mi, s, zone) * 1000;
    } else {
      const instant = parseRfc3339(text);
      if (instant !== undefined) return instant;
    }
  }
  problems.push({
    field,
    message: `${JSON.stringify(text)} is not a local date-time such as "2026-12-18T18:00" (or an RFC 3339 instant)`,
  });
  return undefined;
}
