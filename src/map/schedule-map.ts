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

/** Builds the map of every CronJob and ScheduledJob in `documents`. Throws on options outside their documented range. */
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
  const runs = jobs.map((job) => runsInWindow(job, window, options.maxRunsPerJob ?? 50_000, fireTimes));
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
