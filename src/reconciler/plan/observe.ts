/**
 * The first step of every sync (upstream `syncCronJob`, before any schedule logic): bring
 * `status.active` in line with the Jobs that exist, and pick up `lastSuccessfulTime`.
 *
 * - An unfinished Job not in `active` is reported (UnexpectedJob) but not adopted, so it never
 *   counts for Skip or CancelOther.
 * - A finished Job still in `active` is removed from it (SawCompletedJob).
 * - A succeeded Job, listed in `active` or not, moves `lastSuccessfulTime` forward (never
 *   backward) in the same sync; failed Jobs never do. (Until Kubernetes 1.31, kubernetes#122025,
 *   a Job still listed only left `active`, and its completion counted at the next sync.)
 * - A name in `active` without a Job is removed (MissingJob).
 */
import { EventType, JobPhase, ObservedJob, PlanEvent } from './types';

export interface ObservedStatus {
  readonly active: string[];
  readonly lastSuccessfulTime?: number;
}

export function reconcileActive(
  active: readonly string[],
  jobs: readonly ObservedJob[],
  lastSuccessfulTime: number | undefined,
  events: PlanEvent[],
): ObservedStatus {
  // Counts and sets, not searches of the list (quadratic in the Jobs), with the same answer:
  // `active` may list a name twice, and each finished Job of that name takes off one entry, the
  // earliest left, as removing it from the list did; the rest keep their order.
  const listed = countNames(active);
  const completed = new Map<string, number>();
  let lastSuccess = lastSuccessfulTime;
  for (const job of jobs) {
    const isListed = (listed.get(job.name) ?? 0) > 0;
    const finished = job.phase !== JobPhase.RUNNING;
    if (!isListed && !finished) {
      events.push({
        type: EventType.WARNING,
        reason: 'UnexpectedJob',
        jobName: job.name,
        message: `Job ${job.name} is owned by this object but not listed as active`,
      });
    } else if (finished) {
      if (isListed) {
        listed.set(job.name, listed.get(job.name)! - 1);
        completed.set(job.name, (completed.get(job.name) ?? 0) + 1);
        events.push({
          type: EventType.NORMAL,
          reason: 'SawCompletedJob',
          jobName: job.name,
          message: `Job ${job.name} finished: ${job.phase}`,
        });
      }
      if (job.phase === JobPhase.SUCCEEDED && job.finishedAt !== undefined) {
        if (lastSuccess === undefined || lastSuccess < job.finishedAt) lastSuccess = job.finishedAt;
      }
    }
  }
  const existing = new Set(jobs.map((job) => job.name));
  const current: string[] = [];
  for (const name of active) {
    const left = completed.get(name) ?? 0;
    if (left > 0) {
      completed.set(name, left - 1);
      continue;
    }
    if (existing.has(name)) {
      current.push(name);
      continue;
    }
    events.push({
      type: EventType.NORMAL,
      reason: 'MissingJob',
      jobName: name,
      message: `Active Job ${name} no longer exists`,
    });
  }
  return { active: current, lastSuccessfulTime: lastSuccess };
}

/** How many times each name occurs. */
function countNames(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
