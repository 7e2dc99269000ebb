/**
 * Due runs, exactly (used whenever a schedule-shaping extension is set; upstream's estimate is in
 * missed-times.ts). A run time t is due when it is after the last handled time, its start
 * (t + jitter) has come, and, with a starting deadline, its start is less than
 * `startingDeadlineSeconds` ago. Of the due runs, the catch-up policy picks which to start:
 *
 * - Latest (the default here): the most recent one.
 * - UpTo K: the K most recent, oldest first.
 * - None: the most recent one, only if it started at most a minute ago (on time).
 *
 * Only the last few run times before now are ever enumerated: the search looks back a few
 * intervals and widens fourfold until it has enough, so a week of downtime on a minutely
 * schedule costs a handful of `next` calls, not ten thousand.
 */
import { CronSchedule } from '../../schedule/cron';
import { jitterDelayMs } from './jitter';
import { CatchUpPolicy } from './types';

/** CatchUpPolicy.NONE starts a run only this soon after its (jittered) start. */
export const ON_TIME_TOLERANCE_MS = 60_000;

/** Up to `count` most recent fire times in (after, now], oldest first. */
export function recentFireTimes(schedule: CronSchedule, after: number, now: number, count: number): number[] {
  const t1 = schedule.next(after);
  if (t1 === null || t1 > now) return [];
  const t2 = schedule.next(t1);
  if (t2 === null || t2 > now) return [t1];
  const gap = t2 - t1;
  const gapsSinceFirst = Math.floor((now - t1) / gap);
  for (let back = count + 1; ; back *= 4) {
    // Starting at t1 plus whole gaps keeps an @every schedule in phase.
    const steps = gapsSinceFirst - back;
    const from = steps <= 0 ? after : t1 + steps * gap;
    const found = lastFireTimes(schedule, from, now, count);
    if (found.length >= count || steps <= 0) return found;
  }
}

/** The last `count` fire times in (from, now], oldest first. */
function lastFireTimes(schedule: CronSchedule, from: number, now: number, count: number): number[] {
  const ring: number[] = [];
  let total = 0;
  for (let t = schedule.next(from); t !== null && t <= now; t = schedule.next(t)) {
    ring[total % count] = t;
    total++;
  }
  if (total <= count) return ring;
  const start = total % count;
  return [...ring.slice(start), ...ring.slice(0, start)];
}

export interface DueRunOptions {
  readonly name: string;
  readonly jitterSeconds: number;
  readonly startingDeadlineSeconds?: number;
  readonly catchUpPolicy: CatchUpPolicy;
  /** K for CatchUpPolicy.UP_TO. */
  readonly catchUpLimit: number;
}

export interface DueRuns {
  /** Run times to start now, oldest first. */
  readonly due: readonly number[];
  /** The latest run time whose jittered start is still ahead. */
  readonly waitingForJitter?: number;
  /** CatchUpPolicy.NONE: the most recent due run, dropped because it is late. */
  readonly late?: number;
}

export function dueRuns(times: CronSchedule, handledThrough: number, now: number, options: DueRunOptions): DueRuns {
  const wanted = options.catchUpPolicy === CatchUpPolicy.UP_TO ? options.catchUpLimit : 1;
  const jitter = options.jitterSeconds > 0;
  // One more than wanted: the newest may still be waiting for its jitter.
  const recent = recentFireTimes(times, handledThrough, now, jitter ? wanted + 1 : wanted);
  const starts = recent.map(
    (t, i) =>
      t +
      jitterDelayMs(
        options.name,
        t,
        options.jitterSeconds,
        i + 1 < recent.length ? recent[i + 1] : jitter ? times.next(t) : null,
      ),
  );
  let waitingForJitter: number | undefined;
  if (recent.length > 0 && starts[starts.length - 1] > now) {
    waitingForJitter = recent.pop();
    starts.pop();
  }
  let first = Math.max(0, recent.length - wanted);
  if (options.startingDeadlineSeconds !== undefined) {
    const windowStart = now - options.startingDeadlineSeconds * 1000;
    while (first < recent.length && starts[first] <= windowStart) first++;
  }
  const due = recent.slice(first);
  if (
    options.catchUpPolicy === CatchUpPolicy.NONE &&
    due.length > 0 &&
    now - starts[starts.length - 1] > ON_TIME_TOLERANCE_MS
  ) {
    return { due: [], waitingForJitter, late: due[0] };
  }
  return { due, waitingForJitter };
}

/** The next run the requeue aims at: its run time, and its jittered start. */
export function nextRun(
  times: CronSchedule,
  handledThrough: number,
  now: number,
  waitingForJitter: number | undefined,
  name: string,
  jitterSeconds: number,
): { time: number; start: number } | undefined {
  let time: number | null;
  if (waitingForJitter !== undefined && waitingForJitter > handledThrough) {
    time = waitingForJitter;
  } else {
    // Usually the first run after the handled time is already after now (and known to the caller's cache).
    const first = times.next(handledThrough);
    time = first === null || first > now ? first : times.next(now);
  }
  if (time === null) return undefined;
  const start = time + (jitterSeconds > 0 ? jitterDelayMs(name, time, jitterSeconds, times.next(time)) : 0);
  return { time, start };
}
