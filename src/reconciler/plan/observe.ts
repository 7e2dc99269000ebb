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
  const current = active.slice();
  const remove = (name: string) => current.splice(current.indexOf(name), 1);
  let lastSuccess = lastSuccessfulTime;
  for (const job of jobs) {
    const listed = current.includes(job.name);
    const finished = job.phase !== JobPhase.RUNNING;
    if (!listed && !finished) {
      events.push({
        type: EventType.WARNING,
        reason: 'UnexpectedJob',
        jobName: job.name,
        message: `Job ${job.name} is owned by this object but not listed as active`,
      });
    } else if (finished) {
      if (listed) {
        remove(job.name);
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
  for (let i = 0; i < current.length;) {
    const name = current[i];
    if (jobs.some((job) => job.name === name)) {
      i++;
      continue;
    }
    remove(name);
    events.push({
      type: EventType.NORMAL,
      reason: 'MissingJob',
      jobName: name,
      message: `Active Job ${name} no longer exists`,
    });
  }
  return { active: current, lastSuccessfulTime: lastSuccess };
}
