/**
 * Checks of the spec fields the plan relies on (the numeric CronJob fields and the extensions)
 * that a JSON schema cannot fully express. Field paths are relative to the spec. Ranges, enums and
 * non-empty strings come from the spec's description (resource/scheduled-job-model.ts), the same
 * bounds the CRD schema has; the rest is said here.
 */
import { loadLocation, UTC } from '../../schedule/time-zone';
import { SPEC_MODEL } from '../resource/scheduled-job-model';
import { limitProblems } from '../resource/wire-model';
import { ExclusionCalendar } from './exclusions';
import { CatchUpPolicy, OverlapPolicy, ScheduledJobSpec, SpecProblem } from './types';

export function validatePlanSpec(spec: ScheduledJobSpec): SpecProblem[] {
  const problems: SpecProblem[] = limitProblems(SPEC_MODEL, spec);

  if (spec.bufferLimit !== undefined && spec.overlapPolicy !== OverlapPolicy.BUFFER_ALL) {
    problems.push({ field: 'bufferLimit', message: 'applies to overlapPolicy BufferAll only' });
  }

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

  if (spec.backfill !== undefined && spec.backfill.to < spec.backfill.from)
    problems.push({ field: 'backfill.to', message: 'must not be before backfill.from' });
  if (spec.exclusions !== undefined) {
    const calendar = ExclusionCalendar.compile(spec.exclusions, loadLocation(spec.timeZone ?? '') ?? UTC);
    if (Array.isArray(calendar)) problems.push(...calendar);
  }
  return problems;
}
