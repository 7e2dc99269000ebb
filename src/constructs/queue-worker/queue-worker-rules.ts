/**
 * The rules of a QueueWorkerJob's props: the queue connection, the containers beside it, and the
 * KEDA scaling (triggers, replica bounds, the container KEDA reads trigger parameters from).
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
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
  readonly containers: readonly any[];
  /** Where the pod template is in the manifest: `spec.template`, or `spec.jobTargetRef.template` with KEDA. */
  readonly templatePath: string;
  readonly keda?: KedaPlan;
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
        (c.env ?? []).flatMap((e: any, j: number) =>
          names.includes(e.name)
            ? [
                {
                  field: `${templatePath}.spec.containers[${i}].env[${j}]`,
                  message: `container "${c.name}" sets ${e.name} itself, which the queue connection sets from the Secret.`,
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
    id: 'keda-env-source-missing',
    origin: RuleOrigin.CONSTRUCT,
    constructs: QUEUE_WORKER,
    summary: 'An envSourceContainer that no container is named, or a trigger variable that container does not set.',
    check: ({ keda, queue, containers }) => {
      if (!keda) return [];
      // KEDA reads ...FromEnv parameters from one container's environment.
      const source =
        keda.envSourceContainer === undefined
          ? containers[0]
          : containers.find((c) => c.name === keda.envSourceContainer);
      if (keda.envSourceContainer !== undefined && !source)
        return [
          {
            field: 'keda.envSourceContainer',
            message: `no container is named "${keda.envSourceContainer}".`,
            fix: "name one of the pod's containers.",
          },
        ];
      if (!source) return [];
      const defined = new Set([...(queue?._names() ?? []), ...(source.env ?? []).map((e: any) => e.name)]);
      return keda.triggers.flatMap((t, i) =>
        t._envVariables
          .filter((name) => !defined.has(name))
          .map((name) => ({
            field: `keda.triggers[${i}]`,
            message: `${t._type}: KEDA reads ${name} from container "${source.name}", which does not set it.`,
            fix: `map ${name} in the QueueConnection, or set it on that container.`,
          })),
      );
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
