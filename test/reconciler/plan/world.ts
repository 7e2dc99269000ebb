/**
 * A tiny stand-in for the cluster, to test plans over several syncs: it keeps the scheduled job's
 * status and Jobs, carries out each plan (creates, deletes, status write) and lets tests finish
 * Jobs. No clock of its own: each sync names its instant.
 */
import { planSync } from '../../../src/reconciler/plan/plan';
import {
  JobPhase,
  ObservedJob,
  ScheduledJobSpec,
  ScheduledJobStatus,
  SyncPlan,
} from '../../../src/reconciler/plan/types';

export class World {
  status: ScheduledJobStatus = { active: [] };
  jobs: ObservedJob[] = [];
  /** Every Job ever created, in order. */
  readonly created: string[] = [];

  constructor(
    public spec: ScheduledJobSpec,
    readonly creationTimestamp: number,
    readonly name = 'mycronjob',
  ) {}

  /** One sync at `now` (an ISO instant), carried out. */
  sync(now: string): SyncPlan {
    const plan = planSync({
      name: this.name,
      creationTimestamp: this.creationTimestamp,
      spec: this.spec,
      status: this.status,
      jobs: this.jobs,
      now: Date.parse(now),
    });
    const gone = new Set([...plan.deleteActive, ...plan.deleteFinished]);
    this.jobs = this.jobs.filter((j) => !gone.has(j.name));
    if (plan.create) {
      this.jobs.push({ name: plan.create.jobName, phase: JobPhase.RUNNING, startTime: Date.parse(now) });
      this.created.push(plan.create.jobName);
    }
    this.status = plan.status;
    return plan;
  }

  /** Syncs at `now` while the plan asks to be called again at once; returns every plan. */
  drain(now: string, limit = 50): SyncPlan[] {
    const plans: SyncPlan[] = [];
    do plans.push(this.sync(now));
    while (plans[plans.length - 1].requeueAfterMs === 0 && plans.length < limit);
    return plans;
  }

  finish(name: string, succeeded: boolean, at: string): void {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no Job ${name}`);
    this.jobs = this.jobs.map((j) =>
      j === job ? { ...j, phase: succeeded ? JobPhase.SUCCEEDED : JobPhase.FAILED, finishedAt: Date.parse(at) } : j,
    );
  }

  /** Finishes every running Job. */
  finishAll(succeeded: boolean, at: string): void {
    for (const j of this.jobs.filter((x) => x.phase === JobPhase.RUNNING)) this.finish(j.name, succeeded, at);
  }
}

/** The Job name of a scheduled run at an ISO instant. */
export function jobFor(iso: string, name = 'mycronjob'): string {
  return `${name}-${Math.floor(Date.parse(iso) / 60_000)}`;
}
