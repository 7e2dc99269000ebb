/**
 * The batch/v1 Job the reconciler creates for one planned run of a ScheduledJob, as a pure
 * function, built the way the upstream CronJob controller builds its Jobs (getJobFromTemplate2):
 *
 * - name: the plan's (`<name>-<scheduled unix minutes>`, or the run-now name), the lock against
 *   creating one run twice;
 * - labels: the template's, plus the ScheduledJob's name and why the run exists;
 * - annotations: the template's, plus `batch.kubernetes.io/cronjob-scheduled-timestamp`, the
 *   scheduled time in the schedule's zone (RFC 3339 with its offset, as upstream writes it);
 * - an ownerReference making the ScheduledJob its controller (so the garbage collector deletes
 *   it with its owner, and the reconciler finds it again after a restart), and with it the
 *   run-record finalizer, which keeps the Job until the reconciler has recorded its run (the
 *   Job controller holds its pods the same way until it has counted them);
 * - the template's spec, deep-copied; with `scheduledTimeEnv`, every container and init
 *   container also gets that variable set to the scheduled time (RFC 3339, UTC).
 */
import { JsonObject, JobObject, OwnerReference } from './objects';
import { formatInstant, formatInZone } from '../../schedule/instants';
import { PlannedRun } from '../plan/types';
import { loadLocation, UTC } from '../../schedule/time-zone';
import {
  RUN_KIND_LABEL,
  RUN_RECORD_FINALIZER,
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
  SCHEDULED_JOB_NAME_LABEL,
  SCHEDULED_TIMESTAMP_ANNOTATION,
  ScheduledJobResource,
} from './scheduled-job-resource';

/** A container's environment variable, as the builder writes it. */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: JsonObject;
}

export interface RunJobMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { readonly [key: string]: string };
  readonly annotations: { readonly [key: string]: string };
  /** Absent only when the owner's uid is unknown (a dry run from a file). */
  readonly ownerReferences?: readonly OwnerReference[];
  /** The run-record finalizer; absent with the ownerReference (no reconciler would remove it). */
  readonly finalizers?: readonly string[];
}

/** A batch/v1 Job created for one run. The JobSpec is the template's; the rules layer judges it. */
export interface RunJob extends JobObject {
  readonly apiVersion: 'batch/v1';
  readonly kind: 'Job';
  readonly metadata: RunJobMetadata;
  readonly spec: JsonObject;
}

/**
 * @param resource the ScheduledJob (its spec already read without problems)
 * @param run the plan's run
 * @param uid the ScheduledJob's uid, for the ownerReference; undefined leaves the reference out
 */
export function buildRunJob(resource: ScheduledJobResource, run: PlannedRun, uid: string | undefined): RunJob {
  const { name, namespace } = resource.metadata;
  const { jobTemplate, scheduledTimeEnv, timeZone } = resource.spec;
  const zone = loadLocation(timeZone ?? '') ?? UTC;
  const metadata: RunJobMetadata = {
    name: run.jobName,
    ...(namespace === undefined ? {} : { namespace }),
    labels: { ...jobTemplate.metadata?.labels, [SCHEDULED_JOB_NAME_LABEL]: name, [RUN_KIND_LABEL]: run.kind },
    annotations: {
      ...jobTemplate.metadata?.annotations,
      [SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(run.scheduledTime, zone),
    },
    ...(uid === undefined
      ? {}
      : {
          ownerReferences: [
            {
              apiVersion: SCHEDULED_JOB_API_VERSION,
              kind: SCHEDULED_JOB_KIND,
              name,
              uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
          finalizers: [RUN_RECORD_FINALIZER],
        }),
  };
  const spec = copyJson(jobTemplate.spec) as { [key: string]: unknown };
  if (scheduledTimeEnv !== undefined)
    setEnvEverywhere(spec, {
      name: scheduledTimeEnv,
      value: formatInstant(Math.floor(run.scheduledTime / 1000) * 1000),
    });
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec };
}

/** Sets `variable` in every container and init container of the JobSpec's pod template, replacing one of the same name. */
function setEnvEverywhere(jobSpec: { [key: string]: unknown }, variable: EnvVar): void {
  const podSpec = child(child(jobSpec, 'template'), 'spec');
  if (podSpec === undefined) return;
  for (const list of ['initContainers', 'containers']) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (typeof container !== 'object' || container === null) continue;
      const c = container as { env?: unknown };
      const env = Array.isArray(c.env) ? (c.env as EnvVar[]).filter((e) => e?.name !== variable.name) : [];
      c.env = [...env, { ...variable }];
    }
  }
}

function child(value: { [key: string]: unknown } | undefined, key: string): { [key: string]: unknown } | undefined {
  const next = value?.[key];
  return typeof next === 'object' && next !== null && !Array.isArray(next)
    ? (next as { [key: string]: unknown })
    : undefined;
}

/** A deep copy of plain JSON data (objects, arrays, primitives); undefined fields are dropped. */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const field = (value as { [key: string]: unknown })[key];
    if (field !== undefined) result[key] = copyJson(field);
  }
  return result as T;
}
