/**
 * Overlap policies: what a due run does about runs still active.
 *
 * - AllowAll (CronJob Allow): start it.
 * - Skip (CronJob Forbid): while anything is active, start nothing; the run stays due (the last
 *   handled time does not move), so it starts once the active run ends if it is still the most
 *   recent due run and within its deadline, exactly like upstream Forbid.
 * - CancelOther (CronJob Replace): delete every active Job, then start it.
 * - BufferOne / BufferAll: append the due runs to a queue kept in status (at most 1, or
 *   `bufferLimit`; when it overflows the oldest queued runs are dropped, so the newest are kept)
 *   and start the queue's head whenever nothing is active. A queued run counts as handled: it is
 *   not found due again, and the queue's tail moves the search start forward.
 *
 * Queued runs start regardless of the starting deadline: the deadline is checked when a run
 * becomes due, not while it waits.
 */
import { DEFAULT_BUFFER_LIMIT } from '../resource/scheduled-job-model';
import { OverlapPolicy, RunKind, SkipReason } from './types';

export interface OverlapDecision {
  /** The run to start, if any. */
  readonly start?: { readonly time: number; readonly kind: RunKind.SCHEDULED | RunKind.QUEUED };
  readonly deleteActive: readonly string[];
  /** The buffer queue after the decision (empty for non-buffer policies). */
  readonly queue: readonly number[];
  /** Queued runs dropped because the queue overflowed, oldest first. */
  readonly dropped: readonly number[];
  /** Newly queued run times. */
  readonly queued: readonly number[];
  readonly skip?: SkipReason.FORBID_CONCURRENT | SkipReason.QUEUED;
}

const NONE: readonly never[] = [];

export function isBuffered(policy: OverlapPolicy): boolean {
  return policy === OverlapPolicy.BUFFER_ONE || policy === OverlapPolicy.BUFFER_ALL;
}

function bufferLimit(policy: OverlapPolicy, limit: number | undefined): number {
  return policy === OverlapPolicy.BUFFER_ONE ? 1 : (limit ?? DEFAULT_BUFFER_LIMIT);
}

/**
 * Decides for the due run times `due` (oldest first; only the first is started directly, the
 * caller requeues at once for the rest) given the active Jobs and the current queue.
 */
export function decideOverlap(
  policy: OverlapPolicy,
  limit: number | undefined,
  due: readonly number[],
  active: readonly string[],
  queue: readonly number[],
): OverlapDecision {
  if (isBuffered(policy)) return buffer(bufferLimit(policy, limit), due, active, queue);
  if (due.length === 0) return { deleteActive: NONE, queue, dropped: NONE, queued: NONE };
  const start = { time: due[0], kind: RunKind.SCHEDULED } as const;
  switch (policy) {
    case OverlapPolicy.SKIP:
      if (active.length > 0)
        return { deleteActive: NONE, queue, dropped: NONE, queued: NONE, skip: SkipReason.FORBID_CONCURRENT };
      return { start, deleteActive: NONE, queue, dropped: NONE, queued: NONE };
    case OverlapPolicy.CANCEL_OTHER:
      return { start, deleteActive: active, queue, dropped: NONE, queued: NONE };
    default:
      return { start, deleteActive: NONE, queue, dropped: NONE, queued: NONE };
  }
}

function buffer(
  limit: number,
  due: readonly number[],
  active: readonly string[],
  queue: readonly number[],
): OverlapDecision {
  const idle = active.length === 0;
  // Nothing waiting and nothing running: a due run starts straight away, like AllowAll.
  if (idle && queue.length === 0 && due.length > 0) {
    const [first, ...rest] = due;
    const kept = rest.slice(Math.max(0, rest.length - limit));
    return {
      start: { time: first, kind: RunKind.SCHEDULED },
      deleteActive: NONE,
      queue: kept,
      dropped: rest.slice(0, rest.length - kept.length),
      queued: kept,
    };
  }
  const all = due.length > 0 ? [...queue, ...due] : queue.slice();
  const dropped = all.splice(0, Math.max(0, all.length - limit));
  const queued = due.filter((t) => !dropped.includes(t));
  if (!idle || all.length === 0)
    return { deleteActive: NONE, queue: all, dropped, queued, skip: due.length > 0 ? SkipReason.QUEUED : undefined };
  const head = all.shift() as number;
  return { start: { time: head, kind: RunKind.QUEUED }, deleteActive: NONE, queue: all, dropped, queued };
}
