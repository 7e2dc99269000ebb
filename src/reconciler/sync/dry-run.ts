/**
 * What the controller would create for one ScheduledJob at one instant, without a cluster: the
 * same decisions (sync-decision.ts) carried out on a copy, as many syncs in a row as the plan asks
 * for at once (catch-up, a queue, a backfill under AllowAll), each created Job counted as running.
 * `reconcile --dry-run` and `trigger --dry-run` print and write what this returns.
 */
import { JobObject, ScheduledJobObject } from '../resource/objects';
import { JobPhase, ObservedJob, PlannedRun, SkipReason } from '../plan/types';
import { FieldProblem } from '../resource/field-reader';
import { isControlledBy, observeJob } from '../resource/job-observation';
import { RunJob } from '../resource/run-job';
import { RunJobCheckOptions } from './run-job-check';
import { decideSync, SyncDecision } from './sync-decision';

/** Syncs carried out for one object at most (a backfill creates at most 1000 runs). */
const MAX_SYNCS = 1100;
/** A resource read from a file has no creation time; it is taken to have existed this long. */
export const ASSUMED_AGE_MS = 7 * 86_400_000;

export interface DryRunResult {
  /** The Jobs the controller would create, in order, with the runs they stand for. */
  readonly created: readonly { readonly job: RunJob; readonly run: PlannedRun }[];
  /** False when the spec could not be read (`problems` says why), so nothing was planned. */
  readonly planned: boolean;
  /** The Job the rules refused (nothing after it is created). */
  readonly refusal?: SyncDecision['refusal'];
  /** Problems reading the spec or status. */
  readonly problems: readonly FieldProblem[];
  /** Why the last sync created nothing, and the specifics. */
  readonly skipReason?: SkipReason;
  readonly skipDetail?: string;
  /** The next run the controller would wait for. */
  readonly nextScheduleTime?: number;
}

/** The Jobs among `jobs` that `object` controls, as the plan sees them. */
export function ownedJobs(object: ScheduledJobObject, jobs: readonly JobObject[]): ObservedJob[] {
  return jobs
    .filter((job) => job.metadata.namespace === object.metadata.namespace && isControlledBy(job, object.metadata.uid))
    .map(observeJob);
}

export function dryRunSync(
  object: ScheduledJobObject,
  jobs: readonly ObservedJob[],
  now: number,
  options: RunJobCheckOptions = {},
): DryRunResult {
  const created: { job: RunJob; run: PlannedRun }[] = [];
  let current = object;
  let observed = [...jobs];
  for (let sync = 0; sync < MAX_SYNCS; sync++) {
    const decision = decideSync(
      { object: current, jobs: observed, now, assumedCreation: now - ASSUMED_AGE_MS },
      options,
    );
    const plan = decision.plan;
    if (plan === undefined || decision.refusal !== undefined || decision.job === undefined) {
      return {
        created,
        planned: plan !== undefined,
        refusal: decision.refusal,
        problems: decision.problems,
        skipReason: plan?.skipReason,
        skipDetail: plan?.skipDetail,
        nextScheduleTime: plan?.requeueAfterMs === undefined ? undefined : plan.nextScheduleTime,
      };
    }
    created.push({ job: decision.job, run: plan.create! });
    const gone = new Set([...plan.deleteActive, ...plan.deleteFinished]);
    observed = [
      ...observed.filter((j) => !gone.has(j.name)),
      { name: decision.job.metadata.name, phase: JobPhase.RUNNING, startTime: now },
    ];
    current = { ...current, status: { ...decision.status } };
    if (plan.requeueAfterMs !== 0)
      return { created, planned: true, problems: decision.problems, nextScheduleTime: plan.nextScheduleTime };
  }
  return { created, planned: true, problems: [] };
}
