/**
 * The safe base Job: the whole batch/v1 Job surface, typed, with defaults that pass every rule,
 * validated at synth time against the same rules as `cdk8s-batch lint`.
 */
import { ApiObject, ApiObjectMetadata, Duration, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchApiObject } from './batch-api-object';
import { BatchPolicy } from './batch-policy';
import { BatchWorkload, BatchWorkloadProps } from './batch-workload';
import { DEFAULT_ACTIVE_DEADLINE_SECONDS } from './cron-job-deadlines';
import { standaloneJobForGitOps } from './gitops';
import { BatchJobSpec, CompletionMode, defaultBackoffLimit, JobSpecOptions, renderJobSpec } from './job-spec';
import { lazyValue } from './manifest-json';

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
  /**
   * How long the finished Job is kept, after defaults. Under a GitOps tool (BatchPolicy `gitOpsTool`)
   * the manifest leaves the default out: the tool would re-create the deleted Job.
   */
  public readonly ttlAfterFinished?: Duration;
  public readonly resourceType = 'jobs';
  protected readonly apiObject: ApiObject;
  private readonly options: ResolvedJobOptions;
  private readonly suspend?: boolean;

  public constructor(scope: Construct, id: string, props: JobProps = {}) {
    super(scope, id, props);
    this.options = resolveJobOptions(props);
    this.activeDeadline = this.options.activeDeadline;
    this.backoffLimit = this.options.backoffLimit;
    this.ttlAfterFinished = this.options.ttlAfterFinished;
    this.suspend = props.suspend;

    this.apiObject = new BatchApiObject(
      this,
      'Resource',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: withIndexedNameBudget(this, props),
        spec: lazyValue(() => this.renderSpec()),
      },
      (manifest) =>
        standaloneJobForGitOps(manifest, BatchPolicy.of(this).gitOpsTool, {
          defaultTtl: props.ttlAfterFinished === undefined,
          namedByConstruct: this._namesItself(),
        }),
    );
    this.placePods();
  }

  /**
   * Whether the Job's name is chosen by the construct itself (MigrationJob), so a GitOps tool's
   * content hash (BatchPolicy `gitOpsTool`) is not added to it.
   * @internal
   */
  protected _namesItself(): boolean {
    return false;
  }

  private renderSpec(): BatchJobSpec {
    return { ...renderJobSpec(this.options, this.suspend), template: this.renderPodTemplate() };
  }
}

/** Job options after the Job's defaults. */
export interface ResolvedJobOptions extends JobSpecOptions {
  readonly activeDeadline: Duration;
  readonly ttlAfterFinished: Duration;
}

/** The one place a standalone Job's own defaults are applied (a `JobTemplate`'s Jobs get the same). */
export function resolveJobOptions(props: JobSpecOptions): ResolvedJobOptions {
  return {
    ...props,
    activeDeadline: props.activeDeadline ?? Duration.seconds(DEFAULT_ACTIVE_DEADLINE_SECONDS),
    backoffLimit: defaultBackoffLimit(props),
    ttlAfterFinished: props.ttlAfterFinished ?? Duration.seconds(DEFAULT_JOB_TTL_SECONDS),
  };
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
