/**
 * Exactly once, across a crash between a Job's create and the status write that records it.
 *
 * The Job's deterministic name is the lock against starting a run twice, but only while the Job
 * exists: upstream (and this reconciler before the run-record finalizer) start the run again when
 * the Job finished and was deleted (TTL, cleanup) before any sync recorded it. So every Job is
 * created with the run-record finalizer and keeps it until its run is on record; a sync that sees
 * a Job holding it whose run the status does not record yet records it now, exactly as the sync
 * that created the Job would have:
 *
 * - the Job joins `status.active` (a finished one leaves again at once, SawCompletedJob), so the
 *   overlap policy counts a run that is really going;
 * - Scheduled and Queued runs move `lastScheduleTime` forward and leave the queue; RunNow moves
 *   `lastRunNowAt`; Backfill moves the backfill progress past it.
 *
 * The reconciler removes the finalizer once the status this sync computed is stored. A Job without
 * the finalizer (created before it existed) is observed as upstream observes it.
 */
import { BackfillProgress, EventType, ObservedJob, PlanEvent, RunKind, ScheduledJobStatus } from './types';

/** Whether `status` records the run of `job` (a Job holding the run-record finalizer). */
export function recordsRun(status: ScheduledJobStatus, job: ObservedJob): boolean {
  if (status.active.includes(job.name)) return true;
  const { kind, scheduledTime } = job.heldRun ?? {};
  // Nothing to record it by: the Job's labels or annotation were changed by hand.
  if (kind === undefined || scheduledTime === undefined) return true;
  switch (kind) {
    case RunKind.SCHEDULED:
    case RunKind.QUEUED:
      return (status.lastScheduleTime ?? -Infinity) >= scheduledTime && !(status.queue ?? []).includes(scheduledTime);
    case RunKind.RUN_NOW:
      return (status.lastRunNowAt ?? -Infinity) >= scheduledTime;
    case RunKind.BACKFILL:
      return (status.backfill?.through ?? -Infinity) >= scheduledTime;
  }
}

/** `status` with the run of every Job holding the run-record finalizer on record; an event for each run recorded late. */
export function recordHeldRuns(
  status: ScheduledJobStatus,
  jobs: readonly ObservedJob[],
  events: PlanEvent[],
): ScheduledJobStatus {
  let recorded = status;
  for (const job of jobs) {
    if (job.heldRun === undefined || recordsRun(recorded, job)) continue;
    recorded = withRun(recorded, job.name, job.heldRun.kind!, job.heldRun.scheduledTime!);
    events.push({
      type: EventType.NORMAL,
      reason: 'RecordedRun',
      jobName: job.name,
      message: `Job ${job.name} was created by a sync that stopped before recording it; its run is recorded now`,
    });
  }
  return recorded;
}

/** The names of the Jobs whose run-record finalizer may go once the status planned from `jobs` is stored. */
export function heldJobNames(jobs: readonly ObservedJob[]): string[] {
  return jobs.filter((job) => job.heldRun !== undefined).map((job) => job.name);
}

function withRun(status: ScheduledJobStatus, name: string, kind: RunKind, time: number): ScheduledJobStatus {
  const active = [...status.active, name];
  switch (kind) {
    case RunKind.SCHEDULED:
    case RunKind.QUEUED:
      return {
        ...status,
        active,
        lastScheduleTime: Math.max(status.lastScheduleTime ?? time, time),
        ...(status.queue === undefined ? {} : { queue: status.queue.filter((t) => t !== time) }),
      };
    case RunKind.RUN_NOW:
      return { ...status, active, lastRunNowAt: Math.max(status.lastRunNowAt ?? time, time) };
    case RunKind.BACKFILL:
      return { ...status, active, backfill: backfillThrough(status.backfill, time) };
  }
}

/** Progress past `time`; without progress (the request is gone from the spec) only `active` records the run. */
function backfillThrough(progress: BackfillProgress | undefined, time: number): BackfillProgress | undefined {
  if (progress === undefined) return undefined;
  return { ...progress, through: Math.max(progress.through ?? time, time), created: progress.created + 1 };
}
