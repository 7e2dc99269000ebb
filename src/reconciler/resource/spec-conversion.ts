/**
 * A ScheduledJob's spec as the plan reads it: the resource's JSON (from the API server or a YAML
 * file, so nothing about its shape is trusted) turned into a `ScheduledJobSpec` with instants in
 * milliseconds; the Job template and the scheduled-time variable the Job builder reads are
 * checked for shape. Every problem is collected with its field path; ranges and cross-field rules (bufferLimit only
 * with BufferAll, ...) stay the plan's business (`validatePlanSpec`), so they are judged the same
 * way from a case file and from the cluster.
 */
import {
  BackfillRequest,
  CatchUpPolicy,
  DstPolicy,
  ExclusionWindow,
  OverlapPolicy,
  ScheduledJobSpec,
} from '../plan/types';
import { FieldProblem, FieldReader } from './field-reader';

/** The spec fields of the resource (ScheduledJobResourceSpec), in its order. */
const SPEC_FIELDS = [
  'schedule',
  'timeZone',
  'startingDeadlineSeconds',
  'overlapPolicy',
  'suspend',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'schedules',
  'bufferLimit',
  'jitterSeconds',
  'exclusions',
  'catchUpPolicy',
  'catchUpLimit',
  'pauseAfterFailures',
  'dstPolicy',
  'runNowAt',
  'backfill',
  'scheduledTimeEnv',
  'jobTemplate',
] as const;

const EXCLUSION_FIELDS = ['name', 'dates', 'weekdays', 'hours', 'from', 'until'] as const;
const BACKFILL_FIELDS = ['from', 'to', 'maxRuns'] as const;
const TEMPLATE_FIELDS = ['metadata', 'spec'] as const;
const TEMPLATE_METADATA_FIELDS = ['labels', 'annotations'] as const;

/**
 * The resource's spec, read: the plan's spec, set only when there are no problems (the Job
 * template and `scheduledTimeEnv` are checked too, and read from the resource when a Job is built).
 * The reading shares nothing with the resource's JSON, so keeping it keeps no old copy alive.
 */
export interface ResourceSpecReading {
  readonly spec?: ScheduledJobSpec;
  readonly problems: readonly FieldProblem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function readResourceSpec(value: unknown): ResourceSpecReading {
  const r = new FieldReader();
  const fields = r.object('spec', value, SPEC_FIELDS);
  if (fields === undefined) return { problems: r.problems };
  const at = (name: string) => `spec.${name}`;
  const present = (name: (typeof SPEC_FIELDS)[number]) => fields[name] !== undefined && fields[name] !== null;

  const spec: Mutable<ScheduledJobSpec> = { schedule: '' };
  if (present('schedule')) spec.schedule = r.string(at('schedule'), fields.schedule) ?? '';
  else if (!present('schedules')) r.problem(at('schedule'), 'Required value: a cron schedule such as "0 3 * * *"');
  if (present('timeZone')) spec.timeZone = r.string(at('timeZone'), fields.timeZone);
  if (present('startingDeadlineSeconds'))
    spec.startingDeadlineSeconds = r.number(at('startingDeadlineSeconds'), fields.startingDeadlineSeconds);
  if (present('overlapPolicy'))
    spec.overlapPolicy = r.oneOf(at('overlapPolicy'), fields.overlapPolicy, Object.values(OverlapPolicy));
  if (present('suspend')) spec.suspend = r.boolean(at('suspend'), fields.suspend);
  if (present('successfulJobsHistoryLimit'))
    spec.successfulJobsHistoryLimit = r.number(at('successfulJobsHistoryLimit'), fields.successfulJobsHistoryLimit);
  if (present('failedJobsHistoryLimit'))
    spec.failedJobsHistoryLimit = r.number(at('failedJobsHistoryLimit'), fields.failedJobsHistoryLimit);
  if (present('schedules')) spec.schedules = r.array(at('schedules'), fields.schedules, (p, v) => r.string(p, v));
  if (present('bufferLimit')) spec.bufferLimit = r.number(at('bufferLimit'), fields.bufferLimit);
  if (present('jitterSeconds')) spec.jitterSeconds = r.number(at('jitterSeconds'), fields.jitterSeconds);
  if (present('exclusions'))
    spec.exclusions = r.array(at('exclusions'), fields.exclusions, (p, v) => readExclusion(r, p, v));
  if (present('catchUpPolicy'))
    spec.catchUpPolicy = r.oneOf(at('catchUpPolicy'), fields.catchUpPolicy, Object.values(CatchUpPolicy));
  if (present('catchUpLimit')) spec.catchUpLimit = r.number(at('catchUpLimit'), fields.catchUpLimit);
  if (present('pauseAfterFailures'))
    spec.pauseAfterFailures = r.number(at('pauseAfterFailures'), fields.pauseAfterFailures);
  if (present('dstPolicy')) spec.dstPolicy = r.oneOf(at('dstPolicy'), fields.dstPolicy, Object.values(DstPolicy));
  if (present('runNowAt')) spec.runNowAt = r.instant(at('runNowAt'), fields.runNowAt);
  if (present('backfill')) spec.backfill = readBackfill(r, at('backfill'), fields.backfill);

  if (present('scheduledTimeEnv')) {
    const scheduledTimeEnv = r.string(at('scheduledTimeEnv'), fields.scheduledTimeEnv);
    if (scheduledTimeEnv !== undefined && (scheduledTimeEnv === '' || scheduledTimeEnv.includes('='))) {
      r.problem(
        at('scheduledTimeEnv'),
        `must be an environment variable name (not empty, no "="), not ${JSON.stringify(scheduledTimeEnv)}`,
      );
    }
  }
  if (present('jobTemplate')) checkJobTemplate(r, at('jobTemplate'), fields.jobTemplate);
  else r.problem(at('jobTemplate'), 'Required value: the Job template each run is created from');

  if (r.problems.length > 0) return { problems: r.problems };
  return { spec: withoutUndefined(spec), problems: [] };
}

function readExclusion(r: FieldReader, path: string, value: unknown): ExclusionWindow | undefined {
  const fields = r.object(path, value, EXCLUSION_FIELDS);
  if (fields === undefined) return undefined;
  const window: Mutable<ExclusionWindow> = {};
  for (const key of ['name', 'hours', 'from', 'until'] as const) {
    if (fields[key] !== undefined) window[key] = r.string(`${path}.${key}`, fields[key]);
  }
  for (const key of ['dates', 'weekdays'] as const) {
    if (fields[key] !== undefined) window[key] = r.array(`${path}.${key}`, fields[key], (p, v) => r.string(p, v));
  }
  return withoutUndefined(window);
}

function readBackfill(r: FieldReader, path: string, value: unknown): BackfillRequest | undefined {
  const fields = r.object(path, value, BACKFILL_FIELDS);
  if (fields === undefined) return undefined;
  const from = r.instant(`${path}.from`, fields.from);
  const to = r.instant(`${path}.to`, fields.to);
  const maxRuns = fields.maxRuns === undefined ? undefined : r.number(`${path}.maxRuns`, fields.maxRuns);
  if (from === undefined || to === undefined) return undefined;
  return withoutUndefined({ from, to, maxRuns });
}

function checkJobTemplate(r: FieldReader, path: string, value: unknown): void {
  const fields = r.object(path, value, TEMPLATE_FIELDS);
  if (fields === undefined) return;
  if (fields.spec === undefined) r.problem(`${path}.spec`, 'Required value: a batch/v1 JobSpec');
  else r.object(`${path}.spec`, fields.spec);
  if (fields.metadata === undefined) return;
  const meta = r.object(`${path}.metadata`, fields.metadata, TEMPLATE_METADATA_FIELDS);
  if (meta?.labels !== undefined) r.stringMap(`${path}.metadata.labels`, meta.labels);
  if (meta?.annotations !== undefined) r.stringMap(`${path}.metadata.annotations`, meta.annotations);
}

/** The object without its undefined fields, so that reads compare and serialise cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
