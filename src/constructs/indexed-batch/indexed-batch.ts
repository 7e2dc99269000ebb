/**
 * IndexedBatch: a fixed amount of work split into `completions` chunks, one Indexed Job pod per
 * chunk, `parallelism` at a time (the "static work assignment" pattern of the Kubernetes Job docs).
 * It is a base `Job` with Indexed completion mode, so its pod is hardened, its manifest validated
 * and its policy applied like any Job; on top it gives every container the chunk count, an optional
 * work assignment (work-items.ts), per-index retries and pod failure policy presets
 * (failure-policy.ts).
 */
import { Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parseKubernetesVersion } from '../../rules/kubernetes-version';
import { BatchPolicy } from '../batch-policy';
import { BatchWorkloadProps } from '../batch-workload';
import { Job, JobProps } from '../job';
import { CompletionMode, PodReplacementPolicy, SuccessPolicyRule } from '../job-spec';
import { IndexFailurePolicy } from './failure-policy';
import { IndexEnvironment, withIndexEnvironment } from './index-environment';
import { INDEXED_BATCH_RULES } from './indexed-batch-rules';
import { contentHash, WorkItems, workListData } from './work-items';
import { podTemplateOf } from '../manifest-json';

/** Default ceiling on pods at once: a large batch should not flood the cluster or the services it calls. */
export const DEFAULT_MAX_PARALLELISM = 10;
export const DEFAULT_TOTAL_COUNT_VARIABLE = 'TOTAL_CHUNKS';

export interface IndexedBatchProps extends BatchWorkloadProps {
  /**
   * How many chunks (indexes 0 to completions-1) the work is split into; each must succeed once
   * (`completions`). A generated Job name is shortened so the last pod's hostname,
   * `<name>-<completions-1>`, stays a 63-character DNS label; an explicit `metadata.name` that is
   * too long is reported (`job-indexed-pod-hostname-invalid`).
   */
  readonly completions: number;

  /**
   * How many chunks run at once (`parallelism`).
   * @default - completions, but at most 10: a large batch should not start thousands of pods at
   * once, or overload the database or API its pods call; raise it deliberately
   */
  readonly parallelism?: number;

  /**
   * Retries per chunk (`backoffLimitPerIndex`): a failing chunk is retried this many times, then
   * marked failed while the other chunks go on. Needs Kubernetes 1.29 or later (alpha and off by
   * default in 1.28; the default target, 1.35, has it): for an older target synth reports
   * `field-unavailable-in-version`.
   * @default - no per-chunk limit: every failure counts against the Job's shared `backoffLimit`
   */
  readonly retriesPerIndex?: number;

  /**
   * With `retriesPerIndex`, how many chunks may fail before the whole Job is failed
   * (`maxFailedIndexes`, Kubernetes 1.29 or later).
   * @default - the Job runs every chunk however many fail, and fails at the end if any did
   */
  readonly maxFailedIndexes?: number;

  /**
   * Failed pods the whole Job tolerates (`backoffLimit`).
   * @default - the base Job's: 2, or the API server's when `retriesPerIndex` is set
   */
  readonly backoffLimit?: number;

  /**
   * Which failures are ignored, fail at once or are retried (`podFailurePolicy`), e.g.
   * `IndexFailurePolicy.standard().failOnBadInput([2])`.
   * @default IndexFailurePolicy.standard() - evictions, preemptions and node drains do not use up
   * retries: the pod was healthy, the cluster took it away (`activeDeadline` still bounds the Job)
   */
  readonly failurePolicy?: IndexFailurePolicy;

  /**
   * The environment variable every container gets with the number of chunks.
   * @default "TOTAL_CHUNKS"
   */
  readonly totalCountVariable?: string;

  /**
   * Which items each chunk processes: `WorkItems.list([...])` (a ConfigMap with one file per
   * index) or `WorkItems.range(n)` (slice bounds as environment variables).
   * @default - none: each pod works out its share from `JOB_COMPLETION_INDEX` and the chunk count
   */
  readonly workItems?: WorkItems;

  /**
   * How long the whole batch may run, retries included (`activeDeadlineSeconds`).
   * @default Duration.hours(1) - the base Job's; a long batch should say how long it needs
   */
  readonly activeDeadline?: Duration;

  /**
   * How long the finished Job is kept (`ttlSecondsAfterFinished`).
   * @default Duration.days(3) - the base Job's: long enough to inspect a failure after a weekend
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * Rules that let the batch succeed before every chunk has (`successPolicy`, Kubernetes 1.31+).
   * @default - the batch succeeds when every chunk has succeeded
   */
  readonly successPolicy?: SuccessPolicyRule[];

  /**
   * When failing pods are replaced (`podReplacementPolicy`, Kubernetes 1.29+).
   * @default - the API server's: `Failed`, because a pod failure policy is set
   */
  readonly podReplacementPolicy?: PodReplacementPolicy;

  /**
   * Create the Job suspended (e.g. for Kueue to admit).
   * @default false
   */
  readonly suspend?: boolean;
}

export class IndexedBatch extends Job {
  /** The number of chunks. */
  public readonly completions: number;
  /** How many chunks run at once, after defaults. */
  public readonly parallelism: number;
  /** The environment variable with the number of chunks, after defaults. */
  public readonly totalCountVariable: string;
  private readonly indexEnvironment: IndexEnvironment;
  private readonly failurePolicy: IndexFailurePolicy;
  private readonly workItems?: WorkItems;
  private readonly perIndexProps: string[];

  public constructor(scope: Construct, id: string, props: IndexedBatchProps) {
    // The one place IndexedBatch's own defaults are applied; the base Job applies the rest.
    const failurePolicy = props.failurePolicy ?? IndexFailurePolicy.standard();
    const parallelism = props.parallelism ?? Math.max(1, Math.min(props.completions, DEFAULT_MAX_PARALLELISM));
    const rules = failurePolicy._rules(props.retriesPerIndex !== undefined);
    const jobProps: JobProps = {
      ...props,
      completionMode: CompletionMode.INDEXED,
      completions: props.completions,
      parallelism,
      backoffLimitPerIndex: props.retriesPerIndex,
      podFailurePolicy: rules.length > 0 ? rules : undefined,
    };
    super(scope, id, jobProps);
    this.completions = props.completions;
    this.parallelism = parallelism;
    this.totalCountVariable = props.totalCountVariable ?? DEFAULT_TOTAL_COUNT_VARIABLE;
    this.failurePolicy = failurePolicy;
    this.workItems = props.workItems;
    this.perIndexProps = (['retriesPerIndex', 'maxFailedIndexes'] as const).filter((p) => props[p] !== undefined);

    let listConfigMap: string | undefined;
    const list = props.workItems?._list;
    if (list) {
      const data = workListData(list, props.completions);
      listConfigMap = `${Names.toDnsLabel(this, { maxLen: 52 })}-${contentHash(data)}`;
      // Named by its content and immutable: a changed list is a new ConfigMap, never an edit
      // under pods that are still reading the old one.
      new kplus.ConfigMap(this, 'WorkItems', { metadata: { name: listConfigMap }, data, immutable: true });
    }
    this.indexEnvironment = {
      completions: props.completions,
      totalVariable: this.totalCountVariable,
      list,
      listConfigMap,
      range: props.workItems?._range,
    };
    this._addConstructRules(INDEXED_BATCH_RULES, () => ({
      completions: this.completions,
      totalCountVariable: this.totalCountVariable,
      failurePolicy: this.failurePolicy,
      perIndexProps: this.perIndexProps,
      version: parseKubernetesVersion(BatchPolicy.of(this).kubernetesVersion),
      workItems: this.workItems,
      template: podTemplateOf(super.renderPodTemplate()),
      indexEnvironment: this.indexEnvironment,
    }));
  }

  protected renderPodTemplate(): { [field: string]: unknown } | undefined {
    const template = podTemplateOf(super.renderPodTemplate());
    return template && withIndexEnvironment(template, this.indexEnvironment).template;
  }
}
