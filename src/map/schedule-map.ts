/**
 * The fleet schedule map's data: every start of every CronJob and ScheduledJob in a window, the
 * heat-map grid they fill, each job's runs up to their deadline bound, and the findings. One pure
 * function of the documents and the options, so the same input and `fromMs` give the same map;
 * the renderers (html, svg, text, json) only lay this data out.
 */
import { ManifestDocument } from '../manifests/document';
import { formatInstant } from '../schedule/instants';
import { loadLocation, TimeZone } from '../schedule/time-zone';
import { MappedJob, readFleet } from './fleet';
import { MapFinding, mapFindings } from './findings';
import { buildGrid, Grid, GridLayout, GridResolution } from './grid';
import { FireTimeCache, JobRuns, MapWindow, runsInWindow } from './runs';

export interface ScheduleMapOptions {
  /** The window's first instant (ms since the epoch). */
  readonly fromMs: number;
  /**
   * The window's length in days (1-31). A one-day map counts starts per minute, a longer one per hour.
   * @default 7
   */
  readonly days?: number;
  /**
   * The IANA zone whose local dates and hours the map shows.
   * @default "UTC"
   */
  readonly timeZone?: string;
  /**
   * A minute with at least this many starts, and at least three times the fleet's average starts
   * per minute, is reported as a pile-up.
   * @default 10
   */
  readonly pileUpThreshold?: number;
  /**
   * Runs kept per job (a job starting more often in the window is cut short, and says so).
   * @default 50000
   */
  readonly maxRunsPerJob?: number;
  /**
   * Starts the whole map may hold: past it the map is refused (MapTooLarge) rather than grown until
   * memory runs out (2,000 every-minute jobs over 31 days are 89 million starts).
   * @default MAX_MAP_STARTS
   */
  readonly maxStarts?: number;
}

/** Starts a map holds at most: 5,000 CronJobs of an ordinary fleet over 31 days stay well under it. */
export const MAX_MAP_STARTS = 5_000_000;

/** A map that would hold more starts than allowed; its message says so in one line. */
export class MapTooLarge extends Error {
  constructor(maxStarts: number, jobs: number, days: number) {
    super(
      `the map of ${jobs} jobs over ${days} day${days === 1 ? '' : 's'} would hold more than ${maxStarts.toLocaleString('en-US')} starts; map fewer days or fewer jobs`,
    );
  }
}

export const MAX_MAP_DAYS = 31;

export interface ScheduleMap {
  readonly window: MapWindow & { readonly days: number; readonly timeZone: string };
  readonly jobs: readonly MappedJob[];
  /** `runs[i]` are the runs of `jobs[i]`. */
  readonly runs: readonly JobRuns[];
  readonly grid: Grid;
  readonly findings: readonly MapFinding[];
}

/**
 * Builds the map of every CronJob and ScheduledJob in `documents`. Throws on options outside their
 * documented range, and MapTooLarge past `maxStarts`.
 */
export function buildScheduleMap(documents: readonly ManifestDocument[], options: ScheduleMapOptions): ScheduleMap {
  const days = options.days ?? 7;
  const timeZone = options.timeZone ?? 'UTC';
  const zone = mapZone(timeZone);
  if (!Number.isInteger(days) || days < 1 || days > MAX_MAP_DAYS)
    throw new Error(`days must be a whole number from 1 to ${MAX_MAP_DAYS}, not ${days}`);
  if (zone === undefined) throw new Error(`unknown time zone "${timeZone}"`);
  const window = { fromMs: options.fromMs, toMs: options.fromMs + days * 86_400_000 };
  const jobs = readFleet(documents);
  const fireTimes: FireTimeCache = new Map();
  const maxStarts = options.maxStarts ?? MAX_MAP_STARTS;
  let starts = 0;
  const runs = jobs.map((job) => {
    const jobRuns = runsInWindow(job, window, options.maxRunsPerJob ?? 50_000, fireTimes);
    starts += jobRuns.starts.length;
    if (starts > maxStarts) throw new MapTooLarge(maxStarts, jobs.length, days);
    return jobRuns;
  });
  const resolution: GridResolution = days === 1 ? 'minute' : 'hour';
  const grid = buildGrid(
    new GridLayout(resolution, zone, window),
    runs.map((r) => r.starts),
  );
  const findings = mapFindings({ jobs, runs, window, zone, pileUpThreshold: options.pileUpThreshold ?? 10 });
  return { window: { ...window, days, timeZone }, jobs, runs, grid, findings };
}

/** The zone a map may be drawn in: an IANA name Go would load (so `Local` is refused: it means nothing here). */
export function mapZone(name: string): TimeZone | undefined {
  return name === 'Local' || name === '' ? undefined : loadLocation(name);
}

/** `2026-11-01T00:00:00Z to 2026-11-08T00:00:00Z (7 days, UTC)`. */
export function describeWindow(map: ScheduleMap): string {
  const { fromMs, toMs, days, timeZone } = map.window;
  return `${formatInstant(fromMs)} to ${formatInstant(toMs)} (${days} day${days === 1 ? '' : 's'}, shown in ${timeZone})`;
}
