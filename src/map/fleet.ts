/**
 * The fleet a schedule map draws: every batch/v1 CronJob and every ScheduledJob in manifest
 * documents, reduced to what the map needs (its run times as the controller computes them, its
 * deadline, whether runs may overlap, the database it works on). Pure: documents in, jobs out.
 *
 * A CronJob's run times are the controller's (`controllerSchedule`, after the API server's checks);
 * a ScheduledJob's are the reconciler's own composition (`compileRunSchedule`: several schedules,
 * exclusions, DstPolicy.ONCE), so the map can never disagree with what would run.
 */
import { ManifestDocument } from '../manifests/document';
import { compileRunSchedule } from '../reconciler/plan/run-schedule';
import { OverlapPolicy } from '../reconciler/plan/types';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from '../reconciler/resource/scheduled-job-resource';
import { readResourceSpec } from '../reconciler/resource/spec-conversion';
import { controllerSchedule } from '../schedule/controller-schedule';
import { CronSchedule } from '../schedule/cron';
import { validateCronSchedule } from '../schedule/validation';
import { databaseOf, literalEnvOf } from './database';

export type MappedKind = 'CronJob' | 'ScheduledJob';

/** The variable every BackupCronJob container that writes a backup file sets (its file name prefix). */
const BACKUP_FILE_PREFIX_ENV = 'BACKUP_FILE_PREFIX';

/** One scheduled workload of the fleet. */
export interface MappedJob {
  /** `namespace/name`, or the name alone without a namespace; unique within a map (a repeat gets `#2`). */
  readonly id: string;
  readonly kind: MappedKind;
  readonly name: string;
  /** The file and document it was read from. */
  readonly file: string;
  readonly index: number;
  /** Its schedule and any further schedules (ScheduledJob `schedules`). */
  readonly schedules: readonly string[];
  /** `spec.timeZone`; undefined runs in the controller's zone (UTC). */
  readonly timeZone?: string;
  /** The Job template's `activeDeadlineSeconds`: the bound of a run; undefined when runs are unbounded. */
  readonly deadlineSeconds?: number;
  /** True when a run may start while an earlier one is active (CronJob `Allow`, ScheduledJob `AllowAll`). */
  readonly allowsOverlap: boolean;
  /** ScheduledJob `jitterSeconds` (0 for a CronJob). */
  readonly jitterSeconds: number;
  readonly suspended: boolean;
  /** True for a dstPolicy Once ScheduledJob: a repeated wall-clock time runs once. */
  readonly dstOnce: boolean;
  /** True when it is a backup (a container sets the backup file prefix). */
  readonly backup: boolean;
  /** The database it connects to, e.g. `postgresql://orders-db:5432/orders`. */
  readonly database?: string;
  /** Its run times, or undefined when the controller could never run it (see `problem`). */
  readonly runTimes?: CronSchedule;
  /** Why it can never run: the API server's or the reconciler's reason. */
  readonly problem?: string;
}

/** Every CronJob and ScheduledJob of the documents (and of their `kind: List` items), in input order. */
export function readFleet(documents: readonly ManifestDocument[]): MappedJob[] {
  const jobs: MappedJob[] = [];
  const seen = new Map<string, number>();
  const add = (document: ManifestDocument, object: unknown) => {
    const job = mappedJobOf(object, document);
    if (job === undefined) return;
    const repeat = (seen.get(job.id) ?? 0) + 1;
    seen.set(job.id, repeat);
    jobs.push(repeat === 1 ? job : { ...job, id: `${job.id}#${repeat}` });
  };
  for (const document of documents) {
    const value = document.value as { apiVersion?: unknown; kind?: unknown; items?: unknown } | null;
    if (value?.apiVersion === 'v1' && value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) add(document, item);
    } else {
      add(document, value);
    }
  }
  return jobs;
}

type Fields = { readonly [key: string]: unknown };

/** The fields of an object, or none: a manifest is mapped whatever its shape, and lint judges the shape. */
function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function mappedJobOf(object: unknown, document: ManifestDocument): MappedJob | undefined {
  const o = fields(object);
  const isCronJob = o.apiVersion === 'batch/v1' && o.kind === 'CronJob';
  const isScheduledJob = o.apiVersion === SCHEDULED_JOB_API_VERSION && o.kind === SCHEDULED_JOB_KIND;
  if (!isCronJob && !isScheduledJob) return undefined;
  const metadata = fields(o.metadata);
  const name = text(metadata.name) ?? '';
  const namespace = text(metadata.namespace);
  const spec = fields(o.spec);
  const jobSpec = fields(fields(spec.jobTemplate).spec);
  const env = literalEnvOf(fields(jobSpec.template).spec);
  const common = {
    id: namespace === undefined ? name || '(unnamed)' : `${namespace}/${name}`,
    name,
    file: document.file,
    index: document.index,
    timeZone: text(spec.timeZone),
    deadlineSeconds: positive(jobSpec.activeDeadlineSeconds),
    suspended: spec.suspend === true,
    backup: env.some((vars) => vars.has(BACKUP_FILE_PREFIX_ENV)),
    database: databaseOf(env),
  };
  return isCronJob ? { ...common, ...cronJobTiming(spec) } : { ...common, ...scheduledJobTiming(spec) };
}

type Timing = Pick<
  MappedJob,
  'kind' | 'schedules' | 'allowsOverlap' | 'jitterSeconds' | 'dstOnce' | 'runTimes' | 'problem'
>;

function cronJobTiming(spec: Fields): Timing {
  const schedule = text(spec.schedule) ?? '';
  const timeZone = text(spec.timeZone);
  const base = {
    kind: 'CronJob' as const,
    schedules: [schedule],
    allowsOverlap: spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === 'Allow',
    jitterSeconds: 0,
    dstOnce: false,
  };
  const problems = validateCronSchedule(schedule, timeZone);
  if (problems.length > 0) {
    return {
      ...base,
      problem: `rejected by the API server: ${problems.map((p) => `spec.${p.field}: ${p.reason}`).join('; ')}`,
    };
  }
  const parsed = controllerSchedule(schedule, timeZone);
  return parsed.error === undefined ? { ...base, runTimes: parsed.schedule } : { ...base, problem: parsed.error };
}

function scheduledJobTiming(spec: Fields): Timing {
  const schedules = [spec.schedule, ...(Array.isArray(spec.schedules) ? (spec.schedules as unknown[]) : [])].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  const base = {
    kind: 'ScheduledJob' as const,
    schedules,
    allowsOverlap: spec.overlapPolicy === undefined || spec.overlapPolicy === OverlapPolicy.ALLOW_ALL,
    jitterSeconds: positive(spec.jitterSeconds) ?? 0,
    dstOnce: spec.dstPolicy === 'Once',
  };
  const read = readResourceSpec(spec);
  if (read.spec === undefined) {
    return { ...base, problem: `invalid spec: ${read.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}` };
  }
  const compiled = compileRunSchedule(read.spec);
  if (compiled.kind === 'unparseable') return { ...base, problem: `spec.${compiled.field}: ${compiled.error}` };
  if (compiled.kind === 'invalid') {
    return {
      ...base,
      problem: `invalid spec: ${compiled.problems.map((p) => `spec.${p.field}: ${p.message}`).join('; ')}`,
    };
  }
  return { ...base, runTimes: compiled.schedule.times };
}
