/**
 * The CronJob deadlines derived from the schedule's shortest interval between runs. Pure, so each
 * choice is testable on its own and documented once; the CronJob construct calls these from the
 * one place it applies its defaults.
 *
 * The interval is the schedule's nominal one (src/schedule/analysis.ts `nominalIntervals`): its
 * wall-clock pattern over a fixed window, independent of today's date, so the same schedule always
 * gets the same deadlines.
 */
import { suggestedStartingDeadlineSeconds } from '../rules/support/cronjob-timing';
import { nominalIntervals } from '../schedule/analysis';

/** A standalone Job's run budget, also the ceiling for a CronJob's runs. */
export const DEFAULT_ACTIVE_DEADLINE_SECONDS = 3600;

/**
 * `startingDeadlineSeconds` = clamp(shortest interval / 2, 60 s, 1 h), or for an `@every` schedule
 * its interval and a minute (less, and it would never run): the value the best-practice rules
 * suggest, so a construct default and a rule cannot disagree (the reasons are given where it is
 * defined, src/rules/support/cronjob-timing.ts).
 */
export const defaultStartingDeadlineSeconds: (
  shortestIntervalSeconds: number | undefined,
  everyIntervalSeconds: number | undefined,
) => number = suggestedStartingDeadlineSeconds;

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
