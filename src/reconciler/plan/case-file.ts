/**
 * Plan case files: one scheduled job at one instant, in the shape of
 * test/data/controller-cases.json (its `expect` is ignored), read into a PlanInput; and a
 * plan turned into that file's `expect` keys. `cdk8s-batch plan` is this plus printing.
 *
 * Reading is strict and never throws anything but CaseFileError, whose message names the field
 * (`cronJob.startingDeadlineSeconds`, `finishedJobs[1].succeeded`): unknown fields are refused, so
 * a misspelt extension field cannot silently do nothing.
 *
 * Conventions (see the research note's "Case-file conventions"):
 * - `activeJobs` are unfinished Jobs listed in status.active, unless `inStatusActive: false` (an
 *   unexpected Job) or `existsInCluster: false` (listed, but gone);
 * - `finishedJobs` are finished Jobs (`succeeded` true: Complete, else Failed), not in
 *   status.active unless `inStatusActive: true`; `finishedAt` is the completion time;
 * - `cronJob.name` defaults to `mycronjob`; extension fields sit in `cronJob`, extension status in
 *   `status`; `concurrencyPolicy` Allow/Forbid/Replace is overlapPolicy AllowAll/Skip/CancelOther.
 */
import { formatInstant } from './instants';
import { validatePlanSpec } from './spec-validation';
import {
  BackfillProgress,
  BackfillRequest,
  CatchUpPolicy,
  Condition,
  ConditionStatus,
  DstPolicy,
  ExclusionWindow,
  JobPhase,
  ObservedJob,
  OverlapPolicy,
  PlanInput,
  ScheduledJobSpec,
  ScheduledJobStatus,
  SyncPlan,
} from './types';

export const DEFAULT_CASE_NAME = 'mycronjob';

/** A case file that cannot be read; the message starts with the field. */
export class CaseFileError extends Error {}

/** The keys of a case's `expect` that `cdk8s-batch plan --format json` prints, in this order. */
export interface PlanAnswer {
  readonly createJobFor: string | null;
  readonly createJobName: string | null;
  readonly deleteActive: readonly string[];
  readonly skippedReason: string | null;
  readonly warnTooManyMissed: boolean;
  readonly nextScheduleTime: string | null;
  readonly requeueAfterMs: number | null;
  readonly deleteFinished: readonly string[];
  readonly statusActiveAfter: readonly string[];
  readonly lastScheduleTimeAfter: string | null;
  readonly lastSuccessfulTimeAfter: string | null;
}

export function planAnswer(plan: SyncPlan): PlanAnswer {
  const time = (ms: number | undefined) => (ms === undefined ? null : formatInstant(ms));
  return {
    createJobFor: time(plan.create?.scheduledTime),
    createJobName: plan.create?.jobName ?? null,
    deleteActive: plan.deleteActive,
    skippedReason: plan.skipReason ?? null,
    warnTooManyMissed: plan.tooManyMissed,
    nextScheduleTime: plan.requeueAfterMs === undefined ? null : time(plan.nextScheduleTime),
    requeueAfterMs: plan.requeueAfterMs ?? null,
    deleteFinished: plan.deleteFinished,
    statusActiveAfter: plan.status.active,
    lastScheduleTimeAfter: time(plan.status.lastScheduleTime),
    lastSuccessfulTimeAfter: time(plan.status.lastSuccessfulTime),
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Reads one JSON value at a field path, with typed accessors that throw CaseFileError. */
class Field {
  constructor(
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(message: string): never {
    throw new CaseFileError(`${this.path}: ${message}`);
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  object(allowed: readonly string[]): Record<string, Field> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value))
      this.fail('must be an object');
    const fields: Record<string, Field> = {};
    for (const [key, value] of Object.entries(this.value as Record<string, unknown>)) {
      if (!allowed.includes(key)) this.child(key).fail(`unknown field (expected one of ${allowed.join(', ')})`);
      fields[key] = this.child(key, value);
    }
    for (const key of allowed) fields[key] ??= this.child(key, undefined);
    return fields;
  }

  private child(key: string, value?: unknown): Field {
    return new Field(this.path === '' ? key : `${this.path}.${key}`, value);
  }

  list(): Field[] {
    if (!this.present) return [];
    if (!Array.isArray(this.value)) this.fail('must be a list');
    return (this.value as unknown[]).map((v, i) => new Field(`${this.path}[${i}]`, v));
  }

  string(): string | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'string') this.fail(`must be a string, not ${JSON.stringify(this.value)}`);
    return this.value as string;
  }

  requiredString(): string {
    return this.string() ?? this.fail('is required');
  }

  boolean(): boolean | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'boolean') this.fail(`must be true or false, not ${JSON.stringify(this.value)}`);
    return this.value as boolean;
  }

  integer(min: number): number | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'number' || !Number.isSafeInteger(this.value) || this.value < min) {
      this.fail(`must be a whole number of at least ${min}, not ${JSON.stringify(this.value)}`);
    }
    return this.value as number;
  }

  instant(): number | undefined {
    const text = this.string();
    if (text === undefined) return undefined;
    const ms = INSTANT.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(ms))
      this.fail(`must be an RFC 3339 instant such as 2026-01-01T00:00:00Z, not ${JSON.stringify(text)}`);
    return ms;
  }

  requiredInstant(): number {
    return this.instant() ?? this.fail('is required');
  }

  choice<T extends string>(allowed: readonly T[]): T | undefined {
    const text = this.string();
    if (text !== undefined && !allowed.includes(text as T))
      this.fail(`must be one of ${allowed.join(', ')}, not "${text}"`);
    return text as T | undefined;
  }

  strings(): string[] | undefined {
    if (!this.present) return undefined;
    return this.list().map((f) => f.requiredString());
  }
}

const CASE_KEYS = [
  'name',
  'note',
  'upstreamTest',
  'expect',
  'cronJob',
  'creationTimestamp',
  'lastScheduleTime',
  'lastSuccessfulTime',
  'now',
  'activeJobs',
  'finishedJobs',
  'status',
  'beingDeleted',
];
const CRON_JOB_KEYS = [
  'name',
  'schedule',
  'timeZone',
  'concurrencyPolicy',
  'startingDeadlineSeconds',
  'suspend',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'schedules',
  'overlapPolicy',
  'bufferLimit',
  'jitterSeconds',
  'exclusions',
  'catchUpPolicy',
  'catchUpLimit',
  'pauseAfterFailures',
  'dstPolicy',
  'runNowAt',
  'backfill',
];
const CONCURRENCY_TO_OVERLAP: Readonly<Record<string, OverlapPolicy>> = {
  Allow: OverlapPolicy.ALLOW_ALL,
  Forbid: OverlapPolicy.SKIP,
  Replace: OverlapPolicy.CANCEL_OTHER,
};

/** Parses case-file text (JSON) into a plan input. */
export function readPlanCase(text: string): PlanInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CaseFileError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsePlanCase(json);
}

export function parsePlanCase(json: unknown): PlanInput {
  const c = new Field('', json).object(CASE_KEYS);
  if (!c.cronJob.present) c.cronJob.fail('is required');
  const cj = c.cronJob.object(CRON_JOB_KEYS);
  const name = cj.name.string() ?? DEFAULT_CASE_NAME;
  if (name === '') cj.name.fail('must not be empty');
  const spec = readSpec(cj);
  const problems = validatePlanSpec(spec);
  if (problems.length > 0) throw new CaseFileError(problems.map((p) => `cronJob.${p.field}: ${p.message}`).join('; '));

  const { jobs, active } = readJobs(c.activeJobs, c.finishedJobs);
  const extra = readStatus(c.status);
  const status: ScheduledJobStatus = {
    ...extra,
    active,
    lastScheduleTime: c.lastScheduleTime.instant(),
    lastSuccessfulTime: c.lastSuccessfulTime.instant(),
  };
  return {
    name,
    creationTimestamp: c.creationTimestamp.requiredInstant(),
    beingDeleted: c.beingDeleted.boolean(),
    spec,
    status,
    jobs,
    now: c.now.requiredInstant(),
  };
}

function readSpec(cj: Record<string, Field>): ScheduledJobSpec {
  const concurrency = cj.concurrencyPolicy.choice(Object.keys(CONCURRENCY_TO_OVERLAP));
  const overlap = cj.overlapPolicy.choice(Object.values(OverlapPolicy));
  const fromConcurrency = concurrency === undefined ? undefined : CONCURRENCY_TO_OVERLAP[concurrency];
  if (overlap !== undefined && fromConcurrency !== undefined && overlap !== fromConcurrency) {
    cj.overlapPolicy.fail(
      `${overlap} contradicts concurrencyPolicy ${concurrency} (${concurrency} is ${fromConcurrency}); give one of them`,
    );
  }
  const schedules = cj.schedules.strings();
  const schedule =
    cj.schedule.string() ??
    (schedules !== undefined && schedules.length > 0 ? '' : cj.schedule.fail('is required (or give schedules)'));
  return {
    schedule,
    timeZone: cj.timeZone.string(),
    startingDeadlineSeconds: cj.startingDeadlineSeconds.integer(0),
    overlapPolicy: overlap ?? fromConcurrency,
    suspend: cj.suspend.boolean(),
    successfulJobsHistoryLimit: cj.successfulJobsHistoryLimit.integer(0),
    failedJobsHistoryLimit: cj.failedJobsHistoryLimit.integer(0),
    schedules,
    bufferLimit: cj.bufferLimit.integer(1),
    jitterSeconds: cj.jitterSeconds.integer(0),
    exclusions: cj.exclusions.present ? cj.exclusions.list().map(readExclusion) : undefined,
    catchUpPolicy: cj.catchUpPolicy.choice(Object.values(CatchUpPolicy)),
    catchUpLimit: cj.catchUpLimit.integer(1),
    pauseAfterFailures: cj.pauseAfterFailures.integer(1),
    dstPolicy: cj.dstPolicy.choice(Object.values(DstPolicy)),
    runNowAt: cj.runNowAt.instant(),
    backfill: cj.backfill.present ? readBackfill(cj.backfill) : undefined,
  };
}

function readExclusion(field: Field): ExclusionWindow {
  const w = field.object(['name', 'dates', 'weekdays', 'hours', 'from', 'until']);
  return {
    name: w.name.string(),
    dates: w.dates.strings(),
    weekdays: w.weekdays.strings(),
    hours: w.hours.string(),
    from: w.from.string(),
    until: w.until.string(),
  };
}

function readBackfill(field: Field): BackfillRequest {
  const b = field.object(['from', 'to', 'maxRuns']);
  return { from: b.from.requiredInstant(), to: b.to.requiredInstant(), maxRuns: b.maxRuns.integer(1) };
}

function readJobs(activeField: Field, finishedField: Field): { jobs: ObservedJob[]; active: string[] } {
  const jobs: ObservedJob[] = [];
  const active: string[] = [];
  const seen = new Set<string>();
  const named = (f: Record<string, Field>) => {
    const name = f.name.requiredString();
    if (seen.has(name)) f.name.fail(`duplicate Job name ${name}`);
    seen.add(name);
    return name;
  };
  for (const field of activeField.list()) {
    const j = field.object(['name', 'scheduledTime', 'startTime', 'existsInCluster', 'inStatusActive']);
    const name = named(j);
    j.scheduledTime.instant();
    const exists = j.existsInCluster.boolean() ?? true;
    const listed = j.inStatusActive.boolean() ?? true;
    if (!exists && !listed)
      field.fail('a Job that neither exists nor is listed in status.active plays no part; remove it');
    if (exists) jobs.push({ name, phase: JobPhase.RUNNING, startTime: j.startTime.instant() });
    if (listed) active.push(name);
  }
  for (const field of finishedField.list()) {
    const j = field.object(['name', 'scheduledTime', 'startTime', 'succeeded', 'finishedAt', 'inStatusActive']);
    const name = named(j);
    j.scheduledTime.instant();
    const succeeded = j.succeeded.boolean() ?? j.succeeded.fail('is required (true: Complete, false: Failed)');
    jobs.push({
      name,
      phase: succeeded ? JobPhase.SUCCEEDED : JobPhase.FAILED,
      startTime: j.startTime.instant(),
      finishedAt: j.finishedAt.instant(),
    });
    if (j.inStatusActive.boolean() === true) active.push(name);
  }
  return { jobs, active };
}

/** The extension status fields (`status` in a case file). */
function readStatus(field: Field): Partial<ScheduledJobStatus> {
  if (!field.present) return {};
  const s = field.object([
    'queue',
    'consecutiveFailures',
    'failureWatermark',
    'lastRunNowAt',
    'backfill',
    'conditions',
  ]);
  let failureWatermark;
  if (s.failureWatermark.present) {
    const w = s.failureWatermark.object(['finishedAt', 'jobName']);
    failureWatermark = { finishedAt: w.finishedAt.requiredInstant(), jobName: w.jobName.requiredString() };
  }
  return {
    queue: s.queue.present ? s.queue.list().map((f) => f.requiredInstant()) : undefined,
    consecutiveFailures: s.consecutiveFailures.integer(0),
    failureWatermark,
    lastRunNowAt: s.lastRunNowAt.instant(),
    backfill: s.backfill.present ? readBackfillProgress(s.backfill) : undefined,
    conditions: s.conditions.present ? s.conditions.list().map(readCondition) : undefined,
  };
}

function readBackfillProgress(field: Field): BackfillProgress {
  const b = field.object(['from', 'to', 'through', 'created', 'complete', 'truncated']);
  return {
    from: b.from.requiredInstant(),
    to: b.to.requiredInstant(),
    through: b.through.instant(),
    created: b.created.integer(0) ?? 0,
    complete: b.complete.boolean() ?? false,
    truncated: b.truncated.boolean() ?? false,
  };
}

function readCondition(field: Field): Condition {
  const c = field.object(['type', 'status', 'reason', 'message', 'lastTransitionTime']);
  return {
    type: c.type.requiredString(),
    status: c.status.choice(Object.values(ConditionStatus)) ?? c.status.fail('is required'),
    reason: c.reason.string() ?? '',
    message: c.message.string() ?? '',
    lastTransitionTime: c.lastTransitionTime.requiredInstant(),
  };
}
