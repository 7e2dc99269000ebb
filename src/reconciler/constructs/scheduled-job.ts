/**
 * `ScheduledJob`: a CronJob's schedule and Jobs, run by the cdk8s-batch schedule reconciler
 * instead of the CronJob controller, with the policies the controller lacks (overlap buffers,
 * jitter, exclusion windows, several schedules, catch-up, pause after failures, daylight saving).
 *
 * It takes the same props as the safe `CronJob`, so swapping one for the other changes nothing
 * but the kind: the same defaults (`resolveCronJobProps`) and the same job template
 * (`renderCronJobTemplate`), byte for byte. The extensions are further props; none is written
 * unless set, so without them the reconciler behaves exactly like the CronJob controller.
 *
 * Validation at synth time (scheduled-job-validation.ts): the CronJob rules judge the ScheduledJob
 * as the CronJob it corresponds to, at the same field paths; the reconciler's own checks judge
 * the extension fields; and the Job of a run is checked as the reconciler will check it before
 * creating it. The reconciler must be running in the cluster (`ScheduleReconciler`).
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchApiObject } from '../../constructs/batch-api-object';
import { BatchWorkload } from '../../constructs/batch-workload';
import {
  CronJobProps,
  DEFAULT_TIME_ZONE,
  renderCronJobTemplate,
  ResolvedCronJobProps,
  resolveCronJobProps,
} from '../../constructs/cron-job';
import { defaultRunDeadlineSeconds, defaultStartingDeadlineSeconds } from '../../constructs/cron-job-deadlines';
import { everyIntervalSeconds } from '../../rules/support/cronjob-timing';
import { Schedule, scheduleOf } from '../../constructs/schedule';
import { Finding } from '../../rules/finding';
import { suppressionAnnotation } from '../../rules/policy';
import { ValidateOptions } from '../../rules/registry';
import { DstPolicy, OverlapPolicy } from '../plan/types';
import {
  JobTemplateResource,
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
  ScheduledJobResource,
  ScheduledJobResourceSpec,
} from '../resource/scheduled-job-resource';
import { CatchUp } from './catch-up';
import { ExclusionWindowProps, toExclusionWindow } from './exclusion-window';
import { defaultsIntervalSeconds } from './scheduled-job-intervals';
import { cronJobViewOf, OVERLAP_OF_CONCURRENCY, scheduledJobFindings } from './scheduled-job-validation';
import { lazyValue, ManifestJson, renderedLabels } from '../../constructs/manifest-json';

/**
 * Props of `ScheduledJob`: every `CronJob` prop, with the same defaults, plus the reconciler's
 * extensions. Two CronJob defaults take the extensions into account: with `additionalSchedules`
 * or `jitter`, `startingDeadline` and `activeDeadline` are derived from the shortest gap between
 * two runs of all the schedules, less the jitter, so that their guarantees still hold.
 * `concurrencyPolicy` is accepted for props shared with a CronJob (Allow, Forbid, Replace are
 * AllowAll, Skip, CancelOther); `overlapPolicy` says the same and more.
 */
export interface ScheduledJobProps extends CronJobProps {
  /**
   * What happens when a run is due while earlier runs are active (`overlapPolicy`).
   * @default - what `concurrencyPolicy` says, else OverlapPolicy.SKIP: the CronJob's Forbid default
   * (overlapping runs of one batch rarely end well; the default run deadline ends a hung run
   * before the next one is due). Always written: the resource's own default is AllowAll.
   */
  readonly overlapPolicy?: OverlapPolicy;

  /**
   * The queue bound of OverlapPolicy.BUFFER_ALL (`bufferLimit`, 1-100); with a full queue the oldest queued run is dropped.
   * @default - the reconciler's 10
   */
  readonly bufferLimit?: number;

  /**
   * Start each run up to this long after its scheduled time, by a stable per-run amount, so that
   * many scheduled jobs on one schedule do not start at once (`jitterSeconds`, whole seconds, at
   * most 24 hours, and less than the interval between runs). The Job name and the
   * scheduled-timestamp annotation keep the scheduled time.
   * @default - none: runs start on time
   */
  readonly jitter?: Duration;

  /**
   * Periods in the schedule's zone in which scheduled runs are dropped (`exclusions`).
   * @default - none
   */
  readonly exclusions?: ExclusionWindowProps[];

  /**
   * More schedules, read in the same `timeZone` (`schedules`); runs happen at the union of all
   * fire times, one run per instant. `H` items are resolved like `schedule`'s.
   * @default - none
   */
  readonly additionalSchedules?: (string | Schedule)[];

  /**
   * Which runs missed during downtime start once the reconciler looks again (`catchUpPolicy`,
   * `catchUpLimit`).
   * @default - the CronJob controller's behaviour: the most recent missed run starts if its
   * starting deadline allows; the default starting deadline keeps an outage from piling up the
   * 100 missed starts after which the controller only warns
   */
  readonly catchUp?: CatchUp;

  /**
   * Stop starting scheduled runs after this many consecutive failed runs (`pauseAfterFailures`,
   * 1-1000); a status condition `Paused` says why, and a successful run-now resumes.
   * @default - never pause
   */
  readonly pauseAfterFailures?: number;

  /**
   * A wall-clock time that happens twice when clocks fall back: run at both instants, or once (`dstPolicy`).
   * @default DstPolicy.KUBERNETES - what a CronJob does; not written unless set
   */
  readonly dstPolicy?: DstPolicy;

  /**
   * The name of an environment variable the reconciler sets in every container of every run to
   * the run's scheduled time (`scheduledTimeEnv`, RFC 3339 in UTC), e.g. `SCHEDULED_TIME`; a
   * container must not set it itself.
   * @default - none
   */
  readonly scheduledTimeEnv?: string;
}

export class ScheduledJob extends BatchWorkload {
  /** The schedule the reconciler receives (`H` resolved). */
  public readonly schedule: string;
  /** The additional schedules (`H` resolved). */
  public readonly additionalSchedules: string[];
  /** The time zone, after defaults. */
  public readonly timeZone: string;
  public readonly overlapPolicy: OverlapPolicy;
  /** The starting deadline, after defaults. */
  public readonly startingDeadline: Duration;
  /** Each run's deadline, after defaults. */
  public readonly activeDeadline: Duration;
  public readonly successfulJobsRetained: number;
  public readonly failedJobsRetained: number;
  public readonly resourceType = 'scheduledjobs';
  protected readonly apiObject: ApiObject;
  private readonly resolved: ResolvedCronJobProps;
  private readonly extensions: Partial<ScheduledJobResourceSpec>;
  /** Suppressions, also written on every run's Job (see suppressRule). */
  private readonly runSuppressions: { [key: string]: string } = {};
  /** The overlap props as given, which the rules check against each other. */
  private readonly overlapProps: Pick<ScheduledJobProps, 'overlapPolicy' | 'concurrencyPolicy'>;

  public constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id, props);
    // The one place the ScheduledJob's defaults are applied: the CronJob's, over deadlines that
    // account for the extra schedules and the jitter.
    const seed = this.node.path;
    this.additionalSchedules = (props.additionalSchedules ?? []).map((s) => scheduleOf(s).resolve(seed));
    const jitterSeconds = props.jitter?.toSeconds({ integral: false });
    this.resolved = resolveCronJobProps(
      { ...props, ...extensionDeadlines(props, seed, this.additionalSchedules, jitterSeconds) },
      seed,
    );
    this.schedule = this.resolved.schedule;
    this.timeZone = this.resolved.timeZone;
    this.startingDeadline = this.resolved.startingDeadline;
    this.activeDeadline = this.resolved.activeDeadline;
    this.successfulJobsRetained = this.resolved.successfulJobsRetained;
    this.failedJobsRetained = this.resolved.failedJobsRetained;
    const fromConcurrency =
      props.concurrencyPolicy === undefined ? undefined : OVERLAP_OF_CONCURRENCY[props.concurrencyPolicy];
    this.overlapPolicy = props.overlapPolicy ?? fromConcurrency ?? OverlapPolicy.SKIP;
    this.overlapProps = { overlapPolicy: props.overlapPolicy, concurrencyPolicy: props.concurrencyPolicy };
    this.extensions = {
      schedules: this.additionalSchedules.length > 0 ? this.additionalSchedules : undefined,
      bufferLimit: props.bufferLimit,
      jitterSeconds,
      exclusions: props.exclusions?.map(toExclusionWindow),
      catchUpPolicy: props.catchUp?.policy,
      catchUpLimit: props.catchUp?.limit,
      pauseAfterFailures: props.pauseAfterFailures,
      dstPolicy: props.dstPolicy,
      scheduledTimeEnv: props.scheduledTimeEnv,
    };

    this.apiObject = new BatchApiObject(this, 'Resource', {
      apiVersion: SCHEDULED_JOB_API_VERSION,
      kind: SCHEDULED_JOB_KIND,
      metadata: props.metadata,
      spec: lazyValue(() => this.renderSpec()),
    });
    this.placePods();
  }

  /**
   * Suppresses one best-practice rule, with the reason a reviewer will read: on the ScheduledJob
   * (for synth-time validation) and on every run's Job, so that `cdk8s-batch lint` of the Jobs
   * (for example those `cdk8s-batch reconcile --dry-run --output` writes) honours it too.
   */
  public suppressRule(ruleId: string, reason: string): void {
    super.suppressRule(ruleId, reason);
    this.runSuppressions[suppressionAnnotation(ruleId)] = reason;
  }

  /** The CronJob rules judge the ScheduledJob as the CronJob it corresponds to (same field paths). */
  protected validatedObject(manifest: unknown): unknown {
    return cronJobViewOf(renderedResource(manifest));
  }

  private renderSpec(): ScheduledJobResourceSpec {
    const r = this.resolved;
    const withSuppressions =
      Object.keys(this.runSuppressions).length > 0
        ? { ...r, jobAnnotations: { ...r.jobAnnotations, ...this.runSuppressions } }
        : r;
    return {
      schedule: r.schedule,
      timeZone: r.timeZone,
      startingDeadlineSeconds: r.startingDeadline.toSeconds(),
      overlapPolicy: this.overlapPolicy,
      suspend: r.suspend,
      successfulJobsHistoryLimit: r.successfulJobsRetained,
      failedJobsHistoryLimit: r.failedJobsRetained,
      ...this.extensions,
      jobTemplate: renderCronJobTemplate(
        withSuppressions,
        renderedLabels(this.metadata),
        this.renderPodTemplate(),
      ) as JobTemplateResource,
    };
  }

  /**
   * What only a ScheduledJob can get wrong, in the base validation's pass (the CronJob view is its batch object).
   * @internal
   */
  protected _manifestFindings(manifest: ManifestJson, options: ValidateOptions & { readonly now: number }): Finding[] {
    return scheduledJobFindings({ manifest: renderedResource(manifest), ...this.overlapProps }, options);
  }
}

/** A ScheduledJob's emitted manifest, which it rendered itself from a ScheduledJobResource. */
function renderedResource(manifest: unknown): ScheduledJobResource {
  return manifest as ScheduledJobResource;
}

/**
 * The deadlines with several schedules or a jitter, where the user gave none: the CronJob's
 * formulas over the union's shortest gap less the jitter. Without either, nothing: the CronJob's
 * own defaults apply unchanged.
 */
/** The longest `@every` interval among the schedules: a starting deadline under it would never let that one run. */
function longestEveryInterval(schedules: readonly string[], timeZone: string | undefined): number | undefined {
  const intervals = schedules.flatMap((s) => everyIntervalSeconds(s, timeZone ?? DEFAULT_TIME_ZONE) ?? []);
  return intervals.length > 0 ? Math.max(...intervals) : undefined;
}

function extensionDeadlines(
  props: ScheduledJobProps,
  seed: string,
  additional: readonly string[],
  jitterSeconds: number | undefined,
): Partial<CronJobProps> {
  if (additional.length === 0 && !jitterSeconds) return {};
  const schedules = [scheduleOf(props.schedule).resolve(seed), ...additional];
  const interval = defaultsIntervalSeconds(schedules, props.timeZone ?? DEFAULT_TIME_ZONE, jitterSeconds ?? 0);
  return {
    startingDeadline:
      props.startingDeadline ??
      Duration.seconds(defaultStartingDeadlineSeconds(interval, longestEveryInterval(schedules, props.timeZone))),
    activeDeadline: props.activeDeadline ?? Duration.seconds(defaultRunDeadlineSeconds(interval)),
  };
}
