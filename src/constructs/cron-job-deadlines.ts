/**
 * The CronJob deadlines derived from the schedule's shortest interval between runs. Pure, so each
 * choice is testable on its own and documented once; the CronJob construct calls these from the
 * one place it applies its defaults.
 *
 * The interval is the schedule's nominal one (src/schedule/analysis.ts `nominalIntervals`): its
 * wall-clock pattern over a fixed window, independent of today's date, so the same schedule always
 * gets the same deadlines.
 */
import { nominalIntervals } from '../schedule/analysis';

/** Never below a minute: the controller syncs every 10 s and can lag, so 10 s misses runs. */
export const MIN_STARTING_DEADLINE_SECONDS = 60;
/** Never above an hour: a run that starts hours late (say a 03:00 batch at 14:00) is worse than skipping to the next one. */
export const MAX_STARTING_DEADLINE_SECONDS = 3600;
/** A standalone Job's run budget, also the ceiling for a CronJob's runs. */
export const DEFAULT_ACTIVE_DEADLINE_SECONDS = 3600;

/**
 * `startingDeadlineSeconds` = clamp(shortest interval / 2, 60 s, 1 h).
 *
 * - Half the interval: a start later than that is closer to the next scheduled run than to its own,
 *   so it is better skipped; and the window can never hold 100 missed starts, the count at which
 *   the controller stops scheduling the CronJob for good.
 * - At least 60 s: the controller syncs every 10 s and can lag under load; 10 s (cdk8s-plus-28's
 *   default) misses runs (kubernetes#86647). Six sync rounds of slack is also what the
 *   best-practice rule asks for.
 * - At most 1 h: after a long outage, a daily or weekly run should wait for its next slot rather
 *   than start at an arbitrary hour.
 *
 * An invalid schedule, or one that never fires, has no interval: the floor applies (the schedule
 * itself is reported by validation).
 */
export function defaultStartingDeadlineSeconds(shortestIntervalSeconds: number | undefined): number {
  if (shortestIntervalSeconds === undefined) return MIN_STARTING_DEADLINE_SECONDS;
  const half = Math.floor(shortestIntervalSeconds / 2);
  return Math.min(MAX_STARTING_DEADLINE_SECONDS, Math.max(MIN_STARTING_DEADLINE_SECONDS, half));
}

/**
 * A CronJob run's `activeDeadlineSeconds` = min(1 h, shortest interval).
 *
 * With `Forbid`, a run still going when the next one is due makes that one wait, and once its
 * starting deadline passes it is skipped without a trace. A run cut off after at most one interval
 * has ended by the next scheduled time if it started on time, and within the next run's
 * starting-deadline window if it started late by less than that window (the controller counts a
 * Job as finished when the deadline marks it failed). The best-practice rule asks for the same
 * bound. The 1 h ceiling is the budget a standalone Job gets.
 */
export function defaultRunDeadlineSeconds(shortestIntervalSeconds: number | undefined): number {
  if (shortestIntervalSeconds === undefined) return DEFAULT_ACTIVE_DEADLINE_SECONDS;
  return Math.min(DEFAULT_ACTIVE_DEADLINE_SECONDS, shortestIntervalSeconds);
}

const shortestIntervals = new Map<string, number | undefined>();

/**
 * The schedule's shortest interval in seconds (undefined when it is invalid or never fires),
 * remembered per schedule and zone: a fleet of CronJobs shares a handful of schedules.
 */
export function shortestIntervalSeconds(schedule: string, timeZone: string): number | undefined {
  const key = `${schedule}\u0000${timeZone}`;
  if (!shortestIntervals.has(key)) shortestIntervals.set(key, nominalIntervals(schedule, timeZone)?.shortestSeconds);
  return shortestIntervals.get(key);
}
