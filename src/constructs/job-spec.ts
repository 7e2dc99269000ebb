/**
 * The typed batch/v1 JobSpec surface shared by `Job` and `CronJob` (whose Jobs are built from the
 * same spec), and its rendering into the API server's shape. Defaults are not applied here: each
 * construct applies its own in one place and passes the result to `renderJobSpec`.
 */
import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { PodFailurePolicyRule, RenderedPodFailurePolicy, renderPodFailurePolicy } from './pod-failure-policy';
import { JsonFields } from './manifest-json';

/** How the Job counts completions. */
export enum CompletionMode {
  /** The Job is complete after `completions` pods succeed; the pods are interchangeable. */
  NON_INDEXED = 'NonIndexed',
  /** Each pod gets an index 0..completions-1 (`JOB_COMPLETION_INDEX`); each index must succeed once. */
  INDEXED = 'Indexed',
}

/** When the Job controller creates a replacement for a failing pod. */
export enum PodReplacementPolicy {
  /** As soon as the old pod starts terminating (two pods may briefly run side by side). */
  TERMINATING_OR_FAILED = 'TerminatingOrFailed',
  /** Only after the old pod has fully terminated (never two at once). */
  FAILED = 'Failed',
}

/** One rule of `spec.successPolicy` (Indexed Jobs): when it holds, the Job succeeds early. */
export interface SuccessPolicyRule {
  /**
   * Indexes that must all succeed, as intervals, e.g. `"0,2-5"`.
   * @default - any index counts
   */
  readonly succeededIndexes?: string;
  /**
   * How many of `succeededIndexes` (or of all indexes) must succeed.
   * @default - all of `succeededIndexes`
   */
  readonly succeededCount?: number;
}

/**
 * The Job fields (batch/v1 JobSpec without the pod template, which comes from the containers and
 * other pod props). Where a construct has a default, its props say which and why.
 */
export interface JobSpecOptions {
  /**
   * How long the Job may run, retries included, before it is failed (`activeDeadlineSeconds`).
   * @default - Job: Duration.hours(1), so a hung Job is stopped and its resources freed instead of
   * running for days (long batch work should say how long it needs). CronJob: the shorter of
   * 1 hour and the schedule's shortest interval, because with `Forbid` a run that outlives its
   * interval makes the next run be skipped without a trace.
   */
  readonly activeDeadline?: Duration;

  /**
   * How many failed pods the Job tolerates before it fails (`backoffLimit`).
   * @default 2, unless `backoffLimitPerIndex` is set (then the API server's default applies, so
   * the per-index limit, not a shared one, decides). Two retries ride out a flaky node or network
   * blip; more mostly repeat a real bug with growing back-off delays.
   */
  readonly backoffLimit?: number;

  /**
   * Retries per index for Indexed Jobs (`backoffLimitPerIndex`; alpha in Kubernetes 1.28, on by default from 1.29).
   * @default - no per-index limit: failures count against `backoffLimit`
   */
  readonly backoffLimitPerIndex?: number;

  /**
   * With `backoffLimitPerIndex`, how many indexes may fail before the whole Job fails (`maxFailedIndexes`).
   * @default - the Job runs every index however many fail
   */
  readonly maxFailedIndexes?: number;

  /**
   * How many pods must succeed (`completions`).
   * @default - 1 (the API server's default when `parallelism` is also unset)
   */
  readonly completions?: number;

  /**
   * How many pods may run at once (`parallelism`).
   * @default - 1 (the API server's default)
   */
  readonly parallelism?: number;

  /**
   * `NonIndexed` or `Indexed` (`completionMode`).
   * @default - NonIndexed (the API server's default)
   */
  readonly completionMode?: CompletionMode;

  /**
   * Rules deciding which pod failures count, fail the Job or index at once, or are ignored
   * (`podFailurePolicy`). Requires `restartPolicy: Never` (the default here).
   * @default - every failure counts against `backoffLimit`
   */
  readonly podFailurePolicy?: PodFailurePolicyRule[];

  /**
   * When failing pods are replaced (`podReplacementPolicy`; alpha in Kubernetes 1.28, on by default from 1.29).
   * @default - the API server's: `Failed` with a pod failure policy, `TerminatingOrFailed` otherwise
   */
  readonly podReplacementPolicy?: PodReplacementPolicy;

  /**
   * Rules that let an Indexed Job succeed before every index has (`successPolicy`; on by default from Kubernetes 1.31).
   * @default - the Job succeeds when every index has succeeded
   */
  readonly successPolicy?: SuccessPolicyRule[];

  /**
   * The controller that manages the Job instead of the built-in one (`managedBy`; alpha in Kubernetes 1.30, on by default from 1.32),
   * e.g. `kueue.x-k8s.io/multikueue`.
   * @default - the built-in Job controller
   */
  readonly managedBy?: string;

  /**
   * How long a finished Job (and its pods) is kept before it is deleted (`ttlSecondsAfterFinished`).
   * @default - Job: Duration.days(3), so finished Jobs do not pile up, yet a failure on Friday
   * evening can still be inspected (status, pod logs) on Monday. CronJob: none, because a TTL
   * deletes Jobs behind the history limits' back (kube-linter#963); the history limits clean up,
   * and the cleanup best-practice rule warns when a TTL is set on a CronJob.
   */
  readonly ttlAfterFinished?: Duration;
}

/** JobSpec fields newer than the L1 types bundled with cdk8s-plus-28 (Kubernetes 1.28). */
export interface BatchJobSpec extends Omit<k8s.JobSpec, 'podFailurePolicy' | 'template'> {
  /** The pod template, already in the API server's JSON (see BatchWorkload.renderPodTemplate). */
  readonly template?: JsonFields;
  readonly podFailurePolicy?: RenderedPodFailurePolicy;
  readonly managedBy?: string;
  readonly successPolicy?: { readonly rules: SuccessPolicyRule[] };
}

/**
 * Renders options (after the construct's defaults) into a JobSpec, without the pod template.
 * `suspend` is separate because a CronJob's own `suspend` means something else.
 */
export function renderJobSpec(options: JobSpecOptions, suspend: boolean | undefined): Omit<BatchJobSpec, 'template'> {
  return {
    activeDeadlineSeconds: options.activeDeadline?.toSeconds(),
    backoffLimit: options.backoffLimit,
    backoffLimitPerIndex: options.backoffLimitPerIndex,
    maxFailedIndexes: options.maxFailedIndexes,
    completions: options.completions,
    parallelism: options.parallelism,
    completionMode: options.completionMode,
    podFailurePolicy: options.podFailurePolicy && renderPodFailurePolicy(options.podFailurePolicy),
    podReplacementPolicy: options.podReplacementPolicy,
    successPolicy: options.successPolicy && {
      rules: options.successPolicy.map((r) => ({
        succeededIndexes: r.succeededIndexes,
        succeededCount: r.succeededCount,
      })),
    },
    suspend,
    managedBy: options.managedBy,
    ttlSecondsAfterFinished: options.ttlAfterFinished?.toSeconds(),
  };
}

/** The default `backoffLimit`: small, and left to the API server when a per-index limit is set. */
export const DEFAULT_BACKOFF_LIMIT = 2;

export function defaultBackoffLimit(options: JobSpecOptions): number | undefined {
  if (options.backoffLimit !== undefined) return options.backoffLimit;
  return options.backoffLimitPerIndex === undefined ? DEFAULT_BACKOFF_LIMIT : undefined;
}
