/**
 * One sync of one scheduled job, as a pure function: `planSync(input)` reads the spec, the status,
 * the owned Jobs and the clock, and returns what to create, what to delete, the status to write
 * and when to look again. The controller loop calls it for every object on every sync and only
 * carries out the answer.
 *
 * The order is the upstream controller's (cleanupFinishedJobs, then syncCronJob), with the
 * extensions slotted in where they do not disturb it:
 *
 *  0. Runs of Jobs that hold the run-record finalizer but are not on record yet are recorded
 *     (a sync stopped between a create and its status write: run-records.ts).
 *  1. History cleanup, then `status.active` against the Jobs that exist; lastSuccessfulTime.
 *     Failure counting (pauseAfterFailures) reads the same Jobs.
 *  2. Being deleted: stop.
 *  3. A pending run-now request starts (before suspend, pause, exclusions and overlap).
 *  4. Unknown time zone, suspend, an invalid extension field or unparseable schedule, pause: stop
 *     without requeue (a change to the object triggers the next sync).
 *  5. Due runs: upstream's estimate, or the exact search when a schedule-shaping extension is set.
 *  6. Already scheduled; then the overlap policy (skip, cancel, buffer or start).
 *  7. If nothing started: the buffer queue's head, then a backfill run.
 *  8. Requeue at the next run's start + 100 ms, or at once when more runs are waiting.
 *
 * At most one Job is created per sync; `requeueAfterMs` is 0 when the next one is already due.
 */
import { formatInstant as iso } from '../../schedule/instants';
import { jitterDelayMs } from './jitter';
import { backfillProgressFor, backfillStarted, nextBackfillRun } from './backfill';
import { dueRuns, nextRun, recentFireTimes } from './due-runs';
import { countConsecutiveFailures, FailureCount, PAUSED_CONDITION, withPausedCondition } from './failures';
import { finishedJobsToDelete } from './history';
import { runNowJobName, scheduledJobName } from './job-names';
import { Missed, mostRecentScheduleTime, REQUEUE_DELTA_MS, upstreamRequeue } from './missed-times';
import { reconcileActive } from './observe';
import { recordHeldRuns } from './run-records';
import { decideOverlap, isBuffered } from './overlap';
import { pendingRunNow } from './run-now';
import { compileRunSchedule, RecentAnswers, RunSchedule } from './run-schedule';
import { loadLocation } from '../../schedule/time-zone';
import {
  BackfillProgress,
  CatchUpPolicy,
  Condition,
  EventType,
  OverlapPolicy,
  PlanEvent,
  PlanInput,
  PlannedRun,
  RunKind,
  SkipReason,
  SyncPlan,
} from './types';

/** How each kind of run is described in events and explanations. */
export const RUN_KIND_DESCRIPTIONS: Readonly<Record<RunKind, string>> = {
  [RunKind.SCHEDULED]: 'scheduled run',
  [RunKind.QUEUED]: 'queued run',
  [RunKind.RUN_NOW]: 'run-now request',
  [RunKind.BACKFILL]: 'backfill run',
};

export function planSync(input: PlanInput): SyncPlan {
  const events: PlanEvent[] = [];
  const status = recordHeldRuns(input.status, input.jobs, events);
  return new SyncPlanner({ ...input, status }, events).plan();
}

interface Requeue {
  readonly nextScheduleTime?: number;
  readonly afterMs?: number;
}

const NO_REQUEUE: Requeue = {};

class SyncPlanner {
  private readonly policy: OverlapPolicy;
  private readonly deleteFinished: readonly string[];
  private active: string[];
  private lastScheduleTime: number | undefined;
  private readonly lastSuccessfulTime: number | undefined;
  private queue: readonly number[];
  private deleteActive: readonly string[] = [];
  private dropped: readonly number[] = [];
  private create: PlannedRun | undefined;
  private skipReason: SkipReason | undefined;
  private skipDetail: string | undefined;
  private tooManyMissed = false;
  private lastRunNowAt: number | undefined;
  private backfill: BackfillProgress | undefined;
  private readonly failures: FailureCount | undefined;
  /** Set when another Job is due as soon as this one is created. */
  private moreWaiting = false;
  /** The exact search's run waiting for its jitter, which the requeue aims at. */
  private waitingForJitter: number | undefined;

  /** @param events the events so far (runs recorded late), added to */
  constructor(
    private readonly input: PlanInput,
    private readonly events: PlanEvent[],
  ) {
    const { spec, status, jobs } = input;
    this.policy = spec.overlapPolicy ?? OverlapPolicy.ALLOW_ALL;
    this.deleteFinished = finishedJobsToDelete(jobs, spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit);
    for (const name of this.deleteFinished)
      this.event(EventType.NORMAL, 'SuccessfulDelete', `Deleted finished Job ${name} (history limit)`, name);
    const remaining =
      this.deleteFinished.length > 0 ? status.active.filter((n) => !this.deleteFinished.includes(n)) : status.active;
    const observed = reconcileActive(remaining, jobs, status.lastSuccessfulTime, this.events);
    this.active = observed.active;
    this.lastSuccessfulTime = observed.lastSuccessfulTime;
    this.lastScheduleTime = status.lastScheduleTime;
    this.queue = isBuffered(this.policy) ? (status.queue ?? []) : [];
    this.lastRunNowAt = status.lastRunNowAt;
    if (spec.pauseAfterFailures !== undefined) {
      this.failures = countConsecutiveFailures(status.consecutiveFailures ?? 0, status.failureWatermark, jobs);
    }
  }

  plan(): SyncPlan {
    const { spec, now } = this.input;
    if (this.input.beingDeleted) return this.skip(SkipReason.BEING_DELETED, 'the object is being deleted');
    if (this.startRunNow()) return this.finish({ afterMs: 0 });

    if (spec.timeZone !== undefined && loadLocation(spec.timeZone) === undefined) {
      this.event(EventType.WARNING, 'UnknownTimeZone', `Time zone "${spec.timeZone}" is not in the IANA database`);
      return this.skip(SkipReason.INVALID_TIME_ZONE, `unknown time zone "${spec.timeZone}"`);
    }
    if (spec.suspend) return this.skip(SkipReason.SUSPENDED, 'spec.suspend is true');

    const compiled = compileRunSchedule(spec);
    if (compiled.kind === 'invalid') {
      const detail = compiled.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      this.event(EventType.WARNING, 'InvalidSpec', detail);
      return this.skip(SkipReason.INVALID_SPEC, detail);
    }
    if (spec.schedule.includes('TZ') || spec.schedules?.some((s) => s.includes('TZ'))) {
      this.event(
        EventType.WARNING,
        'UnsupportedSchedule',
        'The schedule names a zone with TZ= or CRON_TZ=; it is used as written and spec.timeZone is ignored',
      );
    }
    if (compiled.kind === 'unparseable') {
      this.event(EventType.WARNING, 'UnparseableSchedule', `${compiled.field}: ${compiled.error}`);
      return this.skip(SkipReason.UNPARSEABLE_SCHEDULE, `${compiled.field}: ${compiled.error}`);
    }
    if (this.paused()) {
      return this.skip(
        SkipReason.PAUSED,
        `${this.failures?.consecutiveFailures} consecutive runs failed (pauseAfterFailures ${spec.pauseAfterFailures})`,
      );
    }

    const schedule: RunSchedule = { ...compiled.schedule, times: new RecentAnswers(compiled.schedule.times) };
    const due = schedule.exact ? this.exactDue(schedule) : this.upstreamDue(schedule);
    if (due === undefined) {
      this.event(
        EventType.WARNING,
        'InvalidSchedule',
        'The schedule has no run time (or two less than a second apart)',
      );
      return this.skip(SkipReason.INVALID_SCHEDULE, 'the schedule never fires');
    }
    this.act(schedule, due, now);
    return this.finish(this.requeue(schedule));
  }

  /** Upstream: the most recent due time by its estimate. Undefined for an invalid schedule. */
  private upstreamDue(schedule: RunSchedule): number[] | undefined {
    const { spec, now } = this.input;
    const r = mostRecentScheduleTime(schedule.times, this.handledThrough(), now, spec.startingDeadlineSeconds);
    if (r.invalid) return undefined;
    if (r.mostRecent === undefined) return [];
    if (r.missed === Missed.MANY) {
      this.tooManyMissed = true;
      this.event(
        EventType.WARNING,
        'TooManyMissedTimes',
        'More than 100 start times were missed; set or lower startingDeadlineSeconds, or check for clock skew',
      );
    }
    const name = scheduledJobName(this.input.name, r.mostRecent);
    if (this.active.includes(name) || this.lastScheduleTime === r.mostRecent) {
      this.skipReason = SkipReason.ALREADY_SCHEDULED;
      this.skipDetail = `Job ${name} for this run is already active`;
      return [];
    }
    return [r.mostRecent];
  }

  /** The exact search. Runs whose Job is already active count as handled. Undefined when nothing ever fires. */
  private exactDue(schedule: RunSchedule): number[] | undefined {
    const { spec, now, name } = this.input;
    const handled = this.handledThrough();
    if (schedule.times.next(handled) === null) return undefined;
    const found = dueRuns(schedule.times, handled, now, {
      name,
      jitterSeconds: spec.jitterSeconds ?? 0,
      startingDeadlineSeconds: spec.startingDeadlineSeconds,
      catchUpPolicy: spec.catchUpPolicy ?? CatchUpPolicy.LATEST,
      catchUpLimit: spec.catchUpLimit ?? 1,
    });
    this.waitingForJitter = found.waitingForJitter;
    const due = found.due.filter((t) => {
      if (!this.active.includes(scheduledJobName(name, t))) return true;
      this.lastScheduleTime = Math.max(this.lastScheduleTime ?? t, t);
      return false;
    });
    if (due.length === 0) this.explainNothingDue(schedule, found.due.length > 0, found.late, handled);
    return due;
  }

  private explainNothingDue(
    schedule: RunSchedule,
    allActive: boolean,
    late: number | undefined,
    handled: number,
  ): void {
    const { now, name } = this.input;
    if (allActive) {
      this.skipReason = SkipReason.ALREADY_SCHEDULED;
      this.skipDetail = 'the Jobs for the due runs are already active';
    } else if (late !== undefined) {
      this.skipReason = SkipReason.LATE_RUN_SKIPPED;
      this.skipDetail = `the run for ${iso(late)} is more than a minute late (catchUpPolicy None)`;
    } else if (this.waitingForJitter !== undefined) {
      const start =
        this.waitingForJitter +
        jitterDelayMs(
          name,
          this.waitingForJitter,
          this.input.spec.jitterSeconds ?? 0,
          schedule.times.next(this.waitingForJitter),
        );
      this.skipReason = SkipReason.WAITING_FOR_JITTER;
      this.skipDetail = `the run for ${iso(this.waitingForJitter)} starts at ${iso(start)} (jitter)`;
    } else if (schedule.filtered) {
      const [latest] = recentFireTimes(schedule.unfiltered, handled, now, 1);
      const rejection = latest === undefined ? undefined : schedule.rejection(latest);
      if (rejection !== undefined) {
        this.skipReason = rejection.reason;
        this.skipDetail = `${iso(latest)}: ${rejection.detail}`;
      }
    }
  }

  /** Applies the overlap policy to the due runs, then the queue head and backfill if nothing started. */
  private act(schedule: RunSchedule, due: readonly number[], now: number): void {
    const { spec } = this.input;
    const decision = decideOverlap(this.policy, spec.bufferLimit, due, this.active, this.queue);
    for (const victim of decision.deleteActive) {
      this.event(
        EventType.NORMAL,
        'SuccessfulDelete',
        `Deleted active Job ${victim} (overlap policy ${this.policy})`,
        victim,
      );
    }
    if (decision.deleteActive.length > 0) {
      this.deleteActive = decision.deleteActive;
      this.active = this.active.filter((n) => !decision.deleteActive.includes(n));
    }
    this.queue = decision.queue;
    this.dropped = decision.dropped;
    for (const t of decision.queued)
      this.event(EventType.NORMAL, 'RunQueued', `Run for ${iso(t)} waits for the active run to finish`);
    for (const t of decision.dropped)
      this.event(EventType.WARNING, 'QueuedRunDropped', `Run for ${iso(t)} dropped: the buffer queue is full`);
    if (decision.start !== undefined) {
      this.startRun(decision.start.kind, decision.start.time, scheduledJobName(this.input.name, decision.start.time));
      this.lastScheduleTime = Math.max(this.lastScheduleTime ?? decision.start.time, decision.start.time);
      this.moreWaiting = (!isBuffered(this.policy) && due.length > 1) || this.backfillPending();
      return;
    }
    if (decision.skip === SkipReason.FORBID_CONCURRENT) {
      this.event(
        EventType.NORMAL,
        'JobAlreadyActive',
        'Not starting a run while another is active (overlap policy Skip)',
      );
      this.skipReason = decision.skip;
      this.skipDetail = `${this.active.length} run(s) still active`;
    } else if (decision.skip === SkipReason.QUEUED) {
      this.skipReason = decision.skip;
      this.skipDetail = `${this.queue.length} run(s) queued behind the active one`;
    }
    this.startBackfill(schedule, now);
    if (this.create === undefined && this.skipReason === undefined) this.skipReason = SkipReason.NO_UNMET_SCHEDULE_TIME;
  }

  private startBackfill(schedule: RunSchedule, now: number): void {
    const request = this.input.spec.backfill;
    if (request === undefined) return;
    const existing = new Set([...this.active, ...this.input.jobs.map((j) => j.name)]);
    const step = nextBackfillRun(schedule.times, request, this.input.status.backfill, now, (t) =>
      existing.has(scheduledJobName(this.input.name, t)),
    );
    this.backfill = step.progress;
    if (step.run === undefined) {
      this.moreWaiting = !step.progress.complete;
      return;
    }
    if (this.policy !== OverlapPolicy.ALLOW_ALL && this.active.length > 0) return;
    this.startRun(RunKind.BACKFILL, step.run, scheduledJobName(this.input.name, step.run));
    this.backfill = backfillStarted(step.progress, step.run);
    this.skipReason = undefined;
    this.skipDetail = undefined;
    this.moreWaiting = this.policy === OverlapPolicy.ALLOW_ALL;
  }

  private backfillPending(): boolean {
    const request = this.input.spec.backfill;
    return request !== undefined && !backfillProgressFor(request, this.input.status.backfill).complete;
  }

  private startRunNow(): boolean {
    const { spec, status, now, name } = this.input;
    const requested = pendingRunNow(spec, status);
    if (requested === undefined || requested > now) return false;
    this.startRun(RunKind.RUN_NOW, requested, runNowJobName(name, requested));
    this.lastRunNowAt = requested;
    return true;
  }

  private startRun(kind: RunKind, scheduledTime: number, jobName: string): void {
    this.create = { kind, scheduledTime, jobName };
    this.active = [...this.active, jobName];
    this.event(
      EventType.NORMAL,
      'SuccessfulCreate',
      `Created Job ${jobName} (${RUN_KIND_DESCRIPTIONS[kind]} for ${iso(scheduledTime)})`,
      jobName,
    );
  }

  private paused(): boolean {
    const limit = this.input.spec.pauseAfterFailures;
    return limit !== undefined && this.failures !== undefined && this.failures.consecutiveFailures >= limit;
  }

  /** The last handled run time: lastScheduleTime (else creation), or the buffer queue's tail if later. */
  private handledThrough(): number {
    const base = this.lastScheduleTime ?? this.input.creationTimestamp;
    const tail = this.queue.length > 0 ? this.queue[this.queue.length - 1] : undefined;
    return tail !== undefined && tail > base ? tail : base;
  }

  private requeue(schedule: RunSchedule): Requeue {
    const { spec, now, name } = this.input;
    let requeue: Requeue;
    if (schedule.exact) {
      const next = nextRun(
        schedule.times,
        this.handledThrough(),
        now,
        this.waitingForJitter,
        name,
        spec.jitterSeconds ?? 0,
      );
      requeue =
        next === undefined ? NO_REQUEUE : { nextScheduleTime: next.time, afterMs: next.start + REQUEUE_DELTA_MS - now };
    } else {
      const r = upstreamRequeue(schedule.times, this.handledThrough(), now);
      requeue = { nextScheduleTime: r.nextScheduleTime, afterMs: r.requeueAfterMs };
    }
    return this.moreWaiting ? { ...requeue, afterMs: 0 } : requeue;
  }

  private skip(reason: SkipReason, detail: string): SyncPlan {
    this.skipReason = reason;
    this.skipDetail = detail;
    return this.finish(NO_REQUEUE);
  }

  private event(type: EventType, reason: string, message: string, jobName?: string): void {
    this.events.push({ type, reason, message, jobName });
  }

  private finish(requeue: Requeue): SyncPlan {
    const { spec, status, now } = this.input;
    let afterMs = requeue.afterMs;
    // A run-now request in the future wakes the object up at its instant.
    if (
      spec.runNowAt !== undefined &&
      spec.runNowAt > now &&
      !this.input.beingDeleted &&
      pendingRunNow(spec, status) !== undefined
    ) {
      afterMs = Math.min(afterMs ?? Infinity, spec.runNowAt - now);
    }
    return {
      create: this.create,
      deleteActive: this.deleteActive,
      deleteFinished: this.deleteFinished,
      skipReason: this.create === undefined ? this.skipReason : undefined,
      skipDetail: this.create === undefined ? this.skipDetail : undefined,
      tooManyMissed: this.tooManyMissed,
      nextScheduleTime: requeue.nextScheduleTime,
      requeueAfterMs: afterMs,
      droppedRuns: this.dropped,
      events: this.events,
      status: {
        active: this.active,
        lastScheduleTime: this.lastScheduleTime,
        lastSuccessfulTime: this.lastSuccessfulTime,
        queue: isBuffered(this.policy) ? this.queue : undefined,
        consecutiveFailures: this.failures?.consecutiveFailures,
        failureWatermark: this.failures?.watermark,
        lastRunNowAt: this.lastRunNowAt,
        backfill:
          spec.backfill === undefined
            ? undefined
            : (this.backfill ?? backfillProgressFor(spec.backfill, status.backfill)),
        conditions: this.conditions(),
      },
    };
  }

  private conditions(): readonly Condition[] | undefined {
    const { spec, status, now } = this.input;
    if (spec.pauseAfterFailures !== undefined && this.failures !== undefined) {
      return withPausedCondition(status.conditions, this.paused(), this.failures, spec.pauseAfterFailures, now);
    }
    if (status.conditions?.some((c) => c.type === PAUSED_CONDITION))
      return status.conditions.filter((c) => c.type !== PAUSED_CONDITION);
    return status.conditions;
  }
}
