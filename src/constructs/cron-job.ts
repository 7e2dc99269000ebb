/**
 * The safe base CronJob: the whole batch/v1 CronJob surface (and the JobSpec of the Jobs it
 * creates), typed, with defaults derived from the schedule that pass every rule, validated at
 * synth time against the same rules as `cdk8s-batch lint`.
 */
import { ApiObject, Duration } from 'cdk8s';
import { ConcurrencyPolicy, k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BatchApiObject } from './batch-api-object';
import { BatchWorkload, BatchWorkloadProps } from './batch-workload';
import {
  defaultRunDeadlineSeconds,
  defaultStartingDeadlineSeconds,
  shortestIntervalSeconds,
} from './cron-job-deadlines';
import { everyIntervalSeconds } from '../rules/support/cronjob-timing';
import { BatchJobSpec, defaultBackoffLimit, JobSpecOptions, renderJobSpec } from './job-spec';
import { Schedule, scheduleOf } from './schedule';
import { JsonFields, lazyValue, renderedLabels } from './manifest-json';

/** The default time zone: explicit UTC rather than the controller manager's local zone. */
export const DEFAULT_TIME_ZONE = 'Etc/UTC';
/** Default history limits: enough finished Jobs (and their pod logs) to compare recent runs. */
export const DEFAULT_SUCCESSFUL_JOBS_RETAINED = 3;
export const DEFAULT_FAILED_JOBS_RETAINED = 3;

/**
 * Props of `CronJob`: the pod props, the JobSpec fields of the Jobs it creates (`activeDeadline` and
 * `ttlAfterFinished` say the CronJob's defaults) and the CronJob's own fields.
 */
export interface CronJobProps extends BatchWorkloadProps, JobSpecOptions {
  /**
   * When to run: a cron string (`"0 3 * * *"`, `"@daily"`) or a `Schedule` builder. Jenkins-style
   * `H` items (`"H H * * *"`, `"H/15 * * * *"`) are resolved with this construct's path as the
   * seed: stable across synths, spread across CronJobs.
   */
  readonly schedule: string | Schedule;

  /**
   * The IANA time zone the schedule is read in (`timeZone`).
   * @default "Etc/UTC" - without it the controller manager's local zone applies, which differs
   * between clusters and is invisible in the manifest
   */
  readonly timeZone?: string;

  /**
   * What to do when a run is due while the previous one still runs (`concurrencyPolicy`).
   * @default ConcurrencyPolicy.FORBID - overlapping runs of the same batch rarely end well; the
   * default run deadline (one interval at most) keeps a hung run from blocking the next
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;

  /**
   * How late a missed run may still start (`startingDeadlineSeconds`).
   * @default - half the schedule's shortest interval, at least 60 s and at most 1 hour: never the
   * marginal 10 s (a busy or restarting controller manager starts runs later than that), never so
   * long that an outage piles up the 100 missed starts at which the controller records a
   * TooManyMissedTimes warning, and never starting a daily run hours late (see cron-job-deadlines.ts)
   */
  readonly startingDeadline?: Duration;

  /**
   * Stop creating Jobs (`suspend`); running Jobs are not affected.
   * @default false
   */
  readonly suspend?: boolean;

  /**
   * Create each Job suspended (`jobTemplate.spec.suspend`), e.g. for Kueue to admit.
   * @default false
   */
  readonly suspendJobs?: boolean;

  /**
   * How many successful Jobs to keep (`successfulJobsHistoryLimit`).
   * @default 3 - enough to compare recent runs; finished Jobs are cleaned up by these limits, not a TTL
   */
  readonly successfulJobsRetained?: number;

  /**
   * How many failed Jobs to keep (`failedJobsHistoryLimit`).
   * @default 3 - more than the API server's 1, so a flaky failure can be told from a persistent one
   */
  readonly failedJobsRetained?: number;

  /**
   * Labels of the Jobs the CronJob creates (`jobTemplate.metadata.labels`), merged over the default.
   * @default - the CronJob's own labels (chart labels included), so selectors and cost reports that
   * find the CronJob also find its Jobs
   */
  readonly jobLabels?: { [key: string]: string };

  /**
   * Annotations of the Jobs the CronJob creates (`jobTemplate.metadata.annotations`).
   * @default - none
   */
  readonly jobAnnotations?: { [key: string]: string };
}

/** A Job template: the Jobs' metadata and their JobSpec (with the pod template). */
export interface CronJobTemplate {
  readonly metadata?: k8s.ObjectMeta;
  readonly spec: BatchJobSpec;
}

/** CronJobSpec with the JobSpec fields newer than the bundled 1.28 L1 types. */
interface BatchCronJobSpec extends Omit<k8s.CronJobSpec, 'jobTemplate'> {
  readonly jobTemplate: CronJobTemplate;
}

/**
 * A CronJob's props after its defaults. The CronJob applies them here, in one place; constructs
 * that run the same Jobs through another kind (the schedule reconciler's ScheduledJob) apply the
 * same defaults by calling the same function.
 */
export interface ResolvedCronJobProps {
  /** The schedule Kubernetes receives (`H` resolved). */
  readonly schedule: string;
  readonly timeZone: string;
  readonly concurrencyPolicy: ConcurrencyPolicy;
  readonly startingDeadline: Duration;
  /** Each run's deadline. */
  readonly activeDeadline: Duration;
  readonly successfulJobsRetained: number;
  readonly failedJobsRetained: number;
  readonly suspend?: boolean;
  readonly suspendJobs?: boolean;
  /** The JobSpec options with the Job defaults applied. */
  readonly jobOptions: JobSpecOptions;
  readonly jobLabels: { [key: string]: string };
  readonly jobAnnotations?: { [key: string]: string };
}

/** Applies the CronJob's defaults; `seed` resolves `H` in the schedule (the construct path). */
export function resolveCronJobProps(props: CronJobProps, seed: string): ResolvedCronJobProps {
  const schedule = scheduleOf(props.schedule).resolve(seed);
  const timeZone = props.timeZone ?? DEFAULT_TIME_ZONE;
  const shortest = shortestIntervalSeconds(schedule, timeZone);
  const activeDeadline = props.activeDeadline ?? Duration.seconds(defaultRunDeadlineSeconds(shortest));
  return {
    schedule,
    timeZone,
    concurrencyPolicy: props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
    startingDeadline:
      props.startingDeadline ??
      Duration.seconds(defaultStartingDeadlineSeconds(shortest, everyIntervalSeconds(schedule, timeZone))),
    activeDeadline,
    successfulJobsRetained: props.successfulJobsRetained ?? DEFAULT_SUCCESSFUL_JOBS_RETAINED,
    failedJobsRetained: props.failedJobsRetained ?? DEFAULT_FAILED_JOBS_RETAINED,
    suspend: props.suspend,
    suspendJobs: props.suspendJobs,
    jobOptions: { ...props, activeDeadline, backoffLimit: defaultBackoffLimit(props) },
    jobLabels: props.jobLabels ?? {},
    jobAnnotations: props.jobAnnotations,
  };
}

/**
 * The Job template of `resolved`: the JobSpec, the pod template (already rendered), and the Jobs'
 * labels (the owner's own labels under `jobLabels`) and annotations.
 */
export function renderCronJobTemplate(
  resolved: ResolvedCronJobProps,
  ownerLabels: { [key: string]: string } | undefined,
  podTemplate: JsonFields | undefined,
): CronJobTemplate {
  const labels = { ...ownerLabels, ...resolved.jobLabels };
  const metadata = {
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    annotations: resolved.jobAnnotations,
  };
  return {
    metadata: metadata.labels || metadata.annotations ? metadata : undefined,
    spec: { ...renderJobSpec(resolved.jobOptions, resolved.suspendJobs), template: podTemplate },
  };
}

export class CronJob extends BatchWorkload {
  /** The schedule Kubernetes receives (`H` resolved). */
  public readonly schedule: string;
  /** The time zone, after defaults. */
  public readonly timeZone: string;
  public readonly concurrencyPolicy: ConcurrencyPolicy;
  /** The starting deadline, after defaults. */
  public readonly startingDeadline: Duration;
  /** Each run's deadline, after defaults. */
  public readonly activeDeadline: Duration;
  public readonly successfulJobsRetained: number;
  public readonly failedJobsRetained: number;
  public readonly resourceType = 'cronjobs';
  protected readonly apiObject: ApiObject;
  private readonly resolved: ResolvedCronJobProps;

  public constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props);
    this.resolved = resolveCronJobProps(props, this.node.path);
    this.schedule = this.resolved.schedule;
    this.timeZone = this.resolved.timeZone;
    this.concurrencyPolicy = this.resolved.concurrencyPolicy;
    this.startingDeadline = this.resolved.startingDeadline;
    this.activeDeadline = this.resolved.activeDeadline;
    this.successfulJobsRetained = this.resolved.successfulJobsRetained;
    this.failedJobsRetained = this.resolved.failedJobsRetained;

    this.apiObject = new BatchApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: props.metadata,
      spec: lazyValue(() => this.renderSpec()),
    });
    this.placePods();
  }

  private renderSpec(): BatchCronJobSpec {
    const r = this.resolved;
    return {
      schedule: r.schedule,
      timeZone: r.timeZone,
      concurrencyPolicy: r.concurrencyPolicy,
      startingDeadlineSeconds: r.startingDeadline.toSeconds(),
      suspend: r.suspend,
      successfulJobsHistoryLimit: r.successfulJobsRetained,
      failedJobsHistoryLimit: r.failedJobsRetained,
      jobTemplate: renderCronJobTemplate(r, renderedLabels(this.metadata), this.renderPodTemplate()),
    };
  }
}
