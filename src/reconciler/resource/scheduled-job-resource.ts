/**
 * The `ScheduledJob` custom resource (scheduling.cdk8s-batch.io/v1alpha1) as it travels over the
 * wire: the plan's spec and status (src/reconciler/plan/types.ts) with instants as RFC 3339
 * strings, plus the Job template the reconciler stamps Jobs from. The CRD schema, the constructs
 * that emit the resource, and the controller that converts it to and from plan data all use these
 * types, so they cannot drift apart.
 */
import { ScheduledJobSpec } from '../plan/types';
import { SCHEDULING_GROUP, SCHEDULING_VERSION } from './api-resources';

export const SCHEDULED_JOB_API_VERSION = `${SCHEDULING_GROUP}/${SCHEDULING_VERSION}`;
export const SCHEDULED_JOB_KIND = 'ScheduledJob';
export const SCHEDULED_JOB_PLURAL = 'scheduledjobs';
export const SCHEDULED_JOB_SINGULAR = 'scheduledjob';
/** `kubectl get sj` */
export const SCHEDULED_JOB_SHORT_NAMES: readonly string[] = ['sj'];

/** The upstream annotation carrying a run's scheduled time (RFC 3339 in the schedule's zone). */
export { SCHEDULED_TIMESTAMP_ANNOTATION } from '../../rules/support/cronjob-timing';
/** Label on every Job the reconciler creates: the ScheduledJob's name. */
export const SCHEDULED_JOB_NAME_LABEL = 'scheduling.cdk8s-batch.io/scheduled-job';
/** Label on every Job the reconciler creates: why it was created (Scheduled, Queued, RunNow, Backfill). */
export const RUN_KIND_LABEL = 'scheduling.cdk8s-batch.io/run-kind';
/**
 * Finalizer on every Job the reconciler creates, removed once the run is recorded in the
 * ScheduledJob's status: until then the Job cannot disappear (TTL, cleanup, a person), so its
 * name keeps working as the lock against starting the same run twice.
 */
export const RUN_RECORD_FINALIZER = 'scheduling.cdk8s-batch.io/run-record';

/** A backfill request as written in the resource. */
export interface BackfillRequestResource {
  /** RFC 3339 instant, inclusive. */
  readonly from: string;
  /** RFC 3339 instant, inclusive. */
  readonly to: string;
  /** @default 100 (at most 1000) */
  readonly maxRuns?: number;
}

/** The Job template: what a CronJob's `spec.jobTemplate` holds. */
export interface JobTemplateResource {
  readonly metadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  /** A batch/v1 JobSpec. */
  readonly spec: Record<string, unknown>;
}

/**
 * The spec: the plan's spec field for field, except the two requests whose instants travel as
 * RFC 3339 strings, plus the scheduled-time variable and the Job template.
 */
export interface ScheduledJobResourceSpec extends Omit<ScheduledJobSpec, 'runNowAt' | 'backfill'> {
  /** RFC 3339 instant: start one run for it (once per distinct value). */
  readonly runNowAt?: string;
  readonly backfill?: BackfillRequestResource;
  /** Name of an environment variable set in every container to the run's scheduled time (RFC 3339, UTC). @default none */
  readonly scheduledTimeEnv?: string;
  readonly jobTemplate: JobTemplateResource;
}

export interface ConditionResource {
  readonly type: string;
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
  /** RFC 3339 */
  readonly lastTransitionTime: string;
}

export interface ScheduledJobResourceStatus {
  /** Jobs believed to be running. */
  readonly active?: readonly { readonly name: string }[];
  /** `active.length`, for the printer column. */
  readonly activeCount?: number;
  readonly lastScheduleTime?: string;
  readonly lastSuccessfulTime?: string;
  /** The next scheduled time the controller aims at (printer column). */
  readonly nextScheduleTime?: string;
  readonly queue?: readonly string[];
  readonly consecutiveFailures?: number;
  readonly failureWatermark?: { readonly finishedAt: string; readonly jobName: string };
  readonly lastRunNowAt?: string;
  readonly backfill?: {
    readonly from: string;
    readonly to: string;
    readonly through?: string;
    readonly created: number;
    readonly complete: boolean;
    readonly truncated: boolean;
  };
  readonly conditions?: readonly ConditionResource[];
  /** metadata.generation of the spec this status reflects. */
  readonly observedGeneration?: number;
}

export interface ScheduledJobResource {
  readonly apiVersion: typeof SCHEDULED_JOB_API_VERSION;
  readonly kind: typeof SCHEDULED_JOB_KIND;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly spec: ScheduledJobResourceSpec;
  readonly status?: ScheduledJobResourceStatus;
}
