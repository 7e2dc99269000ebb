/**
 * The interval a ScheduledJob's default deadlines are derived from. The CronJob derives them from
 * its schedule's shortest interval (src/constructs/cron-job-deadlines.ts); a ScheduledJob may run
 * on several schedules and start each run up to `jitter` late, so its runs can be closer together:
 *
 * - several schedules: the shortest gap between consecutive runs of their union, which may be
 *   shorter than any one schedule's (a daily 09:00 and a daily 09:30 are 30 minutes apart);
 * - jitter: a run may start up to `jitter` late and the next one on time, so the gap between two
 *   starts can shrink by the whole jitter.
 *
 * With the interval so reduced, the CronJob's reasoning holds unchanged: a run cut off after one
 * interval has ended before the next one starts, and a missed run is not started closer to its
 * successor than to its own time.
 */
import { shortestIntervalSeconds } from '../../constructs/cron-job-deadlines';
import { controllerSchedule } from '../../schedule/controller-schedule';
import { CronSchedule } from '../../schedule/cron';

/** Schedules fire on whole minutes, so no two runs of a union can be closer than this. */
const MINUTE_SECONDS = 60;
/** The same fixed reference window as the single-schedule analysis: results never depend on today. */
const REFERENCE_FROM_MS = Date.UTC(2024, 0, 1);
const REFERENCE_TO_MS = Date.UTC(2032, 0, 1);
/**
 * At most this many runs of the union are walked (about 0.1 s). Dense schedules reach it within
 * weeks, long enough for their daily and weekly patterns to meet; a gap that only a yearly
 * pattern creates is then judged by the schedules' own intervals.
 */
const MAX_WALKED_RUNS = 20_000;

const unions = new Map<string, number | undefined>();

/**
 * The shortest gap in seconds between consecutive runs of the union of `schedules` (in the same
 * nominal way as a single schedule: UTC pattern, fixed window). Undefined when a schedule is
 * invalid or never fires (validation reports it; the defaults then take their floor).
 */
export function unionShortestIntervalSeconds(schedules: readonly string[], timeZone: string): number | undefined {
  const own = schedules.map((s) => shortestIntervalSeconds(s, timeZone));
  if (own.some((s) => s === undefined)) return undefined;
  const shortest = Math.min(...(own as number[]));
  if (schedules.length < 2 || shortest <= MINUTE_SECONDS) return shortest;
  const key = `${timeZone}\u0000${schedules.join('\u0000')}`;
  if (!unions.has(key)) unions.set(key, Math.min(shortest, walkedShortestGap(schedules) ?? Infinity));
  return unions.get(key);
}

/** The shortest gap between distinct consecutive fire times of the union, walked over the reference window. */
function walkedShortestGap(schedules: readonly string[]): number | undefined {
  const parsed: CronSchedule[] = [];
  for (const s of schedules) {
    const result = controllerSchedule(s);
    if (result.error !== undefined) return undefined;
    parsed.push(result.schedule);
  }
  const next = parsed.map((s) => s.next(REFERENCE_FROM_MS));
  let previous: number | undefined;
  let shortest = Infinity;
  for (let walked = 0; walked < MAX_WALKED_RUNS && shortest > MINUTE_SECONDS; walked++) {
    const candidates = next.filter((t): t is number => t !== null);
    if (candidates.length === 0) break;
    const t = Math.min(...candidates);
    if (t >= REFERENCE_TO_MS) break;
    if (previous !== undefined) shortest = Math.min(shortest, (t - previous) / 1000);
    previous = t;
    next.forEach((time, i) => {
      if (time === t) next[i] = parsed[i].next(t);
    });
  }
  return shortest === Infinity ? undefined : shortest;
}

/**
 * The interval defaults are derived from: the union's shortest gap less the jitter. Undefined
 * when there is none (an invalid schedule, or a jitter that leaves no gap, which validation reports).
 */
export function defaultsIntervalSeconds(
  schedules: readonly string[],
  timeZone: string,
  jitterSeconds: number,
): number | undefined {
  const union = unionShortestIntervalSeconds(schedules, timeZone);
  if (union === undefined) return undefined;
  const reduced = union - Math.max(0, jitterSeconds);
  return reduced >= 1 ? Math.floor(reduced) : undefined;
}
