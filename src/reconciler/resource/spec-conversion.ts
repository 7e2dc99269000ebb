/**
 * A ScheduledJob's spec as the plan reads it: the resource's JSON (from the API server, a YAML
 * file or a plan case file, so nothing about its shape is trusted) read by the spec's description
 * (scheduled-job-model.ts) into a `ScheduledJobSpec` with instants in milliseconds; the Job
 * template and the scheduled-time variable the Job builder reads are checked for shape. Every
 * problem is collected with its field path; ranges and cross-field rules (bufferLimit only with
 * BufferAll, ...) are the plan's business (`validatePlanSpec`, which takes the ranges from the same
 * description), so a spec built in code is judged the same way.
 */
import { ScheduledJobSpec } from '../plan/types';
import { FieldProblem, FieldReader, FieldReaderOptions } from './field-reader';
import { SPEC_FIELDS_OF_THE_RESOURCE_ONLY, SPEC_MODEL } from './scheduled-job-model';
import { readWire } from './wire-model';

/**
 * The resource's spec, read: the plan's spec, set only when there are no problems (the Job
 * template and `scheduledTimeEnv` are checked too, and read from the resource when a Job is built).
 * The reading shares nothing with the resource's JSON, so keeping it keeps no old copy alive.
 */
export interface ResourceSpecReading {
  readonly spec?: ScheduledJobSpec;
  readonly problems: readonly FieldProblem[];
}

export function readResourceSpec(value: unknown, options: FieldReaderOptions = {}): ResourceSpecReading {
  const r = new FieldReader(options);
  const read = readWire(r, 'spec', SPEC_MODEL, withScheduleForSchedules(value)) as Record<string, unknown> | undefined;
  if (read === undefined || r.problems.length > 0) return { problems: r.problems };
  const spec: Record<string, unknown> = { ...read };
  for (const name of SPEC_FIELDS_OF_THE_RESOURCE_ONLY) delete spec[name];
  return { spec: spec as unknown as ScheduledJobSpec, problems: [] };
}

/** `schedule` may be left out when `schedules` is given: it reads as "" (no schedule of its own). */
function withScheduleForSchedules(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const fields = value as Record<string, unknown>;
  const given = (name: string) => fields[name] !== undefined && fields[name] !== null;
  return !given('schedule') && given('schedules') ? { ...fields, schedule: '' } : value;
}
