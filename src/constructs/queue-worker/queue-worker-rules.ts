/**
 * The rules of a QueueWorkerJob's props: the queue connection, the containers beside it, and the
 * KEDA scaling (triggers, replica bounds, the container KEDA reads trigger parameters from).
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
import { ContainerJson, fieldsOf, itemsOf, ManifestJson } from '../manifest-json';
import type { QueueConnection } from './queue-connection';
import type { QueueTrigger } from './queue-trigger';

/** The KEDA settings the rules judge: the props, with the replica ceiling after defaults and the polling interval in seconds. */
export interface KedaPlan {
  readonly triggers: readonly QueueTrigger[];
  readonly maxReplicaCount: number;
  readonly minReplicaCount?: number;
  readonly successfulJobsRetained?: number;
  readonly failedJobsRetained?: number;
  readonly pollingIntervalSeconds?: number;
  readonly envSourceContainer?: string;
}

/** What the queue worker rules judge. */
export interface QueueWorkerPlan {
  readonly queue?: QueueConnection;
  /** The pod's containers as rendered, before the queue connection is added. */
  readonly containers: readonly ContainerJson[];
  /** Where the pod template is in the manifest: `spec.template`, or `spec.jobTargetRef.template` with KEDA. */
  readonly templatePath: string;
  readonly keda?: KedaPlan;
  /** The emitted Job or ScaledJob (after every escape hatch), on which the wiring is checked. */
  readonly manifest: ManifestJson;
}

/**
 * The emitted pod template's containers (those that are objects keep their index). They are read
 * as found, after every escape hatch: each is taken apart with `fieldsOf`/`itemsOf`.
 */
function emittedContainers({ manifest, templatePath }: QueueWorkerPlan): readonly unknown[] {
  const template = templatePath.split('.').reduce((node: unknown, key) => fieldsOf(node)[key], manifest);
  return itemsOf(fieldsOf(fieldsOf(template).spec).containers);
}

const QUEUE_WORKER = ['QueueWorkerJob'];

export const QUEUE_WORKER_RULES: readonly ConstructRule<QueueWorkerPlan>[] = [
  {
    id: 'queue-connection-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary: 'A queue connection that maps no variables, or maps unusable variable names or Secret keys.',
    check: ({ queue }) => queue?._violations() ?? [],
  },
  {
    id: 'queue-worker-env-conflict',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary:
      "A container that sets a variable the queue connection sets, whose value would be replaced by the Secret's.",
    check: ({ queue, containers, templatePath }) => {
      if (!queue) return [];
      const names = queue._names();
      return containers.flatMap((c, i) =>
        (c.env ?? []).flatMap((e, j) =>
          names.includes(e.name)
            ? [
                {
                  field: `${templatePath}.spec.containers[${i}].env[${j}]`,
                  message: `container "${String(c.name)}" sets ${e.name} itself, which the queue connection sets from the Secret.`,
                  fix: 'remove it from the container, or map another name in the QueueConnection.',
                },
              ]
            : [],
        ),
      );
    },
  },
  {
    id: 'keda-trigger-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary: 'A ScaledJob without triggers, or a trigger with contradicting or empty settings or a bad authentication.',
    check: ({ keda }) => {
      if (!keda) return [];
      const violations: Violation[] = [];
      if (keda.triggers.length === 0)
        violations.push({
          field: 'keda.triggers',
          message: 'a ScaledJob without triggers never starts a Job.',
          fix: 'add a QueueTrigger for the queue the workers drain.',
        });
      keda.triggers.forEach((t, i) => violations.push(...t._violations(`keda.triggers[${i}]`)));
      return violations;
    },
  },
  {
    id: 'keda-scaling-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary: 'KEDA replica counts, history counts or a polling interval that are not whole numbers in range.',
    check: ({ keda }) => (keda ? scalingViolations(keda) : []),
  },
  {
    id: 'queue-connection-not-from-secret',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary:
      'An emitted worker container without a queue connection variable, or with one that no longer comes from its Secret key (a patch or later change replaced it).',
    check: (plan) => {
      if (!plan.queue) return [];
      const expected = plan.queue._env();
      return emittedContainers(plan).flatMap((container, i) => {
        const c = fieldsOf(container);
        const envPath = `${plan.templatePath}.spec.containers[${i}].env`;
        const env = itemsOf(c.env);
        return expected.flatMap((wanted): Violation[] => {
          const j = env.findIndex((e) => fieldsOf(e).name === wanted.name);
          const ref = wanted.valueFrom.secretKeyRef;
          const fromSecret = `from key "${ref.key}" of Secret "${ref.name}"`;
          if (j < 0)
            return [
              {
                field: envPath,
                message: `container "${String(c.name)}" lacks ${wanted.name}, which the queue connection sets ${fromSecret}.`,
                fix: 'remove the patch or change that dropped it; the construct adds the connection to every container.',
              },
            ];
          const got = fieldsOf(env[j]);
          const gotRef = fieldsOf(fieldsOf(got.valueFrom).secretKeyRef);
          const same = got.value === undefined && gotRef.name === ref.name && gotRef.key === ref.key;
          return same
            ? []
            : [
                {
                  field: `${envPath}[${j}]`,
                  message: `container "${String(c.name)}" sets ${wanted.name} otherwise than ${fromSecret}, as the queue connection does.`,
                  fix: 'remove the patch or change that replaced it; to use another Secret key, map it in the QueueConnection.',
                },
              ];
        });
      });
    },
  },
  {
    id: 'keda-env-source-missing',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary:
      "The emitted ScaledJob's envSourceContainerName names no container, or a trigger's ...FromEnv variable is not set on that container.",
    check: (plan) => {
      if (!plan.keda) return [];
      const spec = fieldsOf(plan.manifest.spec);
      const containers = emittedContainers(plan);
      // KEDA reads ...FromEnv parameters from one container's environment: the named one, or the first.
      const sourceName = spec.envSourceContainerName;
      const source = sourceName === undefined ? containers[0] : containers.find((c) => fieldsOf(c).name === sourceName);
      if (sourceName !== undefined && !source)
        return [
          {
            field: 'spec.envSourceContainerName',
            message: `no container is named "${String(spec.envSourceContainerName)}".`,
            fix: "name one of the pod's containers in keda.envSourceContainer.",
          },
        ];
      // Variables from envFrom have names only the referenced Secret or ConfigMap knows.
      if (!source || itemsOf(fieldsOf(source).envFrom).length > 0) return [];
      const sourceFields = fieldsOf(source);
      const defined = new Set(itemsOf(sourceFields.env).map((e) => fieldsOf(e).name));
      return itemsOf(spec.triggers).flatMap((trigger, i) => {
        const t = fieldsOf(trigger);
        return Object.entries(fieldsOf(t.metadata))
          .filter(
            (entry): entry is [string, string] =>
              entry[0].endsWith('FromEnv') && typeof entry[1] === 'string' && !defined.has(entry[1]),
          )
          .map(([key, name]) => ({
            field: `spec.triggers[${i}].metadata[${key}]`,
            message: `${String(t.type)}: KEDA reads ${name} from container "${String(sourceFields.name)}", which does not set it.`,
            fix: `map ${name} in the QueueConnection, or set it on that container.`,
          }));
      });
    },
  },
];

function scalingViolations(keda: KedaPlan): Violation[] {
  const violations: Violation[] = [];
  const max = keda.maxReplicaCount;
  if (!Number.isSafeInteger(max) || max < 1)
    violations.push({
      field: 'keda.maxReplicaCount',
      message: `${max} must be a whole number of at least 1.`,
      fix: 'set the most worker Jobs that may run at once.',
    });
  const min = keda.minReplicaCount;
  if (min !== undefined && (!Number.isSafeInteger(min) || min < 0 || min > max))
    violations.push({
      field: 'keda.minReplicaCount',
      message: `${min} must be a whole number from 0 to maxReplicaCount (${max}).`,
      fix: 'lower it, or raise maxReplicaCount.',
    });
  for (const [prop, value] of [
    ['successfulJobsRetained', keda.successfulJobsRetained],
    ['failedJobsRetained', keda.failedJobsRetained],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
      violations.push({
        field: `keda.${prop}`,
        message: `${value} must be a whole number of Jobs, 0 or more.`,
        fix: 'choose how many finished Jobs to keep.',
      });
  }
  const polling = keda.pollingIntervalSeconds;
  if (polling !== undefined && (!Number.isSafeInteger(polling) || polling < 1))
    violations.push({
      field: 'keda.pollingInterval',
      message: `${polling} s must be a whole number of seconds, at least 1.`,
      fix: 'use Duration.seconds(n).',
    });
  return violations;
}
