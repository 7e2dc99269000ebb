/**
 * Plan case files: one scheduled job at one instant, in the shape of
 * test/data/controller-cases.json (its `expect` is ignored), and a plan turned into that file's
 * `expect` keys. `cdk8s-batch plan CASE.json` is this plus printing.
 *
 * A case is not read by a reader of its own: it is turned into what it describes (a ScheduledJob
 * resource, the batch/v1 Jobs it owns, an instant) and read by the resource's reader
 * (plan-input.ts), so a case file and the cluster are judged by the same code. Every problem is
 * reported, under the case file's own field path (`cronJob.startingDeadlineSeconds`,
 * `finishedJobs[1].succeeded`); unknown fields are refused, so a misspelt extension field cannot
 * silently do nothing.
 *
 * Conventions (see docs/reconciler-plan.md, "Case-file fields"):
 * - `activeJobs` are unfinished Jobs listed in status.active, unless `inStatusActive: false` (an
 *   unexpected Job) or `existsInCluster: false` (listed, but gone);
 * - `finishedJobs` are finished Jobs (`succeeded` true: Complete, else Failed), not in
 *   status.active unless `inStatusActive: true`; `finishedAt` is the completion time;
 * - `cronJob` is the spec, plus `name` (default `mycronjob`); extension status sits in `status`;
 *   `concurrencyPolicy` Allow/Forbid/Replace is overlapPolicy AllowAll/Skip/CancelOther.
 */
import { formatInstant } from '../../schedule/instants';
import { OverlapPolicy, PlanInput, SyncPlan } from '../plan/types';
import { FieldProblem, FieldReader, JsonRecord } from './field-reader';
import { readPlanInput } from './plan-input';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from './scheduled-job-resource';

export const DEFAULT_CASE_NAME = 'mycronjob';

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

/** A case read: the plan input, set only when there are no problems. */
export interface PlanCaseReading {
  readonly input?: PlanInput;
  readonly problems: readonly FieldProblem[];
}

/** Reads case-file text (JSON). */
export function readPlanCase(text: string): PlanCaseReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      problems: [{ field: '', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  return parsePlanCase(json);
}

/** Reads a parsed case: turned into a ScheduledJob, its Jobs and an instant, then read like the cluster's. */
export function parsePlanCase(json: unknown): PlanCaseReading {
  const r = new FieldReader();
  const translated = translateCase(r, json);
  if (translated === undefined) return { problems: r.problems };
  const { object, jobs, now, paths } = translated;
  const read = readPlanInput({ object, jobs, now: now ?? 0, jobPath: (i) => `jobs[${i}]`, strict: true });
  // A part the case lacks is reported once, by the case's own check, not again by the reader.
  const reported = new Set(r.problems.map((p) => p.field));
  const problems = [
    ...r.problems,
    ...read.problems.map((p) => ({ ...p, field: paths.caseField(p.field) })).filter((p) => !reported.has(p.field)),
  ];
  return problems.length > 0 || now === undefined ? { problems } : { input: read.input, problems: [] };
}

const CASE_FIELDS = [
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
const ACTIVE_JOB_FIELDS = ['name', 'scheduledTime', 'startTime', 'existsInCluster', 'inStatusActive'];
const FINISHED_JOB_FIELDS = ['name', 'scheduledTime', 'startTime', 'succeeded', 'finishedAt', 'inStatusActive'];
/** Status fields a case gives elsewhere (its Jobs, its top level) or that only the writer derives. */
const STATUS_FIELDS_GIVEN_ELSEWHERE: Readonly<Record<string, string>> = {
  active: 'is given by activeJobs and finishedJobs (inStatusActive)',
  lastScheduleTime: 'is given at the top level of the case',
  lastSuccessfulTime: 'is given at the top level of the case',
  activeCount: 'is derived from the active Jobs',
  nextScheduleTime: 'is what the plan computes',
  observedGeneration: 'has no meaning in a case',
};
const CONCURRENCY_TO_OVERLAP: Readonly<Record<string, OverlapPolicy>> = {
  Allow: OverlapPolicy.ALLOW_ALL,
  Forbid: OverlapPolicy.SKIP,
  Replace: OverlapPolicy.CANCEL_OTHER,
};
/** The plan never looks into the Job template; a case may leave it out. */
const PLACEHOLDER_JOB_TEMPLATE = { spec: {} };

/** Where each translated field came from: resource paths back to case paths, longest prefix first. */
class PathMap {
  private readonly pairs: [string, string][] = [];

  add(resourcePath: string, casePath: string): void {
    this.pairs.push([resourcePath, casePath]);
  }

  caseField(resourceField: string): string {
    let best: [string, string] | undefined;
    for (const pair of this.pairs) {
      const [from] = pair;
      const within =
        resourceField === from || resourceField.startsWith(`${from}.`) || resourceField.startsWith(`${from}[`);
      if (within && (best === undefined || from.length > best[0].length)) best = pair;
    }
    return best === undefined ? resourceField : best[1] + resourceField.slice(best[0].length);
  }
}

interface TranslatedCase {
  readonly object: JsonRecord;
  readonly jobs: readonly unknown[];
  readonly now?: number;
  readonly paths: PathMap;
}

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * The case as the ScheduledJob, Jobs and instant it describes. The values pass through unread
 * (the resource's reader judges them); only what exists in a case alone is read here: `now`,
 * `beingDeleted`, the Job lists' flags, `concurrencyPolicy`, and that required parts are there.
 */
function translateCase(r: FieldReader, json: unknown): TranslatedCase | undefined {
  const c = r.object('', json, CASE_FIELDS);
  if (c === undefined) return undefined;
  const paths = new PathMap();
  const now = given(c.now) ? r.instant('now', c.now) : r.problem('now', 'Required value: the instant to plan at');

  const metadata: Record<string, unknown> = { name: DEFAULT_CASE_NAME };
  if (given(c.creationTimestamp)) metadata.creationTimestamp = c.creationTimestamp;
  else r.problem('creationTimestamp', 'Required value: when the scheduled job was created');
  paths.add('metadata.creationTimestamp', 'creationTimestamp');
  if (given(c.beingDeleted) && r.boolean('beingDeleted', c.beingDeleted) === true)
    metadata.deletionTimestamp = formatInstant(now ?? 0);

  let spec: unknown;
  if (!given(c.cronJob))
    r.problem('cronJob', 'Required value: the CronJob or ScheduledJob spec, with an optional name');
  else spec = translateCronJob(r, c.cronJob, metadata, paths);
  paths.add('spec', 'cronJob');

  const active: { name: unknown }[] = [];
  const jobs: unknown[] = [];
  translateActiveJobs(r, c.activeJobs, { active, jobs, paths });
  translateFinishedJobs(r, c.finishedJobs, { active, jobs, paths });

  const status = translateStatus(r, c.status, paths);
  const object = {
    apiVersion: SCHEDULED_JOB_API_VERSION,
    kind: SCHEDULED_JOB_KIND,
    metadata,
    spec,
    status:
      status === undefined || !isRecord(status)
        ? status
        : {
            ...status,
            ...(active.length > 0 ? { active } : {}),
            ...(given(c.lastScheduleTime) ? { lastScheduleTime: c.lastScheduleTime } : {}),
            ...(given(c.lastSuccessfulTime) ? { lastSuccessfulTime: c.lastSuccessfulTime } : {}),
          },
  };
  paths.add('status.lastScheduleTime', 'lastScheduleTime');
  paths.add('status.lastSuccessfulTime', 'lastSuccessfulTime');
  return { object, jobs, now, paths };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The spec: `cronJob` less its `name` (the metadata's) and `concurrencyPolicy` (an overlapPolicy). */
function translateCronJob(
  r: FieldReader,
  cronJob: unknown,
  metadata: Record<string, unknown>,
  paths: PathMap,
): unknown {
  if (!isRecord(cronJob)) return cronJob;
  const { name, concurrencyPolicy, ...spec } = cronJob;
  if (given(name)) {
    metadata.name = name;
    paths.add('metadata.name', 'cronJob.name');
  }
  if (given(concurrencyPolicy)) {
    const concurrency = r.oneOf('cronJob.concurrencyPolicy', concurrencyPolicy, Object.keys(CONCURRENCY_TO_OVERLAP));
    const overlap = concurrency === undefined ? undefined : CONCURRENCY_TO_OVERLAP[concurrency];
    const stated = spec.overlapPolicy;
    if (overlap === undefined || !given(stated)) {
      if (overlap !== undefined) spec.overlapPolicy = overlap;
    } else if (stated !== overlap && (Object.values(OverlapPolicy) as unknown[]).includes(stated)) {
      r.problem(
        'cronJob.overlapPolicy',
        `${stated as OverlapPolicy} contradicts concurrencyPolicy ${concurrency} (${concurrency} is ${overlap}); give one of them`,
      );
    }
  }
  return { ...spec, jobTemplate: spec.jobTemplate ?? PLACEHOLDER_JOB_TEMPLATE };
}

interface JobLists {
  readonly active: { name: unknown }[];
  readonly jobs: unknown[];
  readonly paths: PathMap;
}

/** Unfinished Jobs: a Job in the cluster (unless `existsInCluster: false`) and in status.active (unless `inStatusActive: false`). */
function translateActiveJobs(r: FieldReader, value: unknown, lists: JobLists): void {
  if (!given(value)) return;
  r.array('activeJobs', value, (path, item) => {
    const j = r.object(path, item, ACTIVE_JOB_FIELDS);
    if (j === undefined) return undefined;
    if (given(j.scheduledTime)) r.instant(`${path}.scheduledTime`, j.scheduledTime);
    const exists = given(j.existsInCluster) ? r.boolean(`${path}.existsInCluster`, j.existsInCluster) : true;
    const listed = given(j.inStatusActive) ? r.boolean(`${path}.inStatusActive`, j.inStatusActive) : true;
    if (exists === false && listed === false)
      r.problem(path, 'a Job that neither exists nor is listed in status.active plays no part; remove it');
    if (exists === true) {
      const status = given(j.startTime) ? { startTime: j.startTime } : {};
      addJob(lists, path, { metadata: { name: j.name }, status }, { 'status.startTime': 'startTime' });
    }
    // A name the Job's reader already judges is not judged twice.
    if (listed === true && (exists !== true || typeof j.name === 'string')) addActive(lists, path, j.name);
    return j;
  });
}

/** Finished Jobs: Complete (`succeeded: true`) or Failed at `finishedAt`, in status.active only with `inStatusActive: true`. */
function translateFinishedJobs(r: FieldReader, value: unknown, lists: JobLists): void {
  if (!given(value)) return;
  r.array('finishedJobs', value, (path, item) => {
    const j = r.object(path, item, FINISHED_JOB_FIELDS);
    if (j === undefined) return undefined;
    if (given(j.scheduledTime)) r.instant(`${path}.scheduledTime`, j.scheduledTime);
    const succeeded = given(j.succeeded)
      ? r.boolean(`${path}.succeeded`, j.succeeded)
      : r.problem(`${path}.succeeded`, 'Required value: true (the Job is Complete) or false (Failed)');
    const finishedAt = given(j.finishedAt) ? j.finishedAt : undefined;
    const condition =
      succeeded === true
        ? { type: 'Complete', status: 'True' }
        : { type: 'Failed', status: 'True', ...(finishedAt === undefined ? {} : { lastTransitionTime: finishedAt }) };
    const status = {
      ...(given(j.startTime) ? { startTime: j.startTime } : {}),
      ...(succeeded === true && finishedAt !== undefined ? { completionTime: finishedAt } : {}),
      conditions: [condition],
    };
    addJob(
      lists,
      path,
      { metadata: { name: j.name }, status },
      {
        'status.startTime': 'startTime',
        'status.completionTime': 'finishedAt',
        'status.conditions[0].lastTransitionTime': 'finishedAt',
      },
    );
    if (given(j.inStatusActive) && r.boolean(`${path}.inStatusActive`, j.inStatusActive) === true)
      addActive(lists, path, j.name);
    return j;
  });
}

function addJob(lists: JobLists, casePath: string, job: unknown, fields: Readonly<Record<string, string>>): void {
  const path = `jobs[${lists.jobs.length}]`;
  lists.jobs.push(job);
  lists.paths.add(path, casePath);
  lists.paths.add(`${path}.metadata.name`, `${casePath}.name`);
  for (const [jobField, caseField] of Object.entries(fields))
    lists.paths.add(`${path}.${jobField}`, `${casePath}.${caseField}`);
}

function addActive(lists: JobLists, casePath: string, name: unknown): void {
  const path = `status.active[${lists.active.length}]`;
  lists.active.push({ name });
  lists.paths.add(path, casePath);
}

/** The extension status (`status` in a case): as the resource has it, less what the case says elsewhere. */
function translateStatus(r: FieldReader, value: unknown, paths: PathMap): unknown {
  paths.add('status', 'status');
  if (!given(value)) return {};
  if (!isRecord(value)) return value;
  const status: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (name in STATUS_FIELDS_GIVEN_ELSEWHERE) r.problem(`status.${name}`, STATUS_FIELDS_GIVEN_ELSEWHERE[name]);
    else status[name] = field;
  }
  return status;
}
