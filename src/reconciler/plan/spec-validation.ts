/**
 * Checks of the spec fields the plan relies on (the numeric CronJob fields and the extensions)
 * that a JSON schema cannot fully express. Field paths are relative to the spec.
 */
import { loadLocation, UTC } from '../../schedule/time-zone';
import { ExclusionCalendar } from './exclusions';
import { CatchUpPolicy, DstPolicy, OverlapPolicy, ScheduledJobSpec, SpecProblem } from './types';

export const DEFAULT_BUFFER_LIMIT = 10;
export const MAX_BUFFER_LIMIT = 100;
export const MAX_CATCH_UP_LIMIT = 100;
export const MAX_JITTER_SECONDS = 86_400;
export const MAX_PAUSE_AFTER_FAILURES = 1000;
export const DEFAULT_BACKFILL_MAX_RUNS = 100;
export const MAX_BACKFILL_RUNS = 1000;

export function validatePlanSpec(spec: ScheduledJobSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const integer = (field: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      problems.push({ field, message: `must be a whole number from ${min} to ${max}, not ${value}` });
    }
  };
  const oneOf = (field: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value))
      problems.push({ field, message: `must be one of ${allowed.join(', ')}, not "${value}"` });
  };

  integer('startingDeadlineSeconds', spec.startingDeadlineSeconds, 0, Number.MAX_SAFE_INTEGER);
  integer('successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit, 0, Number.MAX_SAFE_INTEGER);
  integer('failedJobsHistoryLimit', spec.failedJobsHistoryLimit, 0, Number.MAX_SAFE_INTEGER);
  oneOf('overlapPolicy', spec.overlapPolicy, Object.values(OverlapPolicy));
  oneOf('catchUpPolicy', spec.catchUpPolicy, Object.values(CatchUpPolicy));
  oneOf('dstPolicy', spec.dstPolicy, Object.values(DstPolicy));
  integer('jitterSeconds', spec.jitterSeconds, 0, MAX_JITTER_SECONDS);
  integer('pauseAfterFailures', spec.pauseAfterFailures, 1, MAX_PAUSE_AFTER_FAILURES);

  integer('bufferLimit', spec.bufferLimit, 1, MAX_BUFFER_LIMIT);
  if (spec.bufferLimit !== undefined && spec.overlapPolicy !== OverlapPolicy.BUFFER_ALL) {
    problems.push({ field: 'bufferLimit', message: 'applies to overlapPolicy BufferAll only' });
  }

  integer('catchUpLimit', spec.catchUpLimit, 1, MAX_CATCH_UP_LIMIT);
  if (spec.catchUpPolicy === CatchUpPolicy.UP_TO && spec.catchUpLimit === undefined) {
    problems.push({
      field: 'catchUpLimit',
      message: 'is required with catchUpPolicy UpTo (how many missed runs to start)',
    });
  }
  if (spec.catchUpLimit !== undefined && spec.catchUpPolicy !== CatchUpPolicy.UP_TO) {
    problems.push({ field: 'catchUpLimit', message: 'applies to catchUpPolicy UpTo only' });
  }

  const schedules = spec.schedules ?? [];
  schedules.forEach((s, i) => {
    if (s === '') problems.push({ field: `schedules[${i}]`, message: 'must not be empty' });
  });
  if (schedules.length > 0) {
    const all = spec.schedule === '' ? schedules : [spec.schedule, ...schedules];
    // One zone for all, so two schedules can only share a minute by firing at the same instant.
    all.forEach((s, i) => {
      if (s.includes('TZ')) {
        const field = spec.schedule === '' ? `schedules[${i}]` : i === 0 ? 'schedule' : `schedules[${i - 1}]`;
        problems.push({ field, message: 'TZ= cannot be used with several schedules; set timeZone for all of them' });
      }
    });
    const every = all.findIndex((s) => s.includes('@every'));
    if (all.length > 1 && every >= 0) {
      problems.push({
        field: spec.schedule === '' ? `schedules[${every}]` : every === 0 ? 'schedule' : `schedules[${every - 1}]`,
        message: '@every counts from the previous run, so it cannot be combined with other schedules',
      });
    }
  }

  if (spec.runNowAt !== undefined && !Number.isFinite(spec.runNowAt))
    problems.push({ field: 'runNowAt', message: 'must be an instant' });
  if (spec.backfill !== undefined) {
    const { from, to, maxRuns } = spec.backfill;
    if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
      problems.push({ field: 'backfill.to', message: 'must not be before backfill.from' });
    integer('backfill.maxRuns', maxRuns, 1, MAX_BACKFILL_RUNS);
  }
  if (spec.exclusions !== undefined) {
    const calendar = ExclusionCalendar.compile(spec.exclusions, loadLocation(spec.timeZone ?? '') ?? UTC);
    if (Array.isArray(calendar)) problems.push(...calendar);
  }
  return problems;
}
