/**
 * The schema of `spec.jobTemplate.spec`: a batch/v1 JobSpec, pruned but preserving (the template
 * around it is described with the rest of the resource, in resource/scheduled-job-model.ts).
 *
 * The JobSpec's own fields are typed (a string where a count belongs is refused when the
 * ScheduledJob is applied, not when its first run is due), and so are the pod template's
 * metadata and the containers' names and images. Everything else inside the JobSpec and the pod
 * template is kept as written (`x-kubernetes-preserve-unknown-fields`): copying the whole
 * PodSpec schema would add thousands of lines that go stale with every release and would prune
 * fields newer than it. The Jobs stamped from the template are checked anyway, by the same rules
 * as `cdk8s-batch lint` before the reconciler creates them and by the API server when it does.
 */
import { arrayOf, bool, int32, int64, JsonSchema, openObject, str, stringMap } from './json-schema';

const objectMeta = (what: string): JsonSchema => ({
  type: 'object',
  description: `Labels and annotations of ${what}.`,
  properties: {
    labels: stringMap(`Labels of ${what}.`),
    annotations: stringMap(`Annotations of ${what}.`),
  },
});

const CONTAINER = openObject(
  'A container (core/v1 Container).',
  { name: str('The container name.'), image: str('The image.') },
  ['name'],
);

const POD_TEMPLATE = openObject('The pod template (core/v1 PodTemplateSpec) of every run.', {
  metadata: objectMeta("the runs' pods"),
  spec: openObject(
    'The pod spec (core/v1 PodSpec).',
    {
      containers: arrayOf('The containers.', CONTAINER, { minItems: 1 }),
      initContainers: arrayOf('The init containers.', CONTAINER),
      restartPolicy: str('Never or OnFailure (Jobs refuse Always).'),
    },
    ['containers'],
  ),
});

/** batch/v1 JobSpec fields; the bounds are the API server's (negative values are refused). */
export const JOB_SPEC_SCHEMA: JsonSchema = openObject(
  'The JobSpec (batch/v1) of every run; fields of newer releases are kept as written.',
  {
    activeDeadlineSeconds: int64('How long a run may take before it is failed.', 0),
    backoffLimit: int32('How many failed pods a run tolerates.', 0),
    backoffLimitPerIndex: int32('Retries per index (Indexed runs).', 0),
    completionMode: str('NonIndexed or Indexed.'),
    completions: int32('How many pods must succeed.', 0),
    managedBy: str('The controller that manages the runs instead of the built-in Job controller.'),
    manualSelector: bool('Whether the selector is given by hand.'),
    maxFailedIndexes: int32('With backoffLimitPerIndex, how many indexes may fail.', 0),
    parallelism: int32('How many pods may run at once.', 0),
    podFailurePolicy: openObject('Which pod failures count (batch/v1 PodFailurePolicy).'),
    podReplacementPolicy: str('When failing pods are replaced: TerminatingOrFailed or Failed.'),
    selector: openObject('A label selector (meta/v1 LabelSelector).'),
    successPolicy: openObject('When an Indexed run succeeds early (batch/v1 SuccessPolicy).'),
    suspend: bool('Create each run suspended.'),
    template: POD_TEMPLATE,
    ttlSecondsAfterFinished: int32('How long a finished run is kept (history limits clean up otherwise).', 0),
  },
  ['template'],
);
