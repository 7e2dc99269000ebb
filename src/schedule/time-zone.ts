/**
 * IANA time zones as Go's `time.LoadLocation` sees them, and their UTC offsets.
 *
 * Which names exist comes from the `tzdata` package's list (exact case, links included),
 * because Go looks names up case-sensitively while the JavaScript Intl API accepts any case
 * and folds links into canonical names. The offsets themselves come from the runtime's ICU
 * data through Intl: offset transitions are found once per zone and year, then cached, so
 * an offset lookup is a short scan of a small array.
 */
import * as tzdata from 'tzdata';

/** A time zone reduced to what schedule maths needs: its name and its offset at an instant. */
export interface TimeZone {
  /** The name it was loaded by. */
  readonly name: string;
  /** Seconds east of UTC in force at the instant `epochSeconds` (seconds since 1970-01-01T00:00:00Z). */
  offsetAt(epochSeconds: number): number;
  /** Whether the offset changes at any instant in `(fromSeconds, toSeconds]`. */
  changesBetween(fromSeconds: number, toSeconds: number): boolean;
}

const KNOWN_ZONE_NAMES: ReadonlySet<string> = new Set(Object.keys((tzdata as { zones: object }).zones));

/** The zone with offset 0 at every instant. */
export const UTC: TimeZone = fixedZone('UTC');

function fixedZone(name: string, offsetSeconds = 0): TimeZone {
  return { name, offsetAt: () => offsetSeconds, changesBetween: () => false };
}

/** A zone's tzdata entry: a link's target name, or its periods (offset in minutes west, rules, format, until). */
type ZoneEntry = string | ReadonlyArray<ReadonlyArray<string | null>>;

/**
 * The offset (seconds east) of an `Etc/` zone or a link to one (`UTC`, `Zulu`, `Etc/GMT+5`): one
 * period, no rules, no end, so the same offset at every instant; undefined for any other zone.
 * Such zones skip Intl altogether, which matters because `Etc/UTC` is the CronJob's default zone.
 */
export function etcZoneOffset(name: string): number | undefined {
  const zones = (tzdata as { zones: Record<string, ZoneEntry> }).zones;
  let target = name;
  let entry: ZoneEntry | undefined = zones[target];
  for (let hops = 0; typeof entry === 'string' && hops < 4; hops++) {
    target = entry;
    entry = zones[target];
  }
  if (!target.startsWith('Etc/') || entry === undefined || typeof entry === 'string' || entry.length !== 1)
    return undefined;
  const [minutesWest, rules, , until] = entry[0];
  if (rules !== '-' || until !== null || typeof minutesWest !== 'string' || !/^[-+]?\d+$/.test(minutesWest))
    return undefined;
  const offset = -Number(minutesWest) * 60;
  return offset === 0 ? 0 : offset; // never -0
}

const SECONDS_PER_DAY = 86_400;
const MEAN_YEAR_SECONDS = 31_556_952;
/**
 * Offsets are sampled this far apart when a year's transitions are first looked for, then each
 * change is bisected to the second. No zone changes its offset twice within two days.
 */
const SAMPLE_STEP_SECONDS = 2 * SECONDS_PER_DAY;

/** One UTC year of a zone: `offsets[i]` applies from `starts[i]` (inclusive) on. */
interface YearTable {
  readonly starts: number[];
  readonly offsets: number[];
}

/** What `IntlTimeZone`'s format shows: month/day/year era, hour:minute:second (24-hour clock). */
const WALL_CLOCK_TEXT = /^(\d{1,2})\/(\d{1,2})\/(\d+) (AD|BC), (\d{2}):(\d{2}):(\d{2})$/;

class IntlTimeZone implements TimeZone {
  private readonly format: Intl.DateTimeFormat;
  private readonly years = new Map<number, YearTable>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  offsetAt(epochSeconds: number): number {
    const { starts, offsets } = this.tableFor(epochSeconds);
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1] <= epochSeconds) i++;
    return offsets[i];
  }

  changesBetween(fromSeconds: number, toSeconds: number): boolean {
    for (let t = fromSeconds; ; t += MEAN_YEAR_SECONDS) {
      const { starts } = this.tableFor(Math.min(t, toSeconds));
      if (starts.some((start) => start > fromSeconds && start <= toSeconds)) return true;
      if (t >= toSeconds) return false;
    }
  }

  /** The cached table of the (mean Gregorian) year holding an instant; tables overlap at their edges. */
  private tableFor(epochSeconds: number): YearTable {
    const year = Math.floor(epochSeconds / MEAN_YEAR_SECONDS) + 1970;
    let table = this.years.get(year);
    if (table === undefined) {
      table = this.buildYear(year);
      this.years.set(year, table);
    }
    return table;
  }

  /** Offsets over one (approximate) year, from a day before to a day after, with exact transition instants. */
  private buildYear(year: number): YearTable {
    const from = (year - 1970) * MEAN_YEAR_SECONDS - 2 * SECONDS_PER_DAY;
    const to = (year + 1 - 1970) * MEAN_YEAR_SECONDS + 2 * SECONDS_PER_DAY;
    const starts = [Number.NEGATIVE_INFINITY];
    const offsets = [this.sample(from)];
    let previous = from;
    for (let t = from + SAMPLE_STEP_SECONDS; t <= to; t += SAMPLE_STEP_SECONDS) {
      const offset = this.sample(t);
      if (offset !== offsets[offsets.length - 1]) {
        // Bisect to the first second with the new offset.
        let lo = previous;
        let hi = t;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.sample(mid) === offset) hi = mid;
          else lo = mid;
        }
        starts.push(hi);
        offsets.push(offset);
      }
      previous = t;
    }
    return { starts, offsets };
  }

  /** The offset at one instant, read from the wall clock Intl shows for it. */
  private sample(epochSeconds: number): number {
    const date = new Date(epochSeconds * 1000);
    // `format` is a third of the cost of `formatToParts`; its en-US shape is read when it is the
    // expected one ("3/9/2025 AD, 02:30:00"), and the parts are asked for otherwise.
    const shown = WALL_CLOCK_TEXT.exec(this.format.format(date));
    if (shown !== null) {
      const [, month, day, year, era, hour, minute, second] = shown;
      const wall =
        daysFromCivil(era === 'AD' ? Number(year) : 1 - Number(year), Number(month), Number(day)) * SECONDS_PER_DAY +
        Number(hour) * 3600 +
        Number(minute) * 60 +
        Number(second);
      return wall - epochSeconds;
    }
    return this.sampleParts(date, epochSeconds);
  }

  /** The offset at one instant, from the parts of the wall clock Intl shows for it. */
  private sampleParts(date: Date, epochSeconds: number): number {
    const parts = this.format.formatToParts(date);
    const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const era = parts.find((p) => p.type === 'era')?.value;
    const year = era === 'BC' || era === 'B' ? 1 - field('year') : field('year');
    const wallSeconds =
      daysFromCivil(year, field('month'), field('day')) * SECONDS_PER_DAY +
      field('hour') * 3600 +
      field('minute') * 60 +
      field('second');
    return wallSeconds - epochSeconds;
  }
}

const loaded = new Map<string, TimeZone>();

/**
 * Go's `time.LoadLocation`: `""` and `UTC` are UTC; `Local` is the caller's zone, which for the
 * CronJob controller is the kube-controller-manager's and is taken to be UTC; any other name
 * must be an IANA zone or link, spelled with its exact case. Returns undefined where Go fails.
 */
export function loadLocation(name: string): TimeZone | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return UTC;
  const cached = loaded.get(name);
  if (cached) return cached;
  if (!KNOWN_ZONE_NAMES.has(name)) return undefined;
  let zone: TimeZone;
  const fixedOffset = etcZoneOffset(name);
  try {
    zone = fixedOffset !== undefined ? fixedZone(name, fixedOffset) : new IntlTimeZone(name);
  } catch {
    // A name in the IANA list that this runtime's ICU lacks (the "Factory" zone): Go gives it offset 0.
    zone = fixedZone(name);
  }
  loaded.set(name, zone);
  return zone;
}

/** Go's error text for a name `loadLocation` refuses. */
export function loadLocationError(name: string): string {
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  return `unknown time zone ${name}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; month and day may overflow, as in Go's time.Date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Normalise the month into 1..12, carrying into the year.
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  // Howard Hinnant's days_from_civil, with day overflow carried by plain addition.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468 + (day - 1);
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
