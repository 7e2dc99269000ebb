/**
 * Whether a ScheduledJob's spec can ever start a scheduled run, judged on its own: suspend, a
 * pending run-now request and the plan's order of checks do not hide a defect, so the SpecValid
 * condition says `False` for a spec that cannot run even while nothing would run anyway. Upstream
 * only records an Event for these (which expires after an hour); the condition stays until the
 * spec is fixed.
 */
import { loadLocation, loadLocationError } from '../../schedule/time-zone';
import { compileRunSchedule } from '../plan/run-schedule';
import { ScheduledJobSpec } from '../plan/types';

/** Why the spec cannot run: the SpecValid condition's reason and message. */
export interface SpecDefect {
  /** `UnknownTimeZone`, `InvalidSpec`, `UnparseableSchedule` or `ScheduleNeverFires`. */
  readonly reason: string;
  readonly message: string;
}

/** The spec's defect, or undefined when its schedule has a run time after `now`. */
export function specDefect(spec: ScheduledJobSpec, now: number): SpecDefect | undefined {
  if (spec.timeZone !== undefined && loadLocation(spec.timeZone) === undefined) {
    return {
      reason: 'UnknownTimeZone',
      message: `spec.timeZone: ${loadLocationError(spec.timeZone)} (not in the IANA time zone database)`,
    };
  }
  const compiled = compileRunSchedule(spec);
  if (compiled.kind === 'invalid')
    return { reason: 'InvalidSpec', message: compiled.problems.map((p) => `spec.${p.field}: ${p.message}`).join('; ') };
  if (compiled.kind === 'unparseable')
    return { reason: 'UnparseableSchedule', message: `spec.${compiled.field}: ${compiled.error}` };
  if (compiled.schedule.times.next(now) === null) {
    return {
      reason: 'ScheduleNeverFires',
      message: 'the schedule has no run time (a date that does not exist, or every run excluded)',
    };
  }
  return undefined;
}
