/**
 * The reconcile plan's data: what one sync of one scheduled job reads (the object's spec, its
 * status, the Jobs it owns, the clock) and what it decides (Jobs to create and delete, the new
 * status, when to look again). Plain data only: instants are milliseconds since the epoch, Jobs
 * are referred to by name (all in the scheduled job's namespace).
 *
 * With none of the extension fields set (everything below "Extensions"), the plan is the
 * upstream CronJob controller v2, decision for decision.
 */

/** What happens when a run is due while earlier runs are still going. */
export enum OverlapPolicy {
  /** Start it anyway (CronJob `Allow`). */
  ALLOW_ALL = 'AllowAll',
  /** Do not start it while any run is active (CronJob `Forbid`). */
  SKIP = 'Skip',
  /** Delete the active runs, then start it (CronJob `Replace`). */
  CANCEL_OTHER = 'CancelOther',
  /** Keep it in a queue of one and start it as soon as nothing is active. */
  BUFFER_ONE = 'BufferOne',
  /** Keep it in a bounded queue (`bufferLimit`); queued runs start one at a time, oldest first. */
  BUFFER_ALL = 'BufferAll',
}

/** How many runs missed during downtime are started once the reconciler looks again. */
export enum CatchUpPolicy {
  /** None: only a run that is on time (its start at most a minute ago) starts. */
  NONE = 'None',
  /** The most recent due run starts; older missed runs are dropped. */
  LATEST = 'Latest',
  /** The `catchUpLimit` most recent due runs start, oldest first. */
  UP_TO = 'UpTo',
}

/** What to do with a wall-clock time that happens twice when clocks fall back. */
export enum DstPolicy {
  /** Run at both instants, like Kubernetes. */
  KUBERNETES = 'Kubernetes',
  /** Run at the first instant only. */
  ONCE = 'Once',
}

/**
 * A period in the schedule's zone during which scheduled runs do not start (a change freeze,
 * holidays, office hours). Every condition given must hold (they are ANDed); a window needs at
 * least one. Runs excluded by any window are dropped from the schedule, not postponed.
 */
export interface ExclusionWindow {
  /** A label shown when a run is skipped. @default "exclusions[i]" */
  readonly name?: string;
  /**
   * Local dates: `YYYY-MM-DD` (one day), `MM-DD` (that day every year), or an inclusive range
   * `A..B` of either form (`12-24..01-02` wraps over the new year).
   * @default any date
   */
  readonly dates?: readonly string[];
  /** Local weekdays: `Mon`, ranges such as `Mon-Fri` or `Fri-Mon` (three-letter names, any case, or 0-6 with 0 = Sunday). @default any weekday */
  readonly weekdays?: readonly string[];
  /** A local time-of-day range `HH:MM-HH:MM` (or `HH-HH`), start inclusive, end exclusive, wrapping past midnight when the end is not after the start. @default all day */
  readonly hours?: string;
  /** Local date-time `YYYY-MM-DDTHH:MM[:SS]` (or an RFC 3339 instant) from which the window applies, inclusive. @default the beginning of time */
  readonly from?: string;
  /** Local date-time `YYYY-MM-DDTHH:MM[:SS]` (or an RFC 3339 instant) at which the window ends, exclusive. @default no end */
  readonly until?: string;
}

/** A one-off request to replay the schedule over a past range. */
export interface BackfillRequest {
  /** First instant of the range, inclusive (ms since the epoch). */
  readonly from: number;
  /** Last instant of the range, inclusive (ms since the epoch); runs after `now` are never backfilled. */
  readonly to: number;
  /** At most this many runs are created for the request. @default 100 (at most 1000) */
  readonly maxRuns?: number;
}

/** A problem with one spec field; the path is relative to the spec, e.g. `exclusions[0].hours`. */
export interface SpecProblem {
  readonly field: string;
  readonly message: string;
}

/** The scheduled job's desired state: the CronJob spec fields the controller reads, plus the extensions. */
export interface ScheduledJobSpec {
  /** The cron schedule (robfig/cron v3 as Kubernetes parses it). May be empty when `schedules` is given. */
  readonly schedule: string;
  /** IANA zone for the schedule. @default the controller's zone (UTC) */
  readonly timeZone?: string;
  /** Runs whose (jittered) start is more than this many seconds ago are not started. @default no deadline */
  readonly startingDeadlineSeconds?: number;
  /** @default OverlapPolicy.ALLOW_ALL (CronJob `Allow`) */
  readonly overlapPolicy?: OverlapPolicy;
  /** @default false */
  readonly suspend?: boolean;
  /** Finished successful Jobs kept; undefined keeps all (the API defaults it to 3). @default no limit */
  readonly successfulJobsHistoryLimit?: number;
  /** Finished failed Jobs kept; undefined keeps all (the API defaults it to 1). @default no limit */
  readonly failedJobsHistoryLimit?: number;

  // Extensions. None set means upstream behaviour.

  /** More schedules; runs happen at the union of all fire times, one run per instant. @default none */
  readonly schedules?: readonly string[];
  /** Queue bound for OverlapPolicy.BUFFER_ALL (1-100). @default 10 */
  readonly bufferLimit?: number;
  /** Each run starts up to this many seconds late, by a stable per-run amount. @default 0 */
  readonly jitterSeconds?: number;
  /** Periods in which scheduled runs are dropped. @default none */
  readonly exclusions?: readonly ExclusionWindow[];
  /** @default upstream behaviour: the most recent due run, estimated; more than 100 missed only warns */
  readonly catchUpPolicy?: CatchUpPolicy;
  /** How many missed runs CatchUpPolicy.UP_TO starts (1-100). Required with UP_TO only. */
  readonly catchUpLimit?: number;
  /** Stop starting scheduled runs after this many consecutive failed runs (1-1000). @default never pause */
  readonly pauseAfterFailures?: number;
  /** @default DstPolicy.KUBERNETES */
  readonly dstPolicy?: DstPolicy;
  /** A run-now request: start one run for this instant (once per distinct value), like `kubectl create job --from`. @default none */
  readonly runNowAt?: number;
  /** Replay the schedule over a past range. @default none */
  readonly backfill?: BackfillRequest;
}

/** `True` or `False`, as in Kubernetes conditions. */
export enum ConditionStatus {
  TRUE = 'True',
  FALSE = 'False',
}

/** A Kubernetes-style status condition. */
export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
  /** When `status` last changed (ms since the epoch). */
  readonly lastTransitionTime: number;
}

/** The last finished Job the failure counter has taken into account; finished Jobs are counted in (time, name) order. */
export interface FailureWatermark {
  /** Its completion or failure time (ms since the epoch). */
  readonly finishedAt: number;
  readonly jobName: string;
}

/** How far a backfill request has got. */
export interface BackfillProgress {
  /** The request it belongs to; a different request starts over. */
  readonly from: number;
  readonly to: number;
  /** The scheduled time of the last run handled (created, or skipped because its Job exists). */
  readonly through?: number;
  /** Runs created for this request. */
  readonly created: number;
  /** True once no run is left (or `maxRuns` is reached). */
  readonly complete: boolean;
  /** True when the range held more runs than `maxRuns`. */
  readonly truncated: boolean;
}

/** The scheduled job's status: the CronJob status fields, plus what the extensions must remember. */
export interface ScheduledJobStatus {
  /** Names of the Jobs believed to be running, in the order they were added. */
  readonly active: readonly string[];
  /** Scheduled time of the most recently started scheduled run. */
  readonly lastScheduleTime?: number;
  /** Newest completion time among succeeded Jobs. */
  readonly lastSuccessfulTime?: number;
  /** BufferOne/BufferAll: scheduled times waiting to start, oldest first. */
  readonly queue?: readonly number[];
  /** Consecutive failed runs (counted only when pauseAfterFailures is set). */
  readonly consecutiveFailures?: number;
  readonly failureWatermark?: FailureWatermark;
  /** The run-now request most recently handled. */
  readonly lastRunNowAt?: number;
  readonly backfill?: BackfillProgress;
  readonly conditions?: readonly Condition[];
}

/** Where an observed Job stands. */
export enum JobPhase {
  RUNNING = 'Running',
  /** Condition Complete=True. */
  SUCCEEDED = 'Succeeded',
  /** Condition Failed=True. */
  FAILED = 'Failed',
}

/** A Job owned (controller ownerReference) by the scheduled job. */
export interface ObservedJob {
  readonly name: string;
  readonly phase: JobPhase;
  /** `status.startTime`: the sort key of history cleanup. */
  readonly startTime?: number;
  /** `status.completionTime` for a succeeded Job; the Failed condition's time for a failed one. */
  readonly finishedAt?: number;
  /**
   * Present while the Job carries the run-record finalizer: the run it stands for, as its labels
   * and annotation say (a field is absent where unreadable). Such a Job's run may not be recorded
   * yet (the sync that created it stopped before its status write); the plan records it.
   */
  readonly heldRun?: HeldRun;
}

/** The run a Job holding the run-record finalizer stands for. */
export interface HeldRun {
  readonly kind?: RunKind;
  readonly scheduledTime?: number;
}

/** Everything one sync reads. */
export interface PlanInput {
  /** The scheduled job's name; Job names derive from it. */
  readonly name: string;
  readonly creationTimestamp: number;
  /** metadata.deletionTimestamp is set: only status bookkeeping happens. */
  readonly beingDeleted?: boolean;
  readonly spec: ScheduledJobSpec;
  readonly status: ScheduledJobStatus;
  /**
   * The owned Jobs. A Job named in `status.active` but absent here is taken to be gone, so the
   * caller must include Jobs its cache has not seen yet but a live GET finds (as upstream does).
   */
  readonly jobs: readonly ObservedJob[];
  /** The controller's clock (ms since the epoch). */
  readonly now: number;
}

/** Why a run is created. */
export enum RunKind {
  /** A scheduled time that is due now. */
  SCHEDULED = 'Scheduled',
  /** A scheduled time that waited in the buffer queue. */
  QUEUED = 'Queued',
  /** A run-now request. */
  RUN_NOW = 'RunNow',
  /** A scheduled time replayed by a backfill request. */
  BACKFILL = 'Backfill',
}

/** One Job to create. */
export interface PlannedRun {
  readonly kind: RunKind;
  /** The instant the run stands for (the scheduled-timestamp annotation); the request time for run-now. */
  readonly scheduledTime: number;
  readonly jobName: string;
}

/** Why no Job was created. The first seven are the upstream controller's outcomes. */
export enum SkipReason {
  NO_UNMET_SCHEDULE_TIME = 'noUnmetScheduleTime',
  ALREADY_SCHEDULED = 'alreadyScheduled',
  FORBID_CONCURRENT = 'forbidConcurrent',
  SUSPENDED = 'suspended',
  INVALID_SCHEDULE = 'invalidSchedule',
  UNPARSEABLE_SCHEDULE = 'unparseableSchedule',
  INVALID_TIME_ZONE = 'invalidTimeZone',
  /** metadata.deletionTimestamp is set. */
  BEING_DELETED = 'beingDeleted',
  /** An extension field is malformed (the detail names it). */
  INVALID_SPEC = 'invalidSpec',
  /** pauseAfterFailures reached. */
  PAUSED = 'paused',
  /** The due run went into the buffer queue. */
  QUEUED = 'queued',
  /** The most recent scheduled time falls in an exclusion window. */
  EXCLUDED = 'excluded',
  /** The most recent scheduled time repeats a wall-clock time (DstPolicy.ONCE). */
  REPEATED_WALL_TIME = 'repeatedWallTime',
  /** The most recent scheduled time waits for its jitter. */
  WAITING_FOR_JITTER = 'waitingForJitter',
  /** CatchUpPolicy.NONE: the most recent due run is no longer on time. */
  LATE_RUN_SKIPPED = 'lateRunSkipped',
}

/** `Normal` or `Warning`, as Kubernetes Events. */
export enum EventType {
  NORMAL = 'Normal',
  WARNING = 'Warning',
}

/** An Event the controller records on the scheduled job. */
export interface PlanEvent {
  readonly type: EventType;
  /** The upstream reason where there is one (SuccessfulCreate, MissingJob, ...). */
  readonly reason: string;
  /** The Job it is about, if any. */
  readonly jobName?: string;
  readonly message: string;
}

/** Everything one sync decides. */
export interface SyncPlan {
  /** The Job to create, if any (at most one per sync; `requeueAfterMs` is 0 when more are waiting). */
  readonly create?: PlannedRun;
  /** Active Jobs to delete (CancelOther / Replace), in status order. */
  readonly deleteActive: readonly string[];
  /** Finished Jobs history cleanup deletes: successful ones first, each list oldest first. */
  readonly deleteFinished: readonly string[];
  /** Why nothing was created; undefined when `create` is set. */
  readonly skipReason?: SkipReason;
  /** A sentence with the specifics (which window, which field, how many failures). */
  readonly skipDetail?: string;
  /** Upstream's TooManyMissedTimes warning: more than 100 start times missed (estimated). */
  readonly tooManyMissed: boolean;
  /** The next scheduled time, as the requeue aims at it; undefined when no requeue is planned. */
  readonly nextScheduleTime?: number;
  /** When to sync again; undefined means only on a change (suspended, invalid, paused, deleted). */
  readonly requeueAfterMs?: number;
  /** Queued runs dropped because the buffer was full (oldest first). */
  readonly droppedRuns: readonly number[];
  /** The status to write. */
  readonly status: ScheduledJobStatus;
  readonly events: readonly PlanEvent[];
}
