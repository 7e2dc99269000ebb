/**
 * One sync of one ScheduledJob against the cluster: gather what the decision needs, decide
 * (sync-decision.ts, pure), carry the decision out. The order of the writes is chosen so that a
 * crash or a failed request between any two of them is repaired by the next sync:
 *
 *  1. Observe: the owned Jobs from the cache; a Job named in `status.active` but missing from the
 *     cache is fetched live before it is called gone (the cache may just be behind), as upstream.
 *  2. Before any create or delete, the object is read live: a decision planned from a cached copy
 *     that is out of date (another replica's last write, a new run-now request) is made again from
 *     the fresh copy, so the plan never acts on a status older than the stored one.
 *  3. Active Jobs the overlap policy cancels are deleted (propagation Background).
 *  4. The Job is created. Its name is deterministic, so it is the lock: AlreadyExists for a Job
 *     this object controls is an earlier attempt that got through (a crash after the create, a
 *     timeout that did apply) and is adopted; a timeout is an unknown outcome and the sync is
 *     retried, which then finds the Job or creates it.
 *     Every Job is created holding the run-record finalizer, so it cannot disappear (TTL,
 *     cleanup) before its run is recorded: a successor that finds such a Job not on record
 *     records it (plan/run-records.ts) instead of starting the run again.
 *  5. ONE status update, retried on conflict on the fresh object with a three-way merge, so no
 *     field the plan computed is lost and no one else's change is undone.
 *  6. Once that status is stored, the run-record finalizer comes off the Job just created and off
 *     every Job holding it that the sync observed (the stored status records all their runs).
 *     Jobs holding it whose ScheduledJob is gone (or replaced by one of another uid) are released
 *     too: no status can record them any more.
 *  7. Finished Jobs beyond the history limits are deleted, after the status that counted them
 *     (failure counting) is stored.
 *  8. Events, best effort.
 *
 * Every create and delete, the status write and the Events are preceded by `isLeader()`; a
 * replica that stops leading mid-sync stops writing at once (NotLeaderError).
 */
import { ClusterClient } from '../cluster/client';
import {
  JobObject,
  PropagationPolicy,
  ResourceKind,
  ScheduledJobObject,
} from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../cluster/clock';
import { ClusterError, ClusterErrorReason } from '../cluster/errors';
import { formatInstant } from 'cdk8s-batch/lib/src/schedule/instants';
import { EventType, ObservedJob, PlanEvent, PlannedRun, SkipReason } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import {
  holdsRunRecord,
  isControlledBy,
  observeJob,
  scheduledJobController,
} from 'cdk8s-batch/lib/src/reconciler/resource/job-observation';
import { RunJob } from 'cdk8s-batch/lib/src/reconciler/resource/run-job';
import {
  RUN_RECORD_FINALIZER,
  ScheduledJobResourceStatus,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { EventRecorder } from './event-recorder';
import { ExpectedEvents, JobChange } from './expected-events';
import { ControllerObserver, Logger, LogLevel } from './observer';
import { OwnedJobIndex, splitKey } from './owned-jobs';
import { RecentWrites } from './recent-writes';
import { RunJobCheckOptions } from 'cdk8s-batch/lib/src/reconciler/sync/run-job-check';
import { mergeStatus, sameJson } from './status-merge';
import { decideSync, decideWithoutRun, SyncDecision } from 'cdk8s-batch/lib/src/reconciler/sync/sync-decision';

/** Who may act: the leader elector, or a stand-in. */
export interface Leadership {
  isLeader(): boolean;
}

/** The sync stopped because this replica no longer leads. */
export class NotLeaderError extends Error {
  public constructor() {
    super('not the leader');
    this.name = 'NotLeaderError';
  }
}

/** Times a decision is made again because the live object differs from the one planned from. */
const MAX_REPLANS = 3;
/** Status update attempts after the first (conflicts, timeouts, server errors). */
const MAX_STATUS_RETRIES = 5;
/** Attempts after the first to take the run-record finalizer off a Job that changed meanwhile (conflicts). */
const MAX_RELEASE_RETRIES = 5;

/** The plan's event for a finished Job taken out of status.active. */
const SAW_COMPLETED_JOB = 'SawCompletedJob';

/** Skip reasons that are not a run being held back (nothing due, or the run already exists). */
const NOT_A_SKIPPED_RUN: readonly string[] = [SkipReason.NO_UNMET_SCHEDULE_TIME, SkipReason.ALREADY_SCHEDULED];

export interface SyncerOptions {
  readonly client: ClusterClient;
  readonly clock: Clock;
  readonly leadership: Leadership;
  readonly index: OwnedJobIndex;
  readonly recent: RecentWrites;
  /** The ScheduledJob as cached (undefined: not in the cache). */
  readonly cached: (namespace: string, name: string) => ScheduledJobObject | undefined;
  readonly recorder: EventRecorder;
  /** The Job events this controller's own creates and deletes will cause. */
  readonly expected: ExpectedEvents;
  /** Asks for another sync of `key` after this one (a change arrived while it wrote). */
  readonly enqueue: (key: string) => void;
  readonly observer: ControllerObserver;
  readonly logger: Logger;
  readonly check: RunJobCheckOptions;
}

/** What became of a Job the decision asked for. */
enum CreateOutcome {
  CREATED = 'created',
  /** It already existed and this object controls it: an earlier attempt's. */
  ADOPTED = 'adopted',
  /** It already existed and belongs to someone else. */
  TAKEN = 'taken',
  /** The API server refused it (422): retrying the same Job cannot help. */
  REJECTED = 'rejected',
}

export class ScheduledJobSyncer {
  public constructor(private readonly options: SyncerOptions) {}

  /** Syncs the object with this key; returns when to sync it again (undefined: on the next change). */
  public async sync(key: string): Promise<number | undefined> {
    const { namespace, name } = splitKey(key);
    this.options.expected.reset(key);
    let object = this.options.recent.current(key, this.options.cached(namespace, name));
    if (object === undefined) {
      this.forget(key);
      await this.releaseStrays(key, undefined);
      return undefined;
    }
    for (let round = 0; ; round++) {
      const jobs = await this.observedJobs(key, object);
      const decision = decideSync({ object, jobs, now: this.options.clock.now() }, this.options.check);
      if (decision.job === undefined && (decision.plan?.deleteActive.length ?? 0) === 0)
        return this.carryOut(key, object, jobs, decision);
      const live = await this.liveObject(namespace, name);
      if (live === undefined) return undefined;
      if (live.metadata.resourceVersion === object.metadata.resourceVersion)
        return this.carryOut(key, object, jobs, decision);
      if (round === MAX_REPLANS) throw new Error(`ScheduledJob ${key} changed on every read; trying again later`);
      this.options.recent.remember(key, live);
      object = live;
    }
  }

  /** Drops what is kept about a deleted object. */
  public forget(key: string): void {
    this.options.recent.forget(key);
  }

  private async carryOut(
    key: string,
    object: ScheduledJobObject,
    jobs: readonly ObservedJob[],
    decision: SyncDecision,
  ): Promise<number | undefined> {
    const plan = decision.plan;
    for (const victim of plan?.deleteActive ?? []) await this.deleteJob(key, victim);
    let outcome = decision;
    let createdJob: JobObject | undefined;
    if (decision.job !== undefined) {
      const created = await this.createJob(key, object, decision.job, plan!.create!);
      createdJob = created.job;
      if (created.outcome === CreateOutcome.TAKEN || created.outcome === CreateOutcome.REJECTED) {
        outcome = decideWithoutRun({ object, jobs, now: this.options.clock.now() }, created.event);
      }
    }
    await this.writeStatus(key, object, outcome.status);
    const { namespace } = splitKey(key);
    for (const name of outcome.release)
      await this.releaseRunRecord(
        namespace,
        name,
        name === createdJob?.metadata.name ? createdJob : this.options.index.job(key, name),
      );
    await this.releaseStrays(key, object.metadata.uid);
    const failures: unknown[] = [];
    for (const finished of outcome.plan?.deleteFinished ?? []) {
      try {
        await this.deleteJob(key, finished);
      } catch (error) {
        if (error instanceof NotLeaderError) throw error;
        failures.push(error);
      }
    }
    this.report(key, outcome);
    this.gate();
    await this.options.recorder.record(object, outcome.events);
    // A finished Job left undeleted is deleted by a retry (the next plan lists it again).
    if (failures.length > 0) throw failures[0];
    // A finished Job just taken out of status.active counts for lastSuccessfulTime on the next
    // sync (as upstream, whose own status write triggers that sync): make it now.
    if (outcome.plan?.events.some((e) => e.reason === SAW_COMPLETED_JOB)) return 0;
    return outcome === decision ? plan?.requeueAfterMs : undefined;
  }

  /** The owned Jobs: cached ones, plus the ones named in status.active that a live GET still finds. */
  private async observedJobs(key: string, object: ScheduledJobObject): Promise<ObservedJob[]> {
    const uid = object.metadata.uid;
    const observed: ObservedJob[] = [];
    const seen = new Set<string>();
    for (const job of this.options.index.jobsOf(key)) {
      if (!isControlledBy(job, uid)) continue;
      observed.push(observeJob(job));
      seen.add(job.metadata.name ?? '');
    }
    for (const name of activeNames(object)) {
      if (seen.has(name)) continue;
      const job = await this.liveJob(splitKey(key).namespace, name);
      if (job !== undefined && isControlledBy(job, uid)) observed.push(observeJob(job));
    }
    return observed;
  }

  private async createJob(
    key: string,
    object: ScheduledJobObject,
    job: RunJob,
    run: PlannedRun,
  ): Promise<{ outcome: CreateOutcome; job?: JobObject; event?: PlanEvent }> {
    const { client, clock, logger, observer } = this.options;
    const name = job.metadata.name;
    const fields = { scheduledJob: key, job: name, runKind: run.kind, scheduledTime: formatInstant(run.scheduledTime) };
    this.gate();
    this.options.expected.expect(key, JobChange.CREATED, name);
    try {
      const created = await client.create(ResourceKind.JOB, job);
      const lagSeconds = (clock.now() - run.scheduledTime) / 1000;
      observer.runCreated(run.kind, lagSeconds);
      logger.log(LogLevel.INFO, 'created Job', { ...fields, lagSeconds });
      return { outcome: CreateOutcome.CREATED, job: created };
    } catch (error) {
      if (ClusterError.is(error, ClusterErrorReason.ALREADY_EXISTS)) {
        const existing = await this.liveJob(splitKey(key).namespace, name);
        // Gone again between the create and the GET: the next sync sees how things stand.
        if (existing === undefined) throw error;
        if (isControlledBy(existing, object.metadata.uid)) {
          logger.log(LogLevel.INFO, 'adopted Job created by an earlier attempt', fields);
          return { outcome: CreateOutcome.ADOPTED, job: existing };
        }
        const message = `Job ${name} exists and is not controlled by this ScheduledJob; its run is not started`;
        logger.log(LogLevel.WARN, 'Job name taken', fields);
        return {
          outcome: CreateOutcome.TAKEN,
          event: { type: EventType.WARNING, reason: 'JobNameTaken', jobName: name, message },
        };
      }
      if (ClusterError.is(error, ClusterErrorReason.INVALID)) {
        logger.log(LogLevel.WARN, 'the API server refused the Job', { ...fields, error: (error as Error).message });
        return {
          outcome: CreateOutcome.REJECTED,
          event: { type: EventType.WARNING, reason: 'FailedCreate', jobName: name, message: (error as Error).message },
        };
      }
      logger.log(LogLevel.WARN, 'Job create failed; retrying', { ...fields, error: String(error) });
      // A lasting failure (forbidden, unexpected) is worth an Event, as upstream records; a flaky API is not.
      if (!(error instanceof ClusterError && error.transient) && !ClusterError.is(error, ClusterErrorReason.CONFLICT)) {
        this.gate();
        await this.options.recorder.record(object, [
          {
            type: EventType.WARNING,
            reason: 'FailedCreate',
            jobName: name,
            message: String((error as Error).message ?? error),
          },
        ]);
      }
      throw error;
    }
  }

  /** One status update; on a conflict (or an unknown outcome) the fresh object is read and our changes merged into it. */
  private async writeStatus(
    key: string,
    object: ScheduledJobObject,
    desired: ScheduledJobResourceStatus,
  ): Promise<void> {
    const { namespace, name } = splitKey(key);
    const basis = object.status;
    let target = object;
    let wanted = desired;
    for (let attempt = 0; ; attempt++) {
      if (sameJson(target.status ?? {}, wanted)) return;
      this.gate();
      try {
        await this.updateStatus(key, { ...target, status: { ...wanted } });
        return;
      } catch (error) {
        const retryable = ClusterError.is(
          error,
          ClusterErrorReason.CONFLICT,
          ClusterErrorReason.TIMEOUT,
          ClusterErrorReason.SERVER_ERROR,
        );
        if (!retryable || attempt === MAX_STATUS_RETRIES) throw error;
        const fresh = await this.liveObject(namespace, name);
        if (fresh === undefined) return;
        this.options.recent.remember(key, fresh);
        target = fresh;
        wanted = mergeStatus(basis, desired, fresh.status);
      }
    }
  }

  /** The status update itself, telling the echo of this write from other changes that arrive meanwhile. */
  private async updateStatus(key: string, object: ScheduledJobObject): Promise<void> {
    const { client, recent } = this.options;
    recent.writeStarted(key);
    let written: ScheduledJobObject | undefined;
    try {
      written = await client.updateStatus(ResourceKind.SCHEDULED_JOB, object);
    } finally {
      if (recent.writeFinished(key, written)) this.options.enqueue(key);
    }
  }

  /**
   * Takes the run-record finalizer off a Job (a conditional update of the Job as last read, read
   * again on a conflict); nothing to do when the Job is gone or no longer holds it.
   */
  private async releaseRunRecord(namespace: string, name: string, known?: JobObject): Promise<void> {
    let job = known;
    for (let attempt = 0; ; attempt++) {
      job ??= await this.liveJob(namespace, name);
      if (job === undefined || !holdsRunRecord(job)) return;
      this.gate();
      try {
        await this.options.client.update(ResourceKind.JOB, withoutRunRecord(job));
        return;
      } catch (error) {
        if (ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return;
        if (!ClusterError.is(error, ClusterErrorReason.CONFLICT) || attempt === MAX_RELEASE_RETRIES) throw error;
        job = undefined;
      }
    }
  }

  /**
   * Releases the cached Jobs filed under `key` that hold the run-record finalizer but whose
   * controller is not the ScheduledJob with `uid` (undefined: none exists): that owner was deleted
   * (the garbage collector is deleting them, or will) and no status can record their runs any
   * more. The owner is read live first, so a cache that is merely behind releases nothing.
   */
  public async releaseStrays(key: string, uid: string | undefined): Promise<void> {
    const strays = this.options.index.jobsOf(key).filter((job) => holdsRunRecord(job) && !isControlledBy(job, uid));
    if (strays.length === 0) return;
    const { namespace, name } = splitKey(key);
    const owner = await this.liveObject(namespace, name);
    for (const job of strays) {
      if (isControlledBy(job, owner?.metadata.uid)) continue;
      await this.releaseRunRecord(namespace, job.metadata.name ?? '', job);
    }
  }

  /** Releases a Job holding the run-record finalizer that no ScheduledJob controls (its owner was deleted orphaning it). */
  public async releaseOrphan(job: JobObject): Promise<void> {
    if (scheduledJobController(job) !== undefined || !holdsRunRecord(job)) return;
    await this.releaseRunRecord(job.metadata.namespace ?? '', job.metadata.name ?? '', job);
  }

  private async deleteJob(key: string, name: string): Promise<void> {
    this.gate();
    this.options.expected.expect(key, JobChange.DELETED, name);
    try {
      await this.options.client.delete(ResourceKind.JOB, splitKey(key).namespace, name, {
        propagationPolicy: PropagationPolicy.BACKGROUND,
      });
    } catch (error) {
      if (!ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) throw error;
    }
  }

  private async liveObject(namespace: string, name: string): Promise<ScheduledJobObject | undefined> {
    try {
      return await this.options.client.get(ResourceKind.SCHEDULED_JOB, namespace, name);
    } catch (error) {
      if (ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return undefined;
      throw error;
    }
  }

  private async liveJob(namespace: string, name: string): Promise<JobObject | undefined> {
    try {
      return await this.options.client.get(ResourceKind.JOB, namespace, name);
    } catch (error) {
      if (ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return undefined;
      throw error;
    }
  }

  private report(key: string, decision: SyncDecision): void {
    const { observer, logger } = this.options;
    if (decision.refusal !== undefined) {
      observer.runSkipped('jobTemplateInvalid');
      logger.log(LogLevel.WARN, 'Job refused: error findings', {
        scheduledJob: key,
        job: decision.refusal.jobName,
        rules: decision.refusal.errors.map((f) => `${f.rule} ${f.field}`),
      });
    }
    const plan = decision.plan;
    if (plan === undefined) {
      logger.log(LogLevel.WARN, 'spec cannot be read', { scheduledJob: key, problems: decision.problems });
      return;
    }
    if (
      plan.create === undefined &&
      plan.skipReason !== undefined &&
      !NOT_A_SKIPPED_RUN.includes(plan.skipReason) &&
      decision.refusal === undefined
    ) {
      observer.runSkipped(plan.skipReason);
    }
    for (let i = 0; i < plan.droppedRuns.length; i++) observer.runSkipped('bufferFull');
  }

  private gate(): void {
    if (!this.options.leadership.isLeader()) throw new NotLeaderError();
  }
}

/** The Job without the run-record finalizer (other finalizers kept), to update conditionally on its resourceVersion. */
function withoutRunRecord(job: JobObject): JobObject {
  const finalizers = (job.metadata.finalizers ?? []).filter((f) => f !== RUN_RECORD_FINALIZER);
  return { ...job, metadata: { ...job.metadata, finalizers } };
}

/** The names in `status.active` (malformed entries ignored). */
function activeNames(object: ScheduledJobObject): string[] {
  const active = (object.status as { active?: unknown } | undefined)?.active;
  if (!Array.isArray(active)) return [];
  return active
    .map((ref: unknown) => (ref as { name?: unknown })?.name)
    .filter((name): name is string => typeof name === 'string');
}
