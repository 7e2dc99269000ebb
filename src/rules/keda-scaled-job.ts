/**
 * KEDA ScaledJobs (keda.sh/v1alpha1) as the rules see them: the batch/v1 Job KEDA's scale executor
 * creates from one, which synth-time validation (QueueWorkerJob) and lint both check, and the way a
 * finding on that Job maps back to the ScaledJob's own fields (`spec.template...` of the Job is
 * `spec.jobTargetRef.template...` of the ScaledJob).
 */
import { fieldOf, isObject } from './support/access';

export const SCALED_JOB_API_VERSION = 'keda.sh/v1alpha1';
export const SCALED_JOB_KIND = 'ScaledJob';

/** True for a KEDA ScaledJob object. */
export function isScaledJob(object: unknown): boolean {
  const o = object as { apiVersion?: unknown; kind?: unknown } | null;
  return typeof o === 'object' && o !== null && o.apiVersion === SCALED_JOB_API_VERSION && o.kind === SCALED_JOB_KIND;
}

/** The label KEDA puts on every Job (and pod) of a ScaledJob, and selects them by. */
export const SCALED_JOB_NAME_LABEL = 'scaledjob.keda.sh/name';

/** How a JSON value of any type is spread: its own fields, whatever it is. */
type JsonFields = { readonly [field: string]: unknown };

/**
 * The Job KEDA's scale executor creates from a ScaledJob manifest (keda pkg/scaling/executor,
 * generateJobs): `generateName` "<name>-", KEDA's labels under the ScaledJob's own, the ScaledJob's
 * annotations (suppressions included), the ScaledJob as controlling owner, the pod template
 * labelled with the ScaledJob's name, and `restartPolicy` OnFailure when the template sets none.
 */
export function jobCreatedBy(scaledJob: unknown): Record<string, unknown> {
  // Read as KEDA would decode it; a part of the wrong JSON type reads as absent (access.ts), and
  // the parts copied whole are spread as they are.
  const metadata = fieldOf(scaledJob, 'metadata') ?? {};
  const name = fieldOf(metadata, 'name');
  const target = fieldOf(fieldOf(scaledJob, 'spec'), 'jobTargetRef') ?? {};
  const template = fieldOf(target, 'template') ?? {};
  const podSpec = fieldOf(template, 'spec') ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      // A name of the wrong JSON type names nothing (an object may even lack a usable toString).
      generateName: `${isObject(name) ? '' : String(name)}-`,
      namespace: fieldOf(metadata, 'namespace'),
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/part-of': name,
        'app.kubernetes.io/managed-by': 'keda-operator',
        [SCALED_JOB_NAME_LABEL]: name,
        ...(fieldOf(metadata, 'labels') as JsonFields | undefined),
      },
      annotations: fieldOf(metadata, 'annotations'),
      ownerReferences: [
        {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'ScaledJob',
          name,
          // KEDA copies the ScaledJob's UID, which a manifest written before it exists does not hold.
          uid: fieldOf(metadata, 'uid') ?? 'uid-of-the-scaledjob',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...(target as JsonFields),
      template: {
        ...(template as JsonFields),
        metadata: {
          ...(fieldOf(template, 'metadata') as JsonFields | undefined),
          labels: {
            ...(fieldOf(fieldOf(template, 'metadata'), 'labels') as JsonFields | undefined),
            [SCALED_JOB_NAME_LABEL]: name,
          },
        },
        spec: { ...(podSpec as JsonFields), restartPolicy: fieldOf(podSpec, 'restartPolicy') ?? 'OnFailure' },
      },
    },
  };
}

/**
 * The ScaledJob field a finding on the created Job stands for: the JobSpec is the ScaledJob's
 * `spec.jobTargetRef`, and the Job's name is generated from the ScaledJob's `metadata.name`.
 */
export function scaledJobField(jobField: string): string {
  if (jobField === 'spec') return 'spec.jobTargetRef';
  if (jobField.startsWith('spec.')) return `spec.jobTargetRef.${jobField.slice('spec.'.length)}`;
  if (jobField === 'metadata.generateName') return 'metadata.name';
  return jobField;
}
