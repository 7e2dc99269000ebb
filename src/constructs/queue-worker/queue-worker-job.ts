/**
 * QueueWorkerJob: workers that drain a work queue (the "coarse parallel processing using a work
 * queue" pattern of the Kubernetes Job docs): `parallelism` pods, no `completions`, each taking
 * items until the queue is empty.
 *
 * The worker contract: take an item, process it, acknowledge or delete it, repeat; exit 0 only
 * when the queue is empty (once any pod has succeeded, the Job controller starts no new pods and
 * the Job completes when the others finish); exit non-zero on a failure, so the pod is retried
 * within `backoffLimit`. An item being processed when a pod dies must return to the queue
 * (visibility timeout, unacknowledged delivery), because that pod's work is lost.
 *
 * Without KEDA the construct emits a batch/v1 Job. With `keda` it emits a KEDA ScaledJob
 * (keda.sh/v1alpha1) instead, and no standalone Job: KEDA creates Jobs from `jobTargetRef` as the
 * queue fills. Either way the JobSpec and the hardened pod come from the same rendering as the base
 * Job (job-spec.ts, BatchWorkload), and synth-time validation runs every rule on the Job that will
 * run: the Job itself, or the Job KEDA creates from the ScaledJob (scaled-job.ts).
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import type { IScaledJobSpec } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledJobSpec' with {
  'resolution-mode': 'import',
};
import type { ITriggerAuthenticationSpec } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthenticationSpec' with {
  'resolution-mode': 'import',
};
import { BatchApiObject } from '../batch-api-object';
import { BatchPolicy } from '../batch-policy';
import { BatchWorkload, BatchWorkloadProps } from '../batch-workload';
import { DEFAULT_SUCCESSFUL_JOBS_RETAINED } from '../cron-job';
import { DEFAULT_ACTIVE_DEADLINE_SECONDS } from '../cron-job-deadlines';
import { standaloneJobForGitOps } from '../gitops';
import { DEFAULT_JOB_TTL_SECONDS } from '../job';
import { BatchJobSpec, defaultBackoffLimit, JobSpecOptions, PodReplacementPolicy, renderJobSpec } from '../job-spec';
import { PodFailurePolicyRule, PodFailurePolicyRules } from '../pod-failure-policy';
import { plainCredentialFindings } from '../plain-credentials';
import { Finding } from '../../rules/finding';
import { RuleLevel } from '../../rules/policy';
import { validateBatchObject, ValidateOptions } from '../../rules/registry';
import { KUEUE_QUEUE_LABEL } from '../../rules/best-practice/kueue';
import { QueueConnection } from './queue-connection';
import { QueueTrigger } from './queue-trigger';
import { QUEUE_WORKER_RULES, QueueWorkerPlan } from './queue-worker-rules';
import { jobCreatedBy } from '../../rules/keda-scaled-job';
import { defaultScalingStrategy, ScalingStrategy } from './scaled-job';
import { lazyValue, ManifestJson, podTemplateOf } from '../manifest-json';

/** KEDA's polling interval, written out so the choice is visible. */
export const DEFAULT_POLLING_INTERVAL_SECONDS = 30;
/** At most this many worker Jobs at once unless raised (KEDA's own default is 100). */
export const DEFAULT_MAX_REPLICA_COUNT = 10;
/** Failed KEDA Jobs kept for inspection (KEDA's own default is 100). */
export const DEFAULT_FAILED_SCALED_JOBS_RETAINED = 5;

const KUEUE_RULE = 'kueue-job-missing-requests';

/** How KEDA starts worker Jobs from the queue's length. */
export interface KedaScaling {
  /** What to watch: at least one queue trigger. */
  readonly triggers: QueueTrigger[];

  /**
   * At most this many worker Jobs at once (`maxReplicaCount`).
   * @default 10 - KEDA's 100 lets one burst of messages start 100 pods, enough to exhaust a
   * namespace quota or the database's connection limit; raise it deliberately
   */
  readonly maxReplicaCount?: number;

  /**
   * Worker Jobs kept running even with an empty queue (`minReplicaCount`).
   * @default - KEDA's 0: no pods while there is no work
   */
  readonly minReplicaCount?: number;

  /**
   * How often KEDA checks the triggers (`pollingInterval`).
   * @default Duration.seconds(30) - KEDA's default, written out
   */
  readonly pollingInterval?: Duration;

  /**
   * Finished successful Jobs kept (`successfulJobsHistoryLimit`).
   * @default 3 - like our CronJob: enough to compare recent runs; KEDA's 100 keeps 100 finished
   * Jobs and pods per ScaledJob in etcd, in kube-state-metrics and in every `kubectl get pods`
   */
  readonly successfulJobsRetained?: number;

  /**
   * Finished failed Jobs kept (`failedJobsHistoryLimit`).
   * @default 5 - a few more than successes: five failures show whether one message keeps failing
   * (a poison message) or failures were one-offs, without KEDA's 100
   */
  readonly failedJobsRetained?: number;

  /**
   * How many Jobs KEDA creates per poll (`scalingStrategy.strategy`).
   * @default - ScalingStrategy.ACCURATE when every trigger counts only waiting messages (Redis
   * lists, RabbitMQ over AMQP), else ScalingStrategy.DEFAULT
   */
  readonly scalingStrategy?: ScalingStrategy;

  /**
   * The container whose environment KEDA reads `...FromEnv` parameters from (`envSourceContainerName`).
   * @default - the first container, as KEDA does
   */
  readonly envSourceContainer?: string;
}

export interface QueueWorkerJobProps extends BatchWorkloadProps {
  /**
   * The queue connection, as environment variables of every container taken from a Secret.
   * @default - none (e.g. SQS with a pod identity needs no stored credentials)
   */
  readonly queue?: QueueConnection;

  /**
   * Worker pods per Job (`parallelism`); no `completions` is set (the work-queue pattern).
   * @default 1 - the API server's default and the safe start (one consumer cannot overload the
   * queue's backend); with KEDA, scale by adding Jobs (`maxReplicaCount`) rather than pods per Job
   */
  readonly parallelism?: number;

  /**
   * How long one Job may run, retries included (`activeDeadlineSeconds`).
   * @default Duration.hours(1) - the base Job's: a worker stuck on a message is stopped
   */
  readonly activeDeadline?: Duration;

  /**
   * Failed pods a Job tolerates (`backoffLimit`).
   * @default 2 - the base Job's
   */
  readonly backoffLimit?: number;

  /**
   * Which failures count (`podFailurePolicy`).
   * @default - [PodFailurePolicyRules.ignoreDisruptions()]: an evicted worker's message returns to
   * the queue, so evictions and drains should not use up retries
   */
  readonly podFailurePolicy?: PodFailurePolicyRule[];

  /**
   * When failing pods are replaced (`podReplacementPolicy`, Kubernetes 1.29+).
   * @default - the API server's
   */
  readonly podReplacementPolicy?: PodReplacementPolicy;

  /**
   * How long a finished Job is kept (`ttlSecondsAfterFinished`).
   * @default - Duration.days(3) without KEDA (the base Job's); none with KEDA, whose history limits
   * clean up (a TTL would delete the history they keep)
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * Start worker Jobs from the queue's length with a KEDA ScaledJob instead of emitting one Job.
   * @default - no KEDA: one Job with `parallelism` workers
   */
  readonly keda?: KedaScaling;

  /**
   * Submit the Jobs to this Kueue LocalQueue (label `kueue.x-k8s.io/queue-name`). Kueue admits a
   * Job by its pods' requests, so every container must then request CPU and memory (from its own
   * props or the BatchPolicy's `containerResources`): a container without them is a synth error.
   * Kueue's webhook suspends the Job on creation and resumes it on admission, so the manifest
   * does not set `suspend`.
   * @default - no Kueue
   */
  readonly kueueQueue?: string;
}

export class QueueWorkerJob extends BatchWorkload {
  /** Worker pods per Job, after defaults. */
  public readonly parallelism: number;
  /** How long one Job may run, after defaults. */
  public readonly activeDeadline: Duration;
  /** KEDA's ceiling on concurrent worker Jobs, after defaults (undefined without KEDA). */
  public readonly maxReplicaCount?: number;
  public readonly resourceType = 'jobs';
  protected readonly apiObject: ApiObject;
  private readonly jobOptions: JobSpecOptions;
  private readonly queue?: QueueConnection;
  private readonly keda?: KedaScaling;
  private readonly kueueQueue?: string;
  private readonly authenticationNames = new Map<QueueTrigger, string>();

  public constructor(scope: Construct, id: string, props: QueueWorkerJobProps) {
    super(scope, id, props);
    // The one place QueueWorkerJob's defaults are applied.
    this.parallelism = props.parallelism ?? 1;
    this.activeDeadline = props.activeDeadline ?? Duration.seconds(DEFAULT_ACTIVE_DEADLINE_SECONDS);
    const ttl = props.ttlAfterFinished ?? (props.keda ? undefined : Duration.seconds(DEFAULT_JOB_TTL_SECONDS));
    this.jobOptions = {
      parallelism: this.parallelism,
      activeDeadline: this.activeDeadline,
      backoffLimit: defaultBackoffLimit(props),
      podFailurePolicy: props.podFailurePolicy ?? [PodFailurePolicyRules.ignoreDisruptions()],
      podReplacementPolicy: props.podReplacementPolicy,
      ttlAfterFinished: ttl,
    };
    this.queue = props.queue;
    this.keda = props.keda;
    this.kueueQueue = props.kueueQueue;
    this.maxReplicaCount = props.keda ? (props.keda.maxReplicaCount ?? DEFAULT_MAX_REPLICA_COUNT) : undefined;

    const metadata = {
      ...props.metadata,
      labels: {
        ...props.metadata?.labels,
        ...(props.kueueQueue !== undefined ? { [KUEUE_QUEUE_LABEL]: props.kueueQueue } : {}),
      },
    };
    this.apiObject = new BatchApiObject(
      this,
      'Resource',
      {
        apiVersion: props.keda ? 'keda.sh/v1alpha1' : 'batch/v1',
        kind: props.keda ? 'ScaledJob' : 'Job',
        metadata,
        spec: lazyValue(() => (this.keda ? this.renderScaledJobSpec(this.keda) : this.renderJobSpec())),
      },
      (manifest) =>
        // Without KEDA the worker is a standalone Job, which a GitOps tool would put back after its TTL.
        this.keda
          ? manifest
          : standaloneJobForGitOps(manifest, BatchPolicy.of(this).gitOpsTool, {
              defaultTtl: props.ttlAfterFinished === undefined,
              namedByConstruct: false,
            }),
    );
    this.placePods();
    this.createTriggerAuthentications();
    this._addConstructRules(QUEUE_WORKER_RULES, (manifest) => this.rulesInput(manifest));
  }

  /** With KEDA, validation checks the Job KEDA will create from the ScaledJob. */
  protected validatedObject(manifest: unknown): unknown {
    return this.keda ? jobCreatedBy(manifest) : manifest;
  }

  /** The pod template with the queue connection in every container. */
  protected renderPodTemplate(): { [field: string]: unknown } | undefined {
    const template = podTemplateOf(super.renderPodTemplate());
    if (!template || !this.queue) return template;
    const env = this.queue._env();
    const names = new Set(env.map((e) => e.name));
    const containers = (template.spec?.containers ?? []).map((c) => ({
      ...c,
      env: [...env, ...(c.env ?? []).filter((e) => !names.has(e.name))],
    }));
    return { ...template, spec: { ...template.spec, containers } };
  }

  private renderJobSpec(): BatchJobSpec {
    return { ...renderJobSpec(this.jobOptions, undefined), template: this.renderPodTemplate() };
  }

  private renderScaledJobSpec(keda: KedaScaling): IScaledJobSpec {
    return {
      // The same JobSpec and hardened pod the Job form emits.
      jobTargetRef: this.renderJobSpec() as IScaledJobSpec['jobTargetRef'],
      pollingInterval: (keda.pollingInterval ?? Duration.seconds(DEFAULT_POLLING_INTERVAL_SECONDS)).toSeconds({
        integral: false,
      }),
      successfulJobsHistoryLimit: keda.successfulJobsRetained ?? DEFAULT_SUCCESSFUL_JOBS_RETAINED,
      failedJobsHistoryLimit: keda.failedJobsRetained ?? DEFAULT_FAILED_SCALED_JOBS_RETAINED,
      maxReplicaCount: this.maxReplicaCount,
      minReplicaCount: keda.minReplicaCount,
      // KEDA's default rollout terminates running Jobs whenever the ScaledJob changes, losing the
      // messages they hold; gradual lets them finish and starts new Jobs from the new spec.
      rollout: { strategy: 'gradual' },
      scalingStrategy: { strategy: keda.scalingStrategy ?? defaultScalingStrategy(keda.triggers) },
      envSourceContainerName: keda.envSourceContainer,
      triggers: keda.triggers.map((t) => t._render(this.authenticationNames.get(t))),
    };
  }

  /** One TriggerAuthentication per distinct authentication the triggers use. */
  private createTriggerAuthentications(): void {
    const created = new Map<object, string>();
    for (const trigger of this.keda?.triggers ?? []) {
      const auth = trigger._authentication;
      if (!auth) continue;
      if (!created.has(auth)) {
        // Typed with KEDA's published schema here, in a private method, so the declarations stay free of it.
        const spec: ITriggerAuthenticationSpec = auth._spec();
        const object = new ApiObject(this, `TriggerAuthentication${created.size === 0 ? '' : created.size + 1}`, {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'TriggerAuthentication',
          spec,
        });
        created.set(auth, object.name);
      }
      this.authenticationNames.set(trigger, created.get(auth)!);
    }
  }

  /** What the queue worker rules judge, given the emitted manifest. */
  private rulesInput(manifest: ManifestJson): QueueWorkerPlan {
    const keda = this.keda;
    return {
      manifest,
      queue: this.queue,
      containers: podTemplateOf(super.renderPodTemplate())?.spec?.containers ?? [],
      templatePath: keda ? 'spec.jobTargetRef.template' : 'spec.template',
      keda: keda && {
        triggers: keda.triggers,
        maxReplicaCount: this.maxReplicaCount!,
        minReplicaCount: keda.minReplicaCount,
        successfulJobsRetained: keda.successfulJobsRetained,
        failedJobsRetained: keda.failedJobsRetained,
        pollingIntervalSeconds: keda.pollingInterval?.toSeconds({ integral: false }),
        envSourceContainer: keda.envSourceContainer,
      },
    };
  }

  /**
   * Kueue charges a queue by requests: a container without CPU and memory requests escapes the quota,
   * so it is an error here; so is a credential in plain text, where the connection comes from a Secret.
   * @internal
   */
  protected _manifestFindings(manifest: ManifestJson, options: ValidateOptions & { readonly now: number }): Finding[] {
    const job = this.validatedObject(manifest);
    const kueue =
      this.kueueQueue === undefined
        ? []
        : validateBatchObject(job, { ...options, policy: { rules: { [KUEUE_RULE]: RuleLevel.ERROR } } }).filter(
            (f) => f.rule === KUEUE_RULE,
          );
    return [...kueue, ...plainCredentialFindings(job, options)];
  }
}
