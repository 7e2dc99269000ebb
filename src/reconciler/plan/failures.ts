/**
 * Pause after N consecutive failures. Finished Jobs are counted once each, in order of their
 * finish time (ties by name), past a watermark kept in status: a failure adds one, a success
 * resets the count to zero. History cleanup may delete a Job in the same sync that first sees it
 * finished; it is counted all the same, because counting reads the observed list.
 *
 * At `pauseAfterFailures` the schedule stops starting runs (the Paused condition says why). A
 * run-now request still starts a run, and its success resumes the schedule; lowering the count in
 * status (`kubectl patch --subresource=status`) or raising `pauseAfterFailures` resumes it too.
 */
import { Condition, ConditionStatus, FailureWatermark, JobPhase, ObservedJob } from './types';

export const PAUSED_CONDITION = 'Paused';

export interface FailureCount {
  readonly consecutiveFailures: number;
  readonly watermark?: FailureWatermark;
}

function after(job: ObservedJob & { finishedAt: number }, mark: FailureWatermark | undefined): boolean {
  if (mark === undefined) return true;
  return job.finishedAt > mark.finishedAt || (job.finishedAt === mark.finishedAt && job.name > mark.jobName);
}

export function countConsecutiveFailures(
  previous: number,
  watermark: FailureWatermark | undefined,
  jobs: readonly ObservedJob[],
): FailureCount {
  const fresh = jobs
    .filter(
      (j): j is ObservedJob & { finishedAt: number } =>
        j.phase !== JobPhase.RUNNING &&
        j.finishedAt !== undefined &&
        after(j as ObservedJob & { finishedAt: number }, watermark),
    )
    .sort((a, b) => a.finishedAt - b.finishedAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (fresh.length === 0) return { consecutiveFailures: previous, watermark };
  let count = previous;
  for (const job of fresh) count = job.phase === JobPhase.FAILED ? count + 1 : 0;
  const last = fresh[fresh.length - 1];
  return { consecutiveFailures: count, watermark: { finishedAt: last.finishedAt, jobName: last.name } };
}

/** The conditions with the Paused condition set; its transition time moves only when its status changes. */
export function withPausedCondition(
  conditions: readonly Condition[] | undefined,
  paused: boolean,
  failures: FailureCount,
  limit: number,
  now: number,
): Condition[] {
  const others = (conditions ?? []).filter((c) => c.type !== PAUSED_CONDITION);
  const previous = (conditions ?? []).find((c) => c.type === PAUSED_CONDITION);
  const status = paused ? ConditionStatus.TRUE : ConditionStatus.FALSE;
  const message = paused
    ? `${failures.consecutiveFailures} consecutive runs failed; scheduled runs are paused until a run succeeds (start one with a run-now request)`
    : `${failures.consecutiveFailures} of ${limit} consecutive failures allowed before pausing`;
  const condition: Condition = {
    type: PAUSED_CONDITION,
    status,
    reason: paused ? 'ConsecutiveFailures' : 'BelowFailureLimit',
    message,
    lastTransitionTime: previous !== undefined && previous.status === status ? previous.lastTransitionTime : now,
  };
  return [...others, condition];
}
