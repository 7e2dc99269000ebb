/**
 * The controller loop: list and watch ScheduledJobs and Jobs (ResourceCache), turn every change
 * into a key on the work queue, and let a few workers sync keys one at a time each
 * (scheduled-job-sync.ts), requeueing each object when its plan says, retrying failures after a
 * per-key backoff, and re-syncing everything periodically (a safety net for missed events).
 *
 * Only the leader acts. A replica that does not lead keeps its caches warm and drops the keys it
 * is handed; `resyncAll()` (called when it starts leading) queues every object again.
 */
import { ClusterClient } from '../cluster/client';
import { JobObject, ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../cluster/clock';
import { ResourceCache } from '../cluster/resource-cache';
import { JobPhase } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import {
  holdsRunRecord,
  observeJob,
  scheduledJobController,
} from 'cdk8s-batch/lib/src/reconciler/resource/job-observation';
import { EventRecorder } from './event-recorder';
import { ExpectedEvents, JobChange } from './expected-events';
import { ControllerObserver, JobResult, Logger, LogLevel, NO_OBSERVER, SILENT_LOGGER, SyncResult } from './observer';
import { objectKey, OwnedJobIndex } from './owned-jobs';
import { RecentWrites } from './recent-writes';
import { Leadership, NotLeaderError, ScheduledJobSyncer } from './scheduled-job-sync';
import { WorkQueue } from './work-queue';

export interface ControllerOptions {
  readonly client: ClusterClient;
  readonly clock: Clock;
  /** Asked before every write; usually the LeaderElector. */
  readonly leadership: Leadership;
  /** This replica's name in Events (`reportingInstance`), usually its pod name. */
  readonly identity: string;
  /** Watch one namespace only. @default every namespace */
  readonly namespace?: string;
  /** Every object is synced again this often. @default 300000 (5 minutes) */
  readonly resyncMs?: number;
  /** Objects synced at the same time (each object by one worker at a time). @default 4 */
  readonly workers?: number;
  /** First retry delay of a failed sync, doubled per consecutive failure of that object. @default 200 */
  readonly initialRetryMs?: number;
  /** @default 60000 */
  readonly maxRetryMs?: number;
  /** First retry delay of a failed list or watch, doubled per consecutive failure. @default 1000 */
  readonly initialCacheBackoffMs?: number;
  /** @default 30000 */
  readonly maxCacheBackoffMs?: number;
  /** The Kubernetes release whose rules a Job must pass before it is created. @default "1.28" */
  readonly kubernetesVersion?: string;
  /** @default no measurements */
  readonly observer?: ControllerObserver;
  /** @default no logs */
  readonly logger?: Logger;
  /** A number in [0, 1) to spread cache retries. @default Math.random */
  readonly random?: () => number;
}

export class ScheduledJobController {
  private readonly queue: WorkQueue;
  private readonly index = new OwnedJobIndex();
  private readonly recent = new RecentWrites();
  private readonly expected = new ExpectedEvents();
  private readonly scheduledJobs: ResourceCache<ResourceKind.SCHEDULED_JOB>;
  private readonly jobs: ResourceCache<ResourceKind.JOB>;
  private readonly syncer: ScheduledJobSyncer;
  private readonly observer: ControllerObserver;
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private lastSync: number | undefined;
  private cachesSynced!: () => void;
  private readonly cachesReady = new Promise<void>((resolve) => (this.cachesSynced = resolve));

  public constructor(private readonly options: ControllerOptions) {
    const { client, clock, namespace } = options;
    this.observer = options.observer ?? NO_OBSERVER;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.queue = new WorkQueue({ clock, initialRetryMs: options.initialRetryMs, maxRetryMs: options.maxRetryMs });
    const cacheOptions = {
      client,
      clock,
      selection: namespace === undefined ? undefined : { namespace },
      initialBackoffMs: options.initialCacheBackoffMs,
      maxBackoffMs: options.maxCacheBackoffMs,
      random: options.random,
    };
    this.scheduledJobs = new ResourceCache({
      ...cacheOptions,
      kind: ResourceKind.SCHEDULED_JOB,
      listener: {
        added: (object) => this.queue.add(keyOf(object)),
        updated: (object) => this.scheduledJobUpdated(object),
        // Synced once more: Jobs it left holding the run-record finalizer are released.
        deleted: (object) => {
          this.syncer.forget(keyOf(object));
          this.queue.add(keyOf(object));
        },
        synced: () => this.checkSynced(),
        failed: (error, retryInMs) =>
          this.logger.log(LogLevel.WARN, 'ScheduledJob list or watch failed', {
            reason: error.reason,
            error: error.message,
            retryInMs,
          }),
      },
    });
    this.jobs = new ResourceCache({
      ...cacheOptions,
      kind: ResourceKind.JOB,
      listener: {
        added: (job) => {
          this.jobChanged(JobChange.CREATED, job, this.index.put(job));
          this.releaseOrphan(job);
        },
        updated: (job, previous) => this.jobUpdated(job, previous),
        deleted: (job) => this.jobChanged(JobChange.DELETED, job, [this.index.remove(job)]),
        synced: () => this.checkSynced(),
        failed: (error, retryInMs) =>
          this.logger.log(LogLevel.WARN, 'Job list or watch failed', {
            reason: error.reason,
            error: error.message,
            retryInMs,
          }),
      },
    });
    this.syncer = new ScheduledJobSyncer({
      client,
      clock,
      leadership: options.leadership,
      index: this.index,
      recent: this.recent,
      cached: (ns, name) => this.scheduledJobs.get(ns, name),
      recorder: new EventRecorder(client, clock, options.identity, this.logger),
      expected: this.expected,
      enqueue: (key) => this.queue.add(key),
      observer: this.observer,
      logger: this.logger,
      check: { kubernetesVersion: options.kubernetesVersion },
    });
  }

  /** Starts the caches; the workers start once both have listed. */
  public start(): void {
    if (this.running !== undefined) return;
    this.scheduledJobs.start();
    this.jobs.start();
    this.running = this.run();
  }

  /** True once both caches have listed (readiness). */
  public get ready(): boolean {
    return this.scheduledJobs.synced && this.jobs.synced;
  }

  /** Keys waiting to be synced now. */
  public get queueDepth(): number {
    return this.queue.length;
  }

  /** When the last sync finished (the clock's time); undefined before the first. */
  public get lastSyncAt(): number | undefined {
    return this.lastSync;
  }

  /** Queues every cached ScheduledJob (the periodic resync, and on becoming leader). */
  public resyncAll(): void {
    for (const object of this.scheduledJobs.list()) this.queue.add(keyOf(object));
    for (const job of this.jobs.list()) this.releaseOrphan(job);
  }

  /** Takes no more work, lets the syncs in progress finish, and stops the caches. */
  public async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    this.cachesSynced();
    await this.queue.shutDown();
    await this.running;
    this.scheduledJobs.stop();
    this.jobs.stop();
  }

  private async run(): Promise<void> {
    await this.cachesReady;
    if (this.stopping.signal.aborted) return;
    this.logger.log(LogLevel.INFO, 'caches synced; syncing ScheduledJobs', {
      scheduledJobs: this.scheduledJobs.list().length,
      jobs: this.jobs.list().length,
    });
    const workers = Array.from({ length: this.options.workers ?? 4 }, () => this.work());
    await Promise.all([...workers, this.resyncPeriodically()]);
  }

  private async work(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      try {
        await this.process(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  private async process(key: string): Promise<void> {
    if (!this.options.leadership.isLeader()) return;
    const started = process.hrtime.bigint();
    let result = SyncResult.OK;
    try {
      const requeueAfterMs = await this.syncer.sync(key);
      this.queue.forget(key);
      if (requeueAfterMs !== undefined) this.queue.addAfter(key, requeueAfterMs);
      this.logger.log(LogLevel.DEBUG, 'synced', { scheduledJob: key, requeueAfterMs: requeueAfterMs ?? null });
    } catch (error) {
      if (error instanceof NotLeaderError) {
        result = SyncResult.NOT_LEADER;
      } else {
        result = SyncResult.ERROR;
        this.logger.log(LogLevel.WARN, 'sync failed; retrying', {
          scheduledJob: key,
          error: error instanceof Error ? error.message : String(error),
        });
        this.queue.addRateLimited(key);
      }
    }
    this.lastSync = this.options.clock.now();
    this.observer.syncFinished(Number(process.hrtime.bigint() - started) / 1e9, result);
  }

  private async resyncPeriodically(): Promise<void> {
    const every = this.options.resyncMs ?? 300_000;
    while (!this.stopping.signal.aborted) {
      await this.options.clock.sleep(every, this.stopping.signal);
      if (!this.stopping.signal.aborted) this.resyncAll();
    }
  }

  private scheduledJobUpdated(object: ScheduledJobObject): void {
    const key = keyOf(object);
    // The echo of our own status write changes nothing the sync that wrote it did not know.
    if (!this.recent.caughtUp(key, object)) this.queue.add(key);
  }

  /** A Job appeared or went: its ScheduledJob is synced, unless the change is one of its own sync's creates or deletes. */
  private jobChanged(change: JobChange, job: JobObject, keys: readonly (string | undefined)[]): void {
    for (const key of keys) {
      if (key !== undefined && !this.expected.fulfilled(key, change, job.metadata.name ?? '')) this.queue.add(key);
    }
  }

  /**
   * A Job changed: its ScheduledJob is synced when what the plan reads of the Job changed (phase,
   * start and finish times) or its controller did; progress updates (active pods) need no sync.
   */
  private jobUpdated(job: JobObject, previous: JobObject): void {
    const keys = this.index.put(job, previous);
    const before = observeJob(previous);
    const after = observeJob(job);
    const moved = scheduledJobController(previous)?.uid !== scheduledJobController(job)?.uid;
    // A deletion (TTL, cleanup, the garbage collector) waiting for the run-record finalizer.
    const heldFromDeletion = holdsRunRecord(job) && isBeingDeleted(job) && !isBeingDeleted(previous);
    this.releaseOrphan(job);
    if (
      moved ||
      heldFromDeletion ||
      before.phase !== after.phase ||
      before.startTime !== after.startTime ||
      before.finishedAt !== after.finishedAt
    )
      this.enqueue(keys);
    if (scheduledJobController(job) === undefined || !this.options.leadership.isLeader()) return;
    if (before.phase === JobPhase.RUNNING && after.phase !== JobPhase.RUNNING)
      this.observer.jobFinished(after.phase === JobPhase.FAILED ? JobResult.FAILED : JobResult.SUCCEEDED);
  }

  /** A Job holding the run-record finalizer without a controller is released (best effort; retried on every resync). */
  private releaseOrphan(job: JobObject): void {
    if (!holdsRunRecord(job) || scheduledJobController(job) !== undefined || !this.options.leadership.isLeader())
      return;
    this.syncer.releaseOrphan(job).catch((error: unknown) => {
      if (error instanceof NotLeaderError) return;
      this.logger.log(LogLevel.WARN, 'run-record finalizer not removed from an orphaned Job; retrying on resync', {
        job: `${job.metadata.namespace}/${job.metadata.name}`,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }

  private enqueue(keys: readonly (string | undefined)[]): void {
    for (const key of keys) if (key !== undefined) this.queue.add(key);
  }

  private checkSynced(): void {
    if (this.ready) this.cachesSynced();
  }
}

function isBeingDeleted(job: JobObject): boolean {
  return job.metadata.deletionTimestamp !== undefined;
}

function keyOf(object: ScheduledJobObject): string {
  return objectKey(object.metadata.namespace, object.metadata.name);
}
