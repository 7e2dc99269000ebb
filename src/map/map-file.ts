/**
 * The map as a file beside synthesized manifests: what `Synthesis.run(app, { scheduleMap })`
 * writes, from every manifest in the app's output directory, as `cdk8s-batch map DIR --output FILE`
 * would.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { describeProblem } from '../manifests/document';
import { parseRfc3339 } from '../schedule/instants';
import { daysFromCivil, TimeZone } from '../schedule/time-zone';
import { readMapInputs } from './inputs';
import { mapFormatForFile, renderScheduleMap } from './render';
import { buildScheduleMap, MapTooLarge, mapZone, MAX_MAP_DAYS, ScheduleMap } from './schedule-map';

const SECONDS_PER_DAY = 86_400;

/**
 * Where a `YYYY-MM-DD` date begins in a zone (ms): its midnight, or where the clocks jump over
 * midnight (America/Santiago, 2026-09-06: from 00:00 to 01:00), the instant of the jump. Undefined
 * when the text is not such a date. Not Go's `time.Date` (goDate), which the schedule maths
 * mirrors: it reads a skipped midnight with the later offset, an hour before the date begins.
 */
export function localMidnight(text: string, zone: TimeZone): number | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date === null || parseRfc3339(`${text}T00:00:00Z`) === undefined) return undefined;
  return startOfDay(daysFromCivil(Number(date[1]), Number(date[2]), Number(date[3])) * SECONDS_PER_DAY, zone) * 1000;
}

/** The first instant (s) whose wall clock in `zone` shows the day whose midnight, read as UTC, is `wall`. */
function startOfDay(wall: number, zone: TimeZone): number {
  // No zone changes its offset twice within two days: a wall time of this day has one of these two.
  const [earlier, later] = [zone.offsetAt(wall - SECONDS_PER_DAY), zone.offsetAt(wall + SECONDS_PER_DAY)];
  const midnights = [wall - earlier, wall - later].filter((t) => zone.offsetAt(t) === wall - t);
  // Twice when the clocks fall back over midnight: the day begins at the first.
  if (midnights.length > 0) return Math.min(...midnights);
  // Skipped: the earlier offset still holds at `wall - later`, the later one at `wall - earlier`;
  // the day begins at the change between them, found to the second.
  let before = wall - later;
  let after = wall - earlier;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (zone.offsetAt(middle) === later) after = middle;
    else before = middle;
  }
  return after;
}

/** Where and how to write a map file. */
export interface MapFileOptions {
  /** The file to write; its extension picks the format (`.html`, `.svg`, `.json`, otherwise text). */
  readonly file: string;
  /** `YYYY-MM-DD` (midnight in the map's zone) or an RFC 3339 instant. @default - now, to the minute */
  readonly from?: string;
  /** @default 7 */
  readonly days?: number;
  /** @default "UTC" */
  readonly timeZone?: string;
}

/**
 * Writes the map of the manifests under `paths`. Returns the reason instead when an option is
 * wrong or a manifest cannot be read (a user's mistake, to report in one line).
 */
export function writeScheduleMapFile(
  paths: readonly string[],
  options: MapFileOptions,
  nowMs: number,
): { written: true } | { problem: string } {
  const timeZone = options.timeZone ?? 'UTC';
  const zone = mapZone(timeZone);
  if (zone === undefined) return { problem: `scheduleMapTimeZone must be an IANA zone, not "${timeZone}"` };
  const fromMs =
    options.from === undefined
      ? Math.floor(nowMs / 60_000) * 60_000
      : (localMidnight(options.from, zone) ?? parseRfc3339(options.from));
  if (fromMs === undefined)
    return { problem: `scheduleMapFrom must be YYYY-MM-DD or an RFC 3339 instant, not "${options.from}"` };
  const days = options.days ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > MAX_MAP_DAYS)
    return { problem: `scheduleMapDays must be a whole number from 1 to ${MAX_MAP_DAYS}, not ${days}` };
  const inputs = readMapInputs(paths);
  if (inputs.problems.length > 0) return { problem: describeProblem(inputs.problems[0]) };
  let map: ScheduleMap;
  try {
    map = buildScheduleMap(inputs.documents, { fromMs, days, timeZone });
  } catch (error) {
    if (error instanceof MapTooLarge) return { problem: error.message };
    throw error;
  }
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, renderScheduleMap(map, mapFormatForFile(options.file)));
  return { written: true };
}
