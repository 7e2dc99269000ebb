/**
 * The upstream controller's view of missed start times (`mostRecentScheduleTime`,
 * `nextScheduleTime`, `nextScheduleTimeDuration` in its utils.go), kept quirk for quirk:
 *
 * - The search starts at the last handled time (lastScheduleTime, else the creation time) or,
 *   with a starting deadline, at `now - deadline` if that is later; fire times strictly after it
 *   and at or before `now` are due.
 * - With two or more due, the count is *estimated* from the first gap, and only the most recent
 *   time is returned. More than 100 estimated sets the TooManyMissedTimes warning. For irregular
 *   schedules the estimate can overshoot and find nothing, exactly as upstream.
 * - Two consecutive fire times less than a second apart (a schedule that never fires) is an error.
 *
 * robfig returns Go's zero time when nothing fires within five years; we use the same sentinel
 * so every comparison falls out as it does in Go.
 */
import { CronSchedule } from '../../schedule/cron';

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which robfig's Next returns for "never". */
const GO_ZERO_TIME = -62_135_596_800_000;

/** The controller requeues this long after the next fire time (`nextScheduleDelta`). */
export const REQUEUE_DELTA_MS = 100;

/** The estimate above which upstream warns TooManyMissedTimes. */
const MANY_MISSED = 100;

function goNext(schedule: CronSchedule, afterMs: number): number {
  return schedule.next(afterMs) ?? GO_ZERO_TIME;
}

/** How many start times were missed, as upstream classifies them. */
export enum Missed {
  NONE = 'none',
  FEW = 'few',
  MANY = 'many',
}

export interface MostRecentTime {
  /** Where the search started. */
  readonly earliest: number;
  /** The most recent fire time at or before now, if the search found one. */
  readonly mostRecent?: number;
  readonly missed: Missed;
  /** Two consecutive fire times less than a second apart: InvalidSchedule. */
  readonly invalid: boolean;
}

/** Upstream `mostRecentScheduleTime`; `deadlineSeconds` is passed only where upstream includes it. */
export function mostRecentScheduleTime(
  schedule: CronSchedule,
  handledThrough: number,
  now: number,
  deadlineSeconds?: number,
): MostRecentTime {
  let earliest = handledThrough;
  if (deadlineSeconds !== undefined) earliest = Math.max(earliest, now - deadlineSeconds * 1000);
  const t1 = goNext(schedule, earliest);
  if (now < t1) return { earliest, missed: Missed.NONE, invalid: false };
  const t2 = goNext(schedule, t1);
  if (now < t2) return { earliest, mostRecent: t1, missed: Missed.NONE, invalid: false };

  const gapSeconds = Math.round((t2 - t1) / 1000);
  if (gapSeconds < 1) return { earliest, missed: Missed.NONE, invalid: true };
  const elapsedSeconds = Math.trunc((now - t1) / 1000);
  const estimate = Math.floor(elapsedSeconds / gapSeconds) + 1;
  // Start one gap before the estimated last one and let the schedule find the real times.
  const potentialEarliest = t1 + (estimate - 2) * gapSeconds * 1000;
  let mostRecent: number | undefined;
  for (let t = schedule.next(potentialEarliest); t !== null && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed = estimate > MANY_MISSED ? Missed.MANY : Missed.FEW;
  return { earliest, mostRecent, missed, invalid: false };
}

/** Upstream `nextScheduleTimeDuration`: the fire time the requeue aims at, and the delay (fire time + 100 ms). */
export interface UpstreamRequeue {
  /** Undefined when the schedule stops firing (upstream then requeues at once). */
  readonly nextScheduleTime?: number;
  readonly requeueAfterMs: number;
}

export function upstreamRequeue(schedule: CronSchedule, handledThrough: number, now: number): UpstreamRequeue {
  const r = mostRecentScheduleTime(schedule, handledThrough, now);
  let base: number;
  if (r.invalid) base = now;
  else if (r.mostRecent !== undefined) base = r.mostRecent;
  else base = r.missed === Missed.NONE ? r.earliest : now;
  const next = schedule.next(base);
  if (next === null) return { requeueAfterMs: 0 };
  return { nextScheduleTime: next, requeueAfterMs: next + REQUEUE_DELTA_MS - now };
}
