/**
 * The safe base Job: the whole batch/v1 Job surface, typed, with defaults that pass every rule,
 * validated at synth time against the same rules as `cdk8s-batch lint`.
 */
import { ApiObject, ApiObjectMetadata, Duration, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchApiObject } from './batch-api-object';
import { BatchWorkload, BatchWorkloadProps } from './batch-workload';
import { DEFAULT_ACTIVE_DEADLINE_SECONDS } from './cron-job-deadlines';
import { BatchJobSpec, CompletionMode, defaultBackoffLimit, JobSpecOptions, renderJobSpec } from './job-spec';

/** The default TTL of a finished standalone Job. */
export const DEFAULT_JOB_TTL_SECONDS = 3 * 86_400;

/** Props of `Job`: the pod props, the JobSpec fields (`activeDeadline` and `ttlAfterFinished` say the Job's defaults) and `suspend`. */
export interface JobProps extends BatchWorkloadProps, JobSpecOptions {
  /**
   * Create the Job suspended: no pods start until it is resumed (e.g. by Kueue on admission).
   * @default false
   */
  readonly suspend?: boolean;
}

export class Job extends BatchWorkload {
  /** How long the Job may run, after defaults. */
  public readonly activeDeadline: Duration;
  /** How many failed pods the Job tolerates, after defaults (undefined: the API server's default). */
  public readonly backoffLimit?: number;
  /** How long the finished Job is kept, after defaults. */
  public readonly ttlAfterFinished?: Duration;
  public readonly resourceType = 'jobs';
  protected readonly apiObject: ApiObject;
  private readonly options: JobSpecOptions;
  private readonly suspend?: boolean;

  public constructor(scope: Construct, id: string, props: JobProps = {}) {
    super(scope, id, props);
    // The one place the Job's own defaults are applied.
    this.activeDeadline = props.activeDeadline ?? Duration.seconds(DEFAULT_ACTIVE_DEADLINE_SECONDS);
    this.backoffLimit = defaultBackoffLimit(props);
    this.ttlAfterFinished = props.ttlAfterFinished ?? Duration.seconds(DEFAULT_JOB_TTL_SECONDS);
    this.options = {
      ...props,
      activeDeadline: this.activeDeadline,
      backoffLimit: this.backoffLimit,
      ttlAfterFinished: this.ttlAfterFinished,
    };
    this.suspend = props.suspend;

    this.apiObject = new BatchApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: withIndexedNameBudget(this, props),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.placePods();
  }

  private renderSpec(): BatchJobSpec {
    return { ...renderJobSpec(this.options, this.suspend), template: this.renderPodTemplate() };
  }
}

/**
 * The metadata, with a generated name short enough for an Indexed Job when none is given: its pods
 * are named (and get hostnames) `<job>-<index>`, which must stay a 63-character DNS label. Other
 * Jobs, and explicit names, are left to cdk8s and the rules.
 */
function withIndexedNameBudget(job: Construct, props: JobProps): ApiObjectMetadata | undefined {
  if (props.metadata?.name !== undefined) return props.metadata;
  if (props.completionMode !== CompletionMode.INDEXED || !props.completions || props.completions < 1)
    return props.metadata;
  const suffix = `-${props.completions - 1}`.length;
  return { ...props.metadata, name: Names.toDnsLabel(job, { maxLen: 63 - suffix }) };
}
