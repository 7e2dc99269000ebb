/**
 * Jobs as the plan sees them: which ScheduledJob controls a Job (its controller ownerReference),
 * and where the Job stands (running, succeeded, failed, with the times history cleanup and failure
 * counting sort by). A Job is finished when its Complete or Failed condition is True, as upstream.
 */
import { JobObject, KubeObject, OwnerReference } from './objects';
import { SCHEDULING_GROUP } from './api-resources';
import { HeldRun, JobPhase, ObservedJob, RunKind } from '../plan/types';
import { parseRfc3339 } from '../../schedule/instants';
import {
  RUN_KIND_LABEL,
  RUN_RECORD_FINALIZER,
  SCHEDULED_JOB_KIND,
  SCHEDULED_TIMESTAMP_ANNOTATION,
} from './scheduled-job-resource';

/** The ownerReference marked `controller: true` that names a ScheduledJob, if any. */
export function scheduledJobController(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find(
    (ref) =>
      ref.controller === true && ref.kind === SCHEDULED_JOB_KIND && ref.apiVersion.startsWith(`${SCHEDULING_GROUP}/`),
  );
}

/** True when the ScheduledJob with this uid is the Job's controller. */
export function isControlledBy(job: KubeObject, ownerUid: string | undefined): boolean {
  return ownerUid !== undefined && scheduledJobController(job)?.uid === ownerUid;
}

/** True while the Job carries the run-record finalizer. */
export function holdsRunRecord(job: KubeObject): boolean {
  return job.metadata.finalizers?.includes(RUN_RECORD_FINALIZER) ?? false;
}

/** The run a Job holding the run-record finalizer stands for, from its run-kind label and scheduled-timestamp annotation. */
function heldRunOf(job: JobObject): HeldRun {
  const label = job.metadata.labels?.[RUN_KIND_LABEL];
  const kind = Object.values(RunKind).find((k) => k === label);
  const annotation = job.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION];
  const scheduledTime = annotation === undefined ? undefined : parseRfc3339(annotation);
  return {
    ...(kind === undefined ? {} : { kind }),
    ...(scheduledTime === undefined ? {} : { scheduledTime }),
  };
}

export function observeJob(job: JobObject): ObservedJob {
  const observed = observePhase(job);
  return holdsRunRecord(job) ? { ...observed, heldRun: heldRunOf(job) } : observed;
}

function observePhase(job: JobObject): ObservedJob {
  const status = job.status ?? {};
  const conditionTrue = (type: string) => status.conditions?.find((c) => c.type === type && c.status === 'True');
  const time = (text: string | undefined) => (text === undefined ? undefined : parseRfc3339(text));
  const name = job.metadata.name ?? '';
  const startTime = time(status.startTime);
  const complete = conditionTrue('Complete');
  if (complete !== undefined)
    return withTimes(
      name,
      JobPhase.SUCCEEDED,
      startTime,
      time(status.completionTime) ?? time(complete.lastTransitionTime),
    );
  const failed = conditionTrue('Failed');
  if (failed !== undefined) return withTimes(name, JobPhase.FAILED, startTime, time(failed.lastTransitionTime));
  return withTimes(name, JobPhase.RUNNING, startTime, undefined);
}

function withTimes(
  name: string,
  phase: JobPhase,
  startTime: number | undefined,
  finishedAt: number | undefined,
): ObservedJob {
  const job: { name: string; phase: JobPhase; startTime?: number; finishedAt?: number } = { name, phase };
  if (startTime !== undefined) job.startTime = startTime;
  if (finishedAt !== undefined) job.finishedAt = finishedAt;
  return job;
}
