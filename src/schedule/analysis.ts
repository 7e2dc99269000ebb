/**
 * What a schedule does over time, for rules and defaults: the shortest and longest interval
 * between runs, and the runs daylight saving skips or doubles.
 *
 * Walking every fire time over two years would cost a million steps for `* * * * *`. Instead we
 * walk local days: on a day whose UTC offset does not change, the runs are the schedule's wall
 * times shifted by one offset, so only the day's first and last run matter; days around an offset
 * change are materialised with the controller's own `next`, which is exact however odd the zone.
 */
import { controllerSchedule } from './controller-schedule';
import { ConstantDelaySchedule, SpecSchedule } from './cron';
import { formatInstant } from './instants';
import { civilFromDays } from './time-zone';
import { validateTimeZone } from './validation';

const DAY = 86_400;
const WINDOW_DAYS = 731;

/** A local wall time that daylight saving skips or makes run twice. */
export interface DstEvent {
  /** Local date and time in the schedule's zone, `YYYY-MM-DD HH:MM`. */
  readonly localTime: string;
  /** The instants it runs at (UTC, RFC 3339): none when skipped, two when doubled. */
  readonly instants: readonly string[];
}

export interface ScheduleAnalysis {
  /** Runs within the window. */
  readonly runs: number;
  /** True when the schedule never fires (e.g. February 30th). */
  readonly neverFires: boolean;
  /** Shortest time between consecutive runs, in seconds; undefined when it never fires. */
  readonly shortestIntervalSeconds?: number;
  /** Longest time between consecutive runs, in seconds; undefined when it never fires. */
  readonly longestIntervalSeconds?: number;
  /** Wall times the schedule names that do not happen because clocks spring forward. */
  readonly skipped: readonly DstEvent[];
  /** Wall times that run twice because clocks fall back. */
  readonly doubled: readonly DstEvent[];
}

const cache = new Map<string, ScheduleAnalysis | undefined>();

/**
 * Analyses `schedule` in `timeZone` (as the controller runs it) over two years from `fromMs`.
 * Undefined when the controller could not run the schedule at all. Results are cached per input.
 */
export function analyzeSchedule(
  schedule: string,
  timeZone: string | undefined,
  fromMs: number,
  windowDays: number = WINDOW_DAYS,
): ScheduleAnalysis | undefined {
  if (!Number.isFinite(fromMs)) return undefined;
  const key = `${schedule}\u0000${timeZone ?? ''}\u0000${fromMs}\u0000${windowDays}`;
  if (cache.has(key)) return cache.get(key);
  const parsed = controllerSchedule(schedule, timeZone);
  let result: ScheduleAnalysis | undefined;
  if (parsed.error !== undefined) {
    result = undefined;
  } else if (parsed.schedule instanceof ConstantDelaySchedule) {
    const delay = parsed.schedule.delaySeconds;
    result = {
      runs: Math.floor((windowDays * DAY) / delay),
      neverFires: false,
      shortestIntervalSeconds: delay,
      longestIntervalSeconds: delay,
      skipped: [],
      doubled: [],
    };
  } else {
    result = analyzeSpec(parsed.schedule as SpecSchedule, Math.floor(fromMs / 1000), windowDays);
  }
  cache.set(key, result);
  return result;
}

/** The intervals a schedule's wall-clock pattern implies, for defaults that must not depend on today's date. */
export interface NominalIntervals {
  readonly shortestSeconds: number;
  readonly longestSeconds: number;
}

/** A fixed reference start, so derived defaults are the same on every synth. */
const NOMINAL_FROM_MS = Date.UTC(2024, 0, 1);
const NOMINAL_WINDOW_DAYS = 8 * 366;
/**
 * Enough for a schedule whose runs repeat every week: any window of two weeks and a day holds one
 * of each gap between runs (none is longer than a week), so it measures what eight years would.
 */
const WEEKLY_WINDOW_DAYS = 15;

/**
 * True when the days a schedule runs on depend on the weekday alone: every day of the month and
 * every month allowed (with day of week restricted, robfig then needs only the weekday; without,
 * every day runs), so in UTC its runs repeat weekly.
 */
function repeatsWeekly(schedule: SpecSchedule): boolean {
  const all = (values: readonly boolean[], from: number, to: number) => {
    for (let v = from; v <= to; v++) if (!values[v]) return false;
    return true;
  };
  return all(schedule.dayOfMonth.values, 1, 31) && all(schedule.month.values, 1, 12);
}

/**
 * Shortest and longest interval between runs, ignoring daylight-saving shifts (computed in UTC over
 * a fixed eight-year window, so leap days count; two weeks when the runs repeat weekly).
 * Deterministic: it never depends on the current date.
 * Undefined when the schedule or time zone is invalid, or the schedule never fires.
 */
export function nominalIntervals(schedule: string, timeZone?: string): NominalIntervals | undefined {
  // The zone only decides validity here; the pattern itself is measured in UTC.
  if (validateTimeZone(timeZone).length > 0) return undefined;
  const parsed = controllerSchedule(schedule, undefined);
  const windowDays =
    'schedule' in parsed && parsed.schedule instanceof SpecSchedule && repeatsWeekly(parsed.schedule)
      ? WEEKLY_WINDOW_DAYS
      : NOMINAL_WINDOW_DAYS;
  const analysis = analyzeSchedule(schedule, undefined, NOMINAL_FROM_MS, windowDays);
  if (analysis?.shortestIntervalSeconds === undefined || analysis.longestIntervalSeconds === undefined)
    return undefined;
  return { shortestSeconds: analysis.shortestIntervalSeconds, longestSeconds: analysis.longestIntervalSeconds };
}

/** Running totals while walking days. */
class IntervalTracker {
  runs = 0;
  shortest = Infinity;
  longest = 0;
  private last: number | undefined;

  /** A run at `t` (seconds). */
  add(t: number): void {
    this.span(t, t, 0, 0, 1);
  }

  /** Runs from `first` to `last` with internal gaps between `minGap` and `maxGap`. */
  span(first: number, last: number, minGap: number, maxGap: number, count: number): void {
    if (this.last !== undefined) this.gap(first - this.last);
    if (count > 1) {
      this.gap(minGap);
      this.gap(maxGap);
    }
    this.runs += count;
    this.last = last;
  }

  private gap(seconds: number): void {
    if (seconds < this.shortest) this.shortest = seconds;
    if (seconds > this.longest) this.longest = seconds;
  }
}

function analyzeSpec(spec: SpecSchedule, from: number, windowDays: number): ScheduleAnalysis {
  const zone = spec.zone;
  const to = from + windowDays * DAY;
  const wallTimes: number[] = [];
  for (let h = 0; h < 24; h++) {
    if (!spec.hour.values[h]) continue;
    for (let m = 0; m < 60; m++) if (spec.minute.values[m]) wallTimes.push(h * 3600 + m * 60);
  }
  let minGap = Infinity;
  let maxGap = 0;
  for (let i = 1; i < wallTimes.length; i++) {
    const g = wallTimes[i] - wallTimes[i - 1];
    minGap = Math.min(minGap, g);
    maxGap = Math.max(maxGap, g);
  }

  const tracker = new IntervalTracker();
  const skipped: DstEvent[] = [];
  const doubled: DstEvent[] = [];
  const firstDay = Math.floor((from + zone.offsetAt(from)) / DAY);
  const lastDay = Math.floor((to + zone.offsetAt(to)) / DAY);

  // The controller computes each run from the one before, and robfig's walk misbehaves when it
  // crosses an offset change (half-hour zones can lose a whole day), so a day is computed by plain
  // arithmetic only when no change lies between the previous run and the day's end.
  let cursor = from - 1;
  for (let day = firstDay; day <= lastDay && wallTimes.length > 0; day++) {
    const { year, month, day: dom } = civilFromDays(day);
    if (!spec.month.values[month]) continue;
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (!spec.dayMatches({ year, month, day: dom, hour: 0, minute: 0, second: 0, weekday })) continue;

    const localStart = day * DAY;
    // Offsets lie within -12h..+14h, so every instant of the local day is before this.
    const latest = localStart + DAY + 13 * 3600;
    if (!zone.changesBetween(cursor, latest)) {
      const base = localStart - zone.offsetAt(localStart);
      const first = base + wallTimes[0];
      const last = base + wallTimes[wallTimes.length - 1];
      if (first >= from && last <= to) {
        tracker.span(first, last, minGap, maxGap, wallTimes.length);
      } else {
        for (const w of wallTimes) if (base + w >= from && base + w <= to) tracker.add(base + w);
      }
      cursor = Math.max(cursor, last);
      continue;
    }
    // An offset change lies ahead: take the runs from the controller's own walk.
    const runsThisDay = new Map<number, number[]>();
    for (let t = spec.next(cursor * 1000); t !== null; t = spec.next(t)) {
      const s = t / 1000;
      const localDay = Math.floor((s + zone.offsetAt(s)) / DAY);
      if (localDay > day) break;
      cursor = s;
      if (s >= from && s <= to) tracker.add(s);
      if (localDay < day) continue;
      const wall = s + zone.offsetAt(s) - localStart;
      runsThisDay.set(wall, [...(runsThisDay.get(wall) ?? []), s]);
    }
    for (const w of wallTimes) {
      const instants = runsThisDay.get(w) ?? [];
      // Report only hazards inside the window (give or take the hour the change moves).
      const approximate = localStart + w - zone.offsetAt(localStart);
      if (approximate < from - 3600 || approximate > to + 3600) continue;
      if (instants.length === 0) skipped.push({ localTime: localTimeText(day, w), instants: [] });
      if (instants.length > 1)
        doubled.push({ localTime: localTimeText(day, w), instants: instants.map((s) => formatInstant(s * 1000)) });
    }
  }

  if (tracker.runs < 2) return sparseAnalysis(spec, from, tracker.runs, skipped, doubled);
  return {
    runs: tracker.runs,
    neverFires: false,
    shortestIntervalSeconds: tracker.shortest,
    longestIntervalSeconds: tracker.longest,
    skipped,
    doubled,
  };
}

/** Fewer than two runs in the window: measure the interval from the next runs, however far away. */
function sparseAnalysis(
  spec: SpecSchedule,
  from: number,
  runs: number,
  skipped: DstEvent[],
  doubled: DstEvent[],
): ScheduleAnalysis {
  const first = spec.next(from * 1000);
  const second = first === null ? null : spec.next(first);
  if (first === null) return { runs: 0, neverFires: true, skipped, doubled };
  const interval = second === null ? undefined : (second - first) / 1000;
  return {
    runs,
    neverFires: false,
    shortestIntervalSeconds: interval,
    longestIntervalSeconds: interval,
    skipped,
    doubled,
  };
}

function localTimeText(day: number, secondOfDay: number): string {
  const { year, month, day: dom } = civilFromDays(day);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(dom)} ${pad(Math.floor(secondOfDay / 3600))}:${pad((secondOfDay / 60) % 60)}`;
}
