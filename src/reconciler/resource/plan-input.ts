/**
 * One ScheduledJob, the Jobs it owns and an instant, as untrusted JSON (a manifest, `kubectl get`
 * output, or a plan case file turned into these), read into the plan's input with every problem
 * collected: the metadata the plan uses, the spec and status by their description
 * (spec-conversion.ts, status-conversion.ts), each Job's name, times and finish conditions, and
 * the plan's own checks of the spec (`validatePlanSpec`). Nothing is planned from input with a
 * problem; `cdk8s-batch plan` prints them all. `selectScheduledJob` picks the ScheduledJob and its
 * Jobs out of manifest files.
 */
import { validatePlanSpec } from '../plan/spec-validation';
import { ObservedJob, PlanInput } from '../plan/types';
import { FieldProblem, FieldReader, JsonRecord } from './field-reader';
import { isControlledBy, observeJob } from './job-observation';
import { JobObject, KubeObject } from './objects';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from './scheduled-job-resource';
import { readResourceSpec } from './spec-conversion';
import { readResourceStatus } from './status-conversion';

export interface PlanInputSource {
  /** The ScheduledJob (its apiVersion and kind are the caller's business). */
  readonly object: unknown;
  /** The batch/v1 Jobs it owns. */
  readonly jobs: readonly unknown[];
  /** The instant to plan at (ms since the epoch). */
  readonly now: number;
  /** The creation time when the metadata has none (a manifest not yet applied). @default now */
  readonly assumedCreation?: number;
  /** Where a Job's problems are reported. @default `jobs[i]` */
  readonly jobPath?: (index: number) => string;
  /** Refuse unknown status fields too: for files people write. @default false */
  readonly strict?: boolean;
}

export interface PlanInputReading {
  /** Set only when there are no problems. */
  readonly input?: PlanInput;
  readonly problems: readonly FieldProblem[];
}

export function readPlanInput(source: PlanInputSource): PlanInputReading {
  const { now, strict = false } = source;
  const r = new FieldReader({ strict });
  const object = r.object('', source.object);
  if (object === undefined) return { problems: r.problems };
  const metadata = readMetadata(r, object.metadata);
  const spec = readResourceSpec(object.spec, { strict });
  const status = readResourceStatus(object.status, { strict });
  const jobReader = new FieldReader({ strict });
  const jobs = readJobs(jobReader, source.jobs, source.jobPath ?? ((i) => `jobs[${i}]`));
  const problems = [
    ...r.problems,
    ...spec.problems,
    ...status.problems,
    ...jobReader.problems,
    ...(spec.spec === undefined ? [] : validatePlanSpec(spec.spec).map((p) => ({ ...p, field: `spec.${p.field}` }))),
  ];
  if (problems.length > 0 || metadata === undefined || spec.spec === undefined || jobs === undefined)
    return { problems };
  return {
    input: {
      name: metadata.name,
      creationTimestamp: metadata.creationTimestamp ?? source.assumedCreation ?? now,
      ...(metadata.deletionTimestamp === undefined ? {} : { beingDeleted: true }),
      spec: spec.spec,
      status: status.status,
      jobs,
      now,
    },
    problems: [],
  };
}

interface Metadata {
  readonly name: string;
  readonly creationTimestamp?: number;
  readonly deletionTimestamp?: number;
}

/** The metadata the plan reads; the rest (labels, uid, ...) is the API server's business. */
function readMetadata(r: FieldReader, value: unknown): Metadata | undefined {
  if (value === undefined || value === null) return r.problem('metadata', 'Required value: the metadata, with a name');
  const fields = r.object('metadata', value);
  if (fields === undefined) return undefined;
  const name = requiredName(r, 'metadata.name', fields.name);
  const created = given(fields.creationTimestamp)
    ? r.instant('metadata.creationTimestamp', fields.creationTimestamp)
    : undefined;
  const deleted = given(fields.deletionTimestamp)
    ? r.instant('metadata.deletionTimestamp', fields.deletionTimestamp)
    : undefined;
  if (name === undefined) return undefined;
  return {
    name,
    ...(created === undefined ? {} : { creationTimestamp: created }),
    ...(deleted === undefined ? {} : { deletionTimestamp: deleted }),
  };
}

/** The owned Jobs, each checked for the shape `observeJob` relies on; names are unique in a namespace. */
function readJobs(
  r: FieldReader,
  values: readonly unknown[],
  pathOf: (i: number) => string,
): ObservedJob[] | undefined {
  const before = r.problems.length;
  const seen = new Set<string>();
  const jobs: ObservedJob[] = [];
  values.forEach((value, i) => {
    const job = readJob(r, pathOf(i), value);
    const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    if (typeof name === 'string' && seen.has(name))
      r.problem(`${pathOf(i)}.metadata.name`, `duplicate Job name ${name}`);
    if (typeof name === 'string') seen.add(name);
    if (job !== undefined) jobs.push(observeJob(job));
  });
  return r.problems.length === before ? jobs : undefined;
}

function readJob(r: FieldReader, path: string, value: unknown): JobObject | undefined {
  const job = r.object(path, value);
  if (job === undefined) return undefined;
  const before = r.problems.length;
  const metadata = given(job.metadata) ? r.object(`${path}.metadata`, job.metadata) : undefined;
  if (metadata === undefined && !given(job.metadata))
    r.problem(`${path}.metadata`, 'Required value: the metadata, with a name');
  if (metadata !== undefined) {
    requiredName(r, `${path}.metadata.name`, metadata.name);
    if (given(metadata.labels)) r.stringMap(`${path}.metadata.labels`, metadata.labels);
    if (given(metadata.annotations)) r.stringMap(`${path}.metadata.annotations`, metadata.annotations);
    if (given(metadata.finalizers))
      r.array(`${path}.metadata.finalizers`, metadata.finalizers, (p, v) => r.string(p, v));
  }
  if (given(job.status)) readJobStatus(r, `${path}.status`, job.status);
  return r.problems.length === before ? (job as unknown as JobObject) : undefined;
}

function readJobStatus(r: FieldReader, path: string, value: unknown): void {
  const status = r.object(path, value);
  if (status === undefined) return;
  for (const name of ['startTime', 'completionTime']) {
    if (given(status[name])) r.instant(`${path}.${name}`, status[name]);
  }
  if (!given(status.conditions)) return;
  r.array(`${path}.conditions`, status.conditions, (p, v) => {
    const condition: JsonRecord | undefined = r.object(p, v);
    if (condition === undefined) return undefined;
    r.string(`${p}.type`, condition.type);
    r.string(`${p}.status`, condition.status);
    if (given(condition.lastTransitionTime)) r.instant(`${p}.lastTransitionTime`, condition.lastTransitionTime);
    return condition;
  });
}

function requiredName(r: FieldReader, path: string, value: unknown): string | undefined {
  if (!given(value)) return r.problem(path, 'Required value: a name');
  const name = r.string(path, value);
  return name === '' ? r.problem(path, 'must not be empty') : name;
}

const given = (value: unknown) => value !== undefined && value !== null;

/** An object read from a manifest file, and where. */
export interface ObjectInFile {
  readonly file: string;
  readonly value: unknown;
}

/** The ScheduledJob a set of manifests is planned for, with the Jobs it controls among them. */
export interface ManifestSelection {
  readonly scheduledJob: ObjectInFile;
  readonly jobs: readonly unknown[];
  /** `scheduledjob NAMESPACE/NAME`, for messages. */
  readonly title: string;
}

/** The namespace of an object that names none, as the API server would put it. */
const DEFAULT_NAMESPACE = 'default';

/**
 * The one ScheduledJob among manifest objects (`kind: List` opened, as `kubectl get -o yaml`
 * prints it): the only one, or the one `name` (and `namespace`) pick; and the Jobs among them
 * that it controls (ownerReference uid, same namespace). Why none can be picked, otherwise.
 */
export function selectScheduledJob(
  objects: readonly ObjectInFile[],
  pick: { readonly name?: string; readonly namespace?: string } = {},
): ManifestSelection | { readonly error: string } {
  const all = objects.flatMap(openList);
  const identity = (o: ObjectInFile) => {
    const metadata = isRecord(o.value) && isRecord(o.value.metadata) ? o.value.metadata : {};
    return {
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : DEFAULT_NAMESPACE,
      uid: typeof metadata.uid === 'string' ? metadata.uid : undefined,
    };
  };
  const scheduledJobs = all.filter((o) => isKind(o.value, SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND));
  const unnamed = scheduledJobs.find((o) => identity(o).name === undefined);
  if (unnamed !== undefined) return { error: `${unnamed.file}: a ScheduledJob without metadata.name` };
  const names = scheduledJobs.map((o) => `${identity(o).namespace}/${identity(o).name}`);
  const matches = scheduledJobs.filter(
    (o) =>
      (pick.name === undefined || identity(o).name === pick.name) &&
      (pick.namespace === undefined || identity(o).namespace === pick.namespace),
  );
  if (scheduledJobs.length === 0)
    return { error: `no ScheduledJob (${SCHEDULED_JOB_API_VERSION}) in the manifests, and they are not a case file` };
  if (matches.length === 0) {
    const wanted = `${pick.namespace === undefined ? '' : `${pick.namespace}/`}${pick.name ?? ''}`;
    return { error: `no ScheduledJob ${wanted} among ${names.join(', ')}` };
  }
  if (matches.length > 1)
    return { error: `${matches.length} ScheduledJobs (${names.join(', ')}); pick one with --name (and --namespace)` };
  const scheduledJob = matches[0];
  const { name, namespace, uid } = identity(scheduledJob);
  const jobs = all
    .filter(
      (o) =>
        isKind(o.value, 'batch/v1', 'Job') &&
        isRecord(o.value.metadata) &&
        identity(o).namespace === namespace &&
        isControlledBy(o.value as unknown as KubeObject, uid),
    )
    .map((o) => o.value);
  return { scheduledJob, jobs, title: `scheduledjob ${namespace}/${name}` };
}

function openList(object: ObjectInFile): ObjectInFile[] {
  const { value } = object;
  if (isKind(value, 'v1', 'List') && Array.isArray(value.items))
    return value.items.flatMap((item: unknown) => openList({ file: object.file, value: item }));
  return isRecord(value) ? [object] : [];
}

function isKind(value: unknown, apiVersion: string, kind: string): value is JsonRecord {
  return isRecord(value) && value.apiVersion === apiVersion && value.kind === kind;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
