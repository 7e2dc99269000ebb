/**
 * History cleanup, the upstream `cleanupFinishedJobs`: keep the newest `limit` finished Jobs of
 * each outcome, delete the rest. Runs before any schedule logic, so it also happens while the
 * scheduled job is suspended or its schedule is broken.
 */
import { JobPhase, ObservedJob } from './types';

/** Names to delete: successful Jobs first, then failed ones, each list oldest first. */
export function finishedJobsToDelete(
  jobs: readonly ObservedJob[],
  successfulLimit: number | undefined,
  failedLimit: number | undefined,
): string[] {
  if (successfulLimit === undefined && failedLimit === undefined) return [];
  const doomed: string[] = [];
  if (successfulLimit !== undefined) oldestBeyond(jobs, JobPhase.SUCCEEDED, successfulLimit, doomed);
  if (failedLimit !== undefined) oldestBeyond(jobs, JobPhase.FAILED, failedLimit, doomed);
  return doomed;
}

function oldestBeyond(jobs: readonly ObservedJob[], phase: JobPhase, limit: number, into: string[]): void {
  let count = 0;
  for (const job of jobs) if (job.phase === phase) count++;
  if (count <= limit) return;
  const finished = jobs.filter((job) => job.phase === phase).sort(byStartTime);
  for (let i = 0; i < count - limit; i++) into.push(finished[i].name);
}

/** Upstream `byJobStartTime`: by start time, a Job without one counts as newest, ties by name. */
function byStartTime(a: ObservedJob, b: ObservedJob): number {
  if (a.startTime === undefined && b.startTime !== undefined) return 1;
  if (a.startTime !== undefined && b.startTime === undefined) return -1;
  if (a.startTime === b.startTime) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return (a.startTime as number) - (b.startTime as number);
}
