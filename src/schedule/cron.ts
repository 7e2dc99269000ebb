/**
 * robfig/cron v3.0.1's standard parser and its two schedule kinds, the code Kubernetes runs
 * for `spec.schedule`.
 *
 * Ours, not cron-parser's: cron-parser accepts a superset of this dialect (seconds, `L`, `#`,
 * `H`, `7` for Sunday), rejects parts of it (`0 0 30 2 *`, `1,,2`, `@every`, `@midnight`) and
 * disagrees on fire times around daylight-saving changes (docs/research/cron-parser-vs-kubernetes.md).
 * A schedule here is five small bit tables walked the way robfig's `Next` walks them, which is
 * also much faster than cron-parser on sparse schedules (see bench/).
 */
import { parseGoDuration } from './go-duration';
import { addDate, goDate, wallClock, WallClock } from './go-time';
import { daysInMonth } from './instants';
import { civilFromDays, daysFromCivil, loadLocation, loadLocationError, TimeZone, UTC } from './time-zone';

/** A parsed schedule: the next fire time strictly after an instant, or null if there is none. */
export interface CronSchedule {
  /** The next fire time (milliseconds since the epoch) strictly after `afterMs`, or null when it never fires. */
  next(afterMs: number): number | null;
}

/** One field's range, and the names robfig reads in it (lower case). */
export interface FieldBounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}
type Bounds = FieldBounds;

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The five fields of a standard schedule, in order: minute, hour, day of month, month, day of week. */
export const STANDARD_FIELD_BOUNDS: readonly FieldBounds[] = [MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];

/** A field value as robfig reads it (a number, or a name of the field, any case), or undefined when it reads none. */
export function fieldValue(expr: string, bounds: FieldBounds): number | undefined {
  const value = parseIntOrName(expr, bounds);
  return typeof value === 'number' ? value : undefined;
}

/** One field's allowed values, and robfig's "star bit": set by `*` or `?` unless a step above 1 clears it. */
export interface FieldSet {
  readonly values: readonly boolean[];
  readonly star: boolean;
}

/** For each value, the smallest allowed value at or above it (-1 when none): lets the fast path jump. */
function nextAllowed(set: FieldSet, max: number): Int8Array {
  const table = new Int8Array(max + 2).fill(-1);
  for (let v = max; v >= 0; v--) table[v] = set.values[v] ? v : table[v + 1];
  return table;
}

const SECONDS_PER_DAY = 86_400;

/**
 * A five-field (or descriptor) schedule, walked in its zone like robfig's `SpecSchedule.Next`.
 *
 * `next` first answers with calendar arithmetic at one fixed UTC offset, which is exact whenever
 * the zone's offset does not change between the earliest instant robfig's walk may revisit (the
 * start of the current local month) and the answer. Otherwise it runs robfig's walk step by step
 * (`walk`), which reproduces Go's handling of skipped and repeated local times.
 */
export class SpecSchedule implements CronSchedule {
  private readonly nextMinute: Int8Array;
  private readonly nextHour: Int8Array;
  private readonly nextMonth: Int8Array;
  private readonly neverMatches: boolean;

  constructor(
    readonly minute: FieldSet,
    readonly hour: FieldSet,
    readonly dayOfMonth: FieldSet,
    readonly month: FieldSet,
    readonly dayOfWeek: FieldSet,
    readonly zone: TimeZone,
  ) {
    this.nextMinute = nextAllowed(minute, 59);
    this.nextHour = nextAllowed(hour, 23);
    this.nextMonth = nextAllowed(month, 12);
    // A field with no value at all (", * * * *" parses) can never match.
    this.neverMatches =
      [minute, hour, month].some((f) => !f.values.includes(true)) ||
      (!dayOfMonth.values.includes(true) && !dayOfWeek.values.includes(true));
  }

  /** robfig's dayMatches: both fields must match if either has the star bit, else either may. */
  dayMatches(w: WallClock): boolean {
    return this.dayMatchesDate(w.day, w.weekday);
  }

  next(afterMs: number): number | null {
    const start = Math.floor(afterMs / 1000) + 1;
    const offset = this.zone.offsetAt(start);
    const local = start + offset;
    const candidate = this.nextAtFixedOffset(local);
    // No matching wall time within the horizon: robfig's walk only ever returns matching wall
    // times, so it cannot find one either (and would take five years of steps to say so).
    if (candidate === null) return null;
    const answer = candidate - offset;
    // robfig's walk only moves forward from the start: at most it first resets to the start of the
    // current local month (when the month does not match) or of the current local day. With no
    // offset change from there (a day's margin for the offset) to the answer, the walk sees one
    // fixed offset and the arithmetic answer is its answer.
    const dayStart = local - (((local % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);
    const { month, day } = civilFromDays(dayStart / SECONDS_PER_DAY);
    const resetPoint = this.month.values[month] ? dayStart : dayStart - (day - 1) * SECONDS_PER_DAY;
    if (!this.zone.changesBetween(resetPoint - offset - SECONDS_PER_DAY, answer + 1)) return answer * 1000;
    return this.walk(afterMs);
  }

  /**
   * The first matching wall time at or after `local` (wall-clock seconds, read as UTC), within
   * robfig's five-year horizon, or null. Pure calendar arithmetic: correct when the offset is fixed.
   */
  private nextAtFixedOffset(local: number): number | null {
    if (this.neverMatches) return null;
    let days = Math.floor(local / SECONDS_PER_DAY);
    const secondOfDay = local - days * SECONDS_PER_DAY;
    let { year, month, day } = civilFromDays(days);
    let hour = Math.floor(secondOfDay / 3600);
    let minute = Math.floor(secondOfDay / 60) % 60;
    if (secondOfDay % 60 !== 0) minute++;
    const yearLimit = year + 5;
    for (;;) {
      if (minute > 59) {
        minute = 0;
        hour++;
      }
      if (hour > 23) {
        hour = 0;
        minute = 0;
        day++;
      }
      if (day > daysInMonth(year, month)) {
        day = 1;
        hour = 0;
        minute = 0;
        month++;
      }
      if (month > 12) {
        month = 1;
        year++;
      }
      if (year > yearLimit) return null;
      const m = this.nextMonth[month];
      if (m !== month) {
        day = 1;
        hour = 0;
        minute = 0;
        if (m < 0) {
          month = 13;
          continue;
        }
        month = m;
      }
      days = daysFromCivil(year, month, day);
      const weekday = (((days + 4) % 7) + 7) % 7;
      if (!this.dayMatchesDate(day, weekday)) {
        day++;
        hour = 0;
        minute = 0;
        continue;
      }
      const h = this.nextHour[hour];
      if (h !== hour) {
        minute = 0;
        if (h < 0) {
          hour = 24;
          continue;
        }
        hour = h;
      }
      const mi = this.nextMinute[minute];
      if (mi < 0) {
        minute = 60;
        continue;
      }
      return days * SECONDS_PER_DAY + hour * 3600 + mi * 60;
    }
  }

  private dayMatchesDate(day: number, weekday: number): boolean {
    const domMatch = this.dayOfMonth.values[day];
    const dowMatch = this.dayOfWeek.values[weekday];
    if (this.dayOfMonth.star || this.dayOfWeek.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /** robfig's `Next`, step for step, over Go's time rules. */
  private walk(afterMs: number): number | null {
    const zone = this.zone;
    // The upcoming whole second; the seconds field is always 0.
    let t = Math.floor(afterMs / 1000) + 1;
    let added = false;
    let w = wallClock(t, zone);
    const yearLimit = w.year + 5;

    wrap: for (;;) {
      w = wallClock(t, zone);
      if (w.year > yearLimit) return null;

      while (!this.month.values[w.month]) {
        if (!added) {
          added = true;
          t = goDate(w.year, w.month, 1, 0, 0, 0, zone);
        }
        t = addDate(t, zone, 0, 1, 0);
        w = wallClock(t, zone);
        if (w.month === 1) continue wrap;
      }

      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          t = goDate(w.year, w.month, w.day, 0, 0, 0, zone);
        }
        t = addDate(t, zone, 0, 0, 1);
        w = wallClock(t, zone);
        // robfig's correction for a day that no longer starts at midnight after a DST change.
        if (w.hour !== 0) {
          t += w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600;
          w = wallClock(t, zone);
        }
        if (w.day === 1) continue wrap;
      }

      while (!this.hour.values[w.hour]) {
        if (!added) {
          added = true;
          t = goDate(w.year, w.month, w.day, w.hour, 0, 0, zone);
        }
        t += 3600;
        w = wallClock(t, zone);
        if (w.hour === 0) continue wrap;
      }

      while (!this.minute.values[w.minute]) {
        if (!added) {
          added = true;
          t = Math.floor(t / 60) * 60;
        }
        t += 60;
        w = wallClock(t, zone);
        if (w.minute === 0) continue wrap;
      }

      while (w.second !== 0) {
        added = true;
        t += 1;
        w = wallClock(t, zone);
        if (w.second === 0) continue wrap;
      }
      return t * 1000;
    }
  }
}

/** `@every <duration>`: a fixed delay after the given instant, whole seconds, at least one second. */
export class ConstantDelaySchedule implements CronSchedule {
  constructor(readonly delaySeconds: number) {}

  next(afterMs: number): number | null {
    return Math.floor(afterMs / 1000) * 1000 + this.delaySeconds * 1000;
  }
}

/** The outcome of parsing: a schedule, or robfig's error text. */
export type ParseResult = { readonly schedule: CronSchedule; readonly error?: undefined } | { readonly error: string };

/**
 * robfig/cron v3.0.1 `ParseStandard`: five fields or a descriptor, optionally preceded by
 * `TZ=<zone> ` or `CRON_TZ=<zone> `. Without a zone the schedule runs in UTC (the
 * controller's local zone, assumed UTC). Inputs on which robfig panics fail with the panic's text.
 */
export function parseStandard(spec: string): ParseResult {
  if (spec.length === 0) return { error: 'empty spec string' };
  let zone = UTC;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    if (space < 0) return { error: 'parser panic: runtime error: slice bounds out of range [:-1]' };
    const name = spec.slice(eq + 1, space);
    const loaded = loadLocation(name);
    if (!loaded) return { error: `provided bad location ${name}: ${loadLocationError(name)}` };
    zone = loaded;
    spec = spec.slice(space).replace(GO_SPACE_TRIM, '');
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, zone);

  const fields = goFields(spec);
  if (fields.length !== 5) {
    return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  }
  const bounds = [MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];
  const sets: FieldSet[] = [];
  for (let i = 0; i < 5; i++) {
    const set = parseField(fields[i], bounds[i]);
    if (typeof set === 'string') return { error: set };
    sets.push(set);
  }
  return { schedule: new SpecSchedule(sets[0], sets[1], sets[2], sets[3], sets[4], zone) };
}

function fullSet(bounds: Bounds): FieldSet {
  return { values: bitsFor(bounds.min, bounds.max, 1), star: true };
}

function singleSet(value: number): FieldSet {
  return { values: bitsFor(value, value, 1), star: false };
}

function parseDescriptor(spec: string, zone: TimeZone): ParseResult {
  const minute = singleSet(0);
  const midnight = singleSet(0);
  switch (spec) {
    case '@yearly':
    case '@annually':
      return { schedule: new SpecSchedule(minute, midnight, singleSet(1), singleSet(1), fullSet(DAYS_OF_WEEK), zone) };
    case '@monthly':
      return {
        schedule: new SpecSchedule(minute, midnight, singleSet(1), fullSet(MONTHS), fullSet(DAYS_OF_WEEK), zone),
      };
    case '@weekly':
      return {
        schedule: new SpecSchedule(minute, midnight, fullSet(DAYS_OF_MONTH), fullSet(MONTHS), singleSet(0), zone),
      };
    case '@daily':
    case '@midnight':
      return {
        schedule: new SpecSchedule(
          minute,
          midnight,
          fullSet(DAYS_OF_MONTH),
          fullSet(MONTHS),
          fullSet(DAYS_OF_WEEK),
          zone,
        ),
      };
    case '@hourly':
      return {
        schedule: new SpecSchedule(
          minute,
          fullSet(HOURS),
          fullSet(DAYS_OF_MONTH),
          fullSet(MONTHS),
          fullSet(DAYS_OF_WEEK),
          zone,
        ),
      };
    default:
      break;
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const parsed = parseGoDuration(spec.slice(every.length));
    if ('error' in parsed) return { error: `failed to parse duration ${spec}: ${parsed.error}` };
    const nanos = parsed.nanos;
    // Shorter than a second becomes a second; sub-second parts are dropped.
    const seconds = nanos < 1_000_000_000n ? 1 : Number(nanos / 1_000_000_000n);
    return { schedule: new ConstantDelaySchedule(seconds) };
  }
  return { error: `unrecognized descriptor: ${spec}` };
}

/** One field: a comma-separated list (empty items dropped) of `*`, `?`, `N` or `N-M`, each with an optional `/step`. */
function parseField(field: string, bounds: Bounds): FieldSet | string {
  const values = new Array<boolean>(bounds.max + 1).fill(false);
  let star = false;
  for (const expr of field.split(',')) {
    if (expr === '') continue;
    const range = parseRange(expr, bounds);
    if (typeof range === 'string') return range;
    for (let v = range.start; v <= range.end; v += range.step) values[v] = true;
    star = star || range.star;
  }
  return { values, star };
}

interface Range {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly star: boolean;
}

function parseRange(expr: string, bounds: Bounds): Range | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // Anything after a star in a range ("*-5") is ignored.
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    const low = parseIntOrName(lowAndHigh[0], bounds);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], bounds);
      if (typeof high === 'string') return high;
      end = high;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step: number;
  if (rangeAndStep.length === 1) {
    step = 1;
  } else if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    // "N/step" means "N-max/step".
    if (single) end = bounds.max;
    if (step > 1) star = false;
  } else {
    return `too many slashes: ${expr}`;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return { start, end, step, star };
}

function parseIntOrName(expr: string, bounds: Bounds): number | string {
  const named = bounds.names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  return mustParseInt(expr);
}

/** Go's `strconv.Atoi` (an optional sign, then ASCII digits, within int64), refusing negatives. */
function mustParseInt(expr: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(expr)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuoteAtoi(expr)}: invalid syntax`;
  }
  const value = BigInt(expr);
  if (value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuoteAtoi(expr)}: value out of range`;
  }
  if (value < 0n) return `negative number (${value}) not allowed: ${expr}`;
  return Number(value);
}

function goQuoteAtoi(s: string): string {
  return JSON.stringify(s);
}

function bitsFor(start: number, end: number, step: number): boolean[] {
  const values = new Array<boolean>(end + 1).fill(false);
  for (let v = start; v <= end; v += step) values[v] = true;
  return values;
}

/** The characters Go's `unicode.IsSpace` accepts, which `strings.Fields` splits on. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE_RUN = new RegExp(`[${GO_SPACE}]+`);
const GO_SPACE_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** Go's `strings.Fields`: split on runs of Unicode white space, ignoring it at either end. */
function goFields(s: string): string[] {
  return s.split(GO_SPACE_RUN).filter((f) => f !== '');
}
