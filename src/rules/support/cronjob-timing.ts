/**
 * When a CronJob runs, for rules that reason about time: its schedule as the controller parses it,
 * the two-year analysis from the rule input's `now` (daylight-saving hazards, never firing), and
 * the nominal shortest interval (the same measure constructs derive their defaults from, so a
 * construct default and a rule can never disagree). Both analyses are cached per schedule and zone
 * by src/schedule/analysis.ts; nothing is copied here.
 */
import { analyzeSchedule, nominalIntervals, ScheduleAnalysis } from '../../schedule/analysis';
import { controllerSchedule } from '../../schedule/controller-schedule';
import { ConstantDelaySchedule, CronSchedule } from '../../schedule/cron';
import { validateTimeZone } from '../../schedule/validation';
import { RuleInput } from '../rule';
import { fieldOf, isAbsent, stringOf } from './access';

/**
 * Written on every Job a scheduler creates for a scheduled time (RFC 3339 in the schedule's zone):
 * by the CronJob controller, and by the ScheduledJob reconciler.
 */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** The shortest value the CronJob controller writes to it: a UTC time ("2026-01-01T00:00:00Z"). */
export const SCHEDULED_TIMESTAMP_MIN_LENGTH = 20;

export interface CronJobTiming {
  readonly schedule: string;
  /** `spec.timeZone`, undefined when absent. */
  readonly timeZone: string | undefined;
  /** The schedule as the controller runs it (in the zone, or the schedule's own `TZ=` prefix). */
  readonly parsed: CronSchedule;
}

/**
 * The CronJob's schedule and zone, when the controller could run them: undefined for a Job, a
 * missing or unparseable schedule, or a time zone the controller cannot load (API-server rules
 * report those).
 */
export function cronJobTiming(input: RuleInput): CronJobTiming | undefined {
  if (input.kind !== 'CronJob') return undefined;
  // Several rules ask for the same object's timing; work it out once per rule input.
  if (timings.has(input)) return timings.get(input);
  const timing = readTiming(input);
  timings.set(input, timing);
  return timing;
}

const timings = new WeakMap<RuleInput, CronJobTiming | undefined>();

function readTiming(input: RuleInput): CronJobTiming | undefined {
  const spec = fieldOf(input.object, 'spec');
  const schedule = stringOf(fieldOf(spec, 'schedule'));
  const rawZone = fieldOf(spec, 'timeZone');
  const timeZone = stringOf(rawZone);
  if (schedule === undefined || schedule === '') return undefined;
  if (!isAbsent(rawZone) && (timeZone === undefined || validateTimeZone(timeZone).length > 0)) return undefined;
  const parsed = controllerSchedule(schedule, timeZone);
  if (parsed.error !== undefined) return undefined;
  return { schedule, timeZone, parsed: parsed.schedule };
}

const DAY_MS = 86_400_000;
/** Instants JavaScript dates can hold, less the two-year look-ahead. */
const LATEST_ANALYSABLE_MS = 8.6e15;

/**
 * The two-year analysis in the CronJob's zone, from the start of `input.now`'s UTC day: a day's
 * resolution is plenty for a two-year look-ahead, and it lets every object validated on the same
 * day share one cached analysis even when each caller passes its own `Date.now()`. Undefined
 * when `now` is not a usable instant.
 */
export function scheduleAnalysis(input: RuleInput, timing: CronJobTiming): ScheduleAnalysis | undefined {
  // Several rules ask for the same object's analysis: look it up (a key built per call) once per rule input.
  const known = analyses.get(input);
  if (known !== undefined && known.timing === timing) return known.analysis;
  const analysis = analysisFor(input.now, timing);
  analyses.set(input, { timing, analysis });
  return analysis;
}

const analyses = new WeakMap<
  RuleInput,
  { readonly timing: CronJobTiming; readonly analysis: ScheduleAnalysis | undefined }
>();

function analysisFor(now: number, timing: CronJobTiming): ScheduleAnalysis | undefined {
  if (!Number.isFinite(now) || Math.abs(now) > LATEST_ANALYSABLE_MS) return undefined;
  return analyzeSchedule(timing.schedule, timing.timeZone, now - (((now % DAY_MS) + DAY_MS) % DAY_MS));
}

/** The shortest time between two runs, in seconds, ignoring daylight-saving shifts; undefined when it never fires. */
export function shortestIntervalSeconds(timing: CronJobTiming): number | undefined {
  // Asked by several rules per object: looked up once per timing (one per rule input).
  if (shortestIntervals.has(timing)) return shortestIntervals.get(timing);
  const seconds = nominalIntervals(timing.schedule, timing.timeZone)?.shortestSeconds;
  shortestIntervals.set(timing, seconds);
  return seconds;
}

const shortestIntervals = new WeakMap<CronJobTiming, number | undefined>();

/** The controller counts missed starts and gives up counting past this many (TooManyMissedTimes). */
export const MISSED_STARTS_LIMIT = 100;

/** A starting deadline below this races a controller manager that is busy, restarting or failing over. */
export const MIN_STARTING_DEADLINE_SECONDS = 60;
/** A run more than an hour late (a 03:00 batch at 14:00) is worse than waiting for the next one. */
export const MAX_STARTING_DEADLINE_SECONDS = 3600;

/** The interval of an `@every` schedule (robfig's ConstantDelaySchedule), in seconds; undefined for any other. */
export function everyIntervalSeconds(schedule: string, timeZone: string | undefined): number | undefined {
  const parsed = controllerSchedule(schedule, timeZone);
  return 'schedule' in parsed && parsed.schedule instanceof ConstantDelaySchedule
    ? parsed.schedule.delaySeconds
    : undefined;
}

/** The startingDeadlineSeconds the rules suggest for a CronJob's timing (suggestedStartingDeadlineSeconds); the floor without one. */
export function suggestedStartingDeadlineFor(timing: CronJobTiming | undefined): number {
  return suggestedStartingDeadlineSeconds(
    timing && shortestIntervalSeconds(timing),
    timing && everyIntervalSeconds(timing.schedule, timing.timeZone),
  );
}

/**
 * A startingDeadlineSeconds for a schedule: clamp(shortest interval / 2, 60 s, 1 h), or for an
 * `@every` schedule its interval and a minute. The CronJob construct's default and the rules'
 * suggestions both come from here.
 *
 * - Half the interval: a start later than that is closer to the next scheduled run than to its own,
 *   so it is better skipped; and the window can never hold 100 missed starts, the count at which
 *   the controller gives up counting (TooManyMissedTimes).
 * - At least 60 s: the controller starts a run when it gets to it (at best about 100 ms after its
 *   time), which a busy, restarting or failing-over controller manager delays; 10 s
 *   (cdk8s-plus-28's default) misses runs (kubernetes#86647, from the original, polling controller).
 * - At most 1 h: after a long outage, a daily or weekly run should wait for its next slot rather
 *   than start at an arbitrary hour.
 *
 * - `@every D`: the controller counts the next run from the later of the last run and
 *   now - startingDeadlineSeconds, so a deadline under D means no run is ever due (the never-works
 *   error cronjob-every-starting-deadline-below-interval). D plus the 60 s floor keeps every run,
 *   started on time, and lets a missed one start for up to a minute.
 *
 * An invalid schedule, or one that never fires, has no interval: the floor applies (the schedule
 * itself is reported by other rules).
 */
export function suggestedStartingDeadlineSeconds(
  shortestInterval: number | undefined,
  everyInterval: number | undefined,
): number {
  if (everyInterval !== undefined) return everyInterval + MIN_STARTING_DEADLINE_SECONDS;
  if (shortestInterval === undefined) return MIN_STARTING_DEADLINE_SECONDS;
  return Math.min(
    MAX_STARTING_DEADLINE_SECONDS,
    Math.max(MIN_STARTING_DEADLINE_SECONDS, Math.floor(shortestInterval / 2)),
  );
}
