/**
 * The reconciler's Prometheus metrics, on a prom-client registry of its own (nothing global, so
 * tests and several instances never share counters): how late runs start, what was created,
 * skipped and failed, how the API behaves, how long syncs take, how much work waits, who leads.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ControllerObserver, JobResult, SyncResult } from '../controller/observer';
import { RunKind } from 'cdk8s-batch/lib/src/reconciler/plan/types';

const PREFIX = 'cdk8s_batch_reconciler_';

/** Live values read when Prometheus scrapes. */
export interface MetricSources {
  readonly queueDepth: () => number;
  readonly leading: () => boolean;
}

export class ReconcilerMetrics implements ControllerObserver {
  public readonly registry = new Registry();
  private readonly scheduleLag: Histogram<'run_kind'>;
  private readonly runsCreated: Counter<'run_kind'>;
  private readonly runsSkipped: Counter<'reason'>;
  private readonly jobsFinished: Counter<'result'>;
  private readonly apiErrors: Counter<'verb' | 'reason'>;
  private readonly syncDuration: Histogram<'result'>;

  public constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.scheduleLag = new Histogram({
      name: `${PREFIX}schedule_lag_seconds`,
      help: "Time from a run's scheduled time to the creation of its Job (includes jitter, catch-up and queueing).",
      labelNames: ['run_kind'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    this.runsCreated = new Counter({
      name: `${PREFIX}runs_created_total`,
      help: 'Jobs created, by why the run exists.',
      labelNames: ['run_kind'],
      registers,
    });
    this.runsSkipped = new Counter({
      name: `${PREFIX}runs_skipped_total`,
      help: 'Syncs that held a due run back or refused it, by reason (forbidConcurrent, excluded, paused, jobTemplateInvalid, bufferFull, ...).',
      labelNames: ['reason'],
      registers,
    });
    this.jobsFinished = new Counter({
      name: `${PREFIX}jobs_finished_total`,
      help: 'Jobs controlled by a ScheduledJob that finished, by result.',
      labelNames: ['result'],
      registers,
    });
    this.apiErrors = new Counter({
      name: `${PREFIX}api_errors_total`,
      help: 'Failed Kubernetes API requests, by verb and reason.',
      labelNames: ['verb', 'reason'],
      registers,
    });
    this.syncDuration = new Histogram({
      name: `${PREFIX}sync_duration_seconds`,
      help: 'Time spent syncing one ScheduledJob, by result.',
      labelNames: ['result'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    new Gauge({
      name: `${PREFIX}queue_depth`,
      help: 'ScheduledJobs waiting to be synced now.',
      registers,
      collect() {
        this.set(sources.queueDepth());
      },
    });
    new Gauge({
      name: `${PREFIX}leader`,
      help: '1 while this replica leads (and may create Jobs), else 0.',
      registers,
      collect() {
        this.set(sources.leading() ? 1 : 0);
      },
    });
  }

  public runCreated(kind: RunKind, lagSeconds: number): void {
    this.runsCreated.inc({ run_kind: kind });
    this.scheduleLag.observe({ run_kind: kind }, Math.max(0, lagSeconds));
  }

  public runSkipped(reason: string): void {
    this.runsSkipped.inc({ reason });
  }

  public jobFinished(result: JobResult): void {
    this.jobsFinished.inc({ result });
  }

  public syncFinished(seconds: number, result: SyncResult): void {
    this.syncDuration.observe({ result }, seconds);
  }

  public apiError(verb: string, reason: string): void {
    this.apiErrors.inc({ verb, reason });
  }

  /** The exposition text for /metrics. */
  public text(): Promise<string> {
    return this.registry.metrics();
  }

  public get contentType(): string {
    return this.registry.contentType;
  }
}
