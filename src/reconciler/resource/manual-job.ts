/**
 * The Job `kubectl create job NAME --from=cronjob/CRONJOB` creates, for `cdk8s-batch trigger
 * cronjob/NAME`: the CronJob's job template (its labels, its annotations over
 * `cronjob.kubernetes.io/instantiate: manual`, its spec), in the CronJob's namespace, owned by the
 * CronJob when it is a live object (it has a uid), so its history limits and deletion cover the run.
 * kubectl wants the name from the user; ours is `<cronjob>-m<unix seconds in base 36>`: unique per
 * second, never a scheduled run's name (whose suffix is all digits), and within 63 characters for
 * any valid CronJob name (at most 52).
 */
import { Finding, Severity } from '../../rules/finding';
import { validateBatchObject } from '../../rules/registry';
import { CronJobObject, JobObject } from './objects';

/** The annotation kubectl puts on a Job it creates from a CronJob. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

export function manualJobName(cronJob: string, requestedAt: number): string {
  return `${cronJob}-m${Math.floor(requestedAt / 1000).toString(36)}`;
}

export function manualJobFromCronJob(cronJob: CronJobObject, requestedAt: number): JobObject {
  const template = (
    (cronJob.spec ?? {}) as { jobTemplate?: { metadata?: JobObject['metadata']; spec?: JobObject['spec'] } }
  ).jobTemplate;
  const { name = '', namespace, uid } = cronJob.metadata;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: manualJobName(name, requestedAt),
      ...(namespace === undefined ? {} : { namespace }),
      ...(template?.metadata?.labels === undefined ? {} : { labels: { ...template.metadata.labels } }),
      annotations: { [INSTANTIATE_ANNOTATION]: 'manual', ...template?.metadata?.annotations },
      ...(uid === undefined
        ? {}
        : { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid, controller: true }] }),
    },
    spec: structuredClone(template?.spec ?? {}),
  };
}

/** The run-now Job of a CronJob and the findings of the rules on it: created only without errors. */
export interface ManualJobPlan {
  readonly job: JobObject;
  readonly findings: readonly Finding[];
}

export function planManualJob(cronJob: CronJobObject, requestedAt: number, kubernetesVersion?: string): ManualJobPlan {
  const job = manualJobFromCronJob(cronJob, requestedAt);
  return { job, findings: validateBatchObject(job, { kubernetesVersion }) };
}

/** Whether the rules refuse the Job. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === Severity.ERROR);
}
