/**
 * Pure pieces of the KEDA ScaledJob a QueueWorkerJob emits: the batch/v1 Job KEDA creates from it
 * (what synth-time validation checks, so the same rules cover KEDA's Jobs as our own), and the
 * scaling strategy that fits the triggers.
 */
import { QueueCounting, QueueTrigger } from './queue-trigger';

/** The label KEDA puts on every Job (and pod) of a ScaledJob, and selects them by. */
export const SCALED_JOB_NAME_LABEL = 'scaledjob.keda.sh/name';

/** KEDA's job-creation strategies that need no tuning parameters. */
export enum ScalingStrategy {
  /** Jobs to create = ceil(queue length / target) - running Jobs. For counts that include in-flight messages. */
  DEFAULT = 'default',
  /** Also subtracts only pending Jobs: for counts of waiting messages only (taken ones left the queue). */
  ACCURATE = 'accurate',
  /** Fills every free slot up to maxReplicaCount while messages wait. */
  EAGER = 'eager',
}

/**
 * The strategy for `triggers`: `accurate` when every trigger counts only waiting messages (with
 * `default` those would be subtracted twice: once by leaving the queue, once as running Jobs, so
 * the backlog is under-served), else KEDA's `default`.
 */
export function defaultScalingStrategy(triggers: readonly QueueTrigger[]): ScalingStrategy {
  const waitingOnly = triggers.length > 0 && triggers.every((t) => t._counting === QueueCounting.WAITING_ONLY);
  return waitingOnly ? ScalingStrategy.ACCURATE : ScalingStrategy.DEFAULT;
}

/**
 * The Job KEDA's scale executor creates from a ScaledJob manifest (keda pkg/scaling/executor,
 * generateJobs): `generateName` "<name>-", KEDA's labels under the ScaledJob's own, the ScaledJob's
 * annotations (suppressions included), the ScaledJob as controlling owner, the pod template
 * labelled with the ScaledJob's name, and `restartPolicy` OnFailure when the template sets none.
 */
export function jobCreatedBy(scaledJob: any): Record<string, unknown> {
  const metadata = scaledJob?.metadata ?? {};
  const name: string = metadata.name;
  const target = scaledJob?.spec?.jobTargetRef ?? {};
  const template = target.template ?? {};
  const podSpec = template.spec ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      generateName: `${name}-`,
      namespace: metadata.namespace,
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/part-of': name,
        'app.kubernetes.io/managed-by': 'keda-operator',
        [SCALED_JOB_NAME_LABEL]: name,
        ...metadata.labels,
      },
      annotations: metadata.annotations,
      ownerReferences: [
        { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', name, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      ...target,
      template: {
        ...template,
        metadata: { ...template.metadata, labels: { ...template.metadata?.labels, [SCALED_JOB_NAME_LABEL]: name } },
        spec: { ...podSpec, restartPolicy: podSpec.restartPolicy ?? 'OnFailure' },
      },
    },
  };
}
