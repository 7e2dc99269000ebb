/**
 * The runs of a job inside the map's window: when each is scheduled, when it starts (a
 * ScheduledJob's jitter delays it by a stable amount, the reconciler's own `jitterDelayMs`), how
 * late jitter could make it at most (the band), and its deadline bound. Then the bars a timeline
 * draws: a job's runs as spans where one run or several at once may be active.
 */
import { jitterDelayMs } from '../reconciler/plan/jitter';
import { MappedJob } from './fleet';

/** The half-open interval [fromMs, toMs) the map covers. */
export interface MapWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** One run of a job. */
export interface MappedRun {
  /** The fire time of its schedule. */
  readonly scheduledMs: number;
  /** When it starts: the fire time plus its jitter delay. */
  readonly startMs: number;
  /** The latest start jitter allows (the end of the jitter band); `scheduledMs` without jitter. */
  readonly latestStartMs: number;
  /** `startMs` plus the deadline; undefined when runs are unbounded. */
  readonly endMs?: number;
}

/** A job's runs in the window, and whether the list was cut short. */
export interface JobRuns {
  readonly runs: readonly MappedRun[];
  /** True when the job starts more than `maxRuns` times in the window and only the first are kept. */
  readonly truncated: boolean;
}

/**
 * The runs of `job` whose start lies in the window, in order. A suspended job or one that cannot
 * run has none. At most `maxRuns` are kept, so `@every 1s` cannot exhaust memory.
 */
export function runsInWindow(job: MappedJob, window: MapWindow, maxRuns: number): JobRuns {
  const schedule = job.runTimes;
  if (schedule === undefined || job.suspended) return { runs: [], truncated: false };
  const runs: MappedRun[] = [];
  const deadlineMs = job.deadlineSeconds === undefined ? undefined : job.deadlineSeconds * 1000;
  const jitterMs = job.jitterSeconds * 1000;
  // A run scheduled up to the jitter before the window may start inside it.
  let t = schedule.next(window.fromMs - jitterMs - 1);
  while (t !== null && t < window.toMs) {
    const next = schedule.next(t);
    const delay = jitterMs > 0 ? jitterDelayMs(job.name, t, job.jitterSeconds, next) : 0;
    const start = t + delay;
    if (start >= window.fromMs && start < window.toMs) {
      if (runs.length === maxRuns) return { runs, truncated: true };
      const bound = jitterMs > 0 ? Math.min(jitterMs, next === null ? Infinity : next - t - 1000) : 0;
      runs.push({
        scheduledMs: t,
        startMs: start,
        latestStartMs: t + Math.max(bound, 0),
        ...(deadlineMs === undefined ? {} : { endMs: start + deadlineMs }),
      });
    }
    t = next;
  }
  return { runs, truncated: false };
}

/** A stretch of a job's timeline: `depth` runs may be active in it (2 stands for "two or more"). */
export interface RunSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly depth: 1 | 2;
}

/**
 * The spans of a job's bars, clipped to the window: where one run may be active, and where
 * several may (the job overlaps itself). A run without a deadline is unbounded: it may still be
 * active at the window's end. All runs of a job share one deadline, so runs end in the order they
 * start, and merging two sorted lists of boundaries is enough.
 */
export function runSpans(runs: readonly MappedRun[], window: MapWindow): RunSpan[] {
  const ends = runs.map((r) => Math.min(r.endMs ?? window.toMs, window.toMs));
  const spans: RunSpan[] = [];
  let active = 0;
  let since = 0;
  let s = 0;
  let e = 0;
  const push = (at: number, before: number) => {
    if (before > 0 && at > since) {
      const depth = before > 1 ? 2 : 1;
      const last = spans[spans.length - 1];
      if (last !== undefined && last.toMs === since && last.depth === depth)
        spans[spans.length - 1] = { ...last, toMs: at };
      else spans.push({ fromMs: since, toMs: at, depth });
    }
    since = at;
  };
  while (s < runs.length || e < ends.length) {
    // At equal instants an end comes first: a run that ends as the next starts does not overlap it.
    if (e < ends.length && (s >= runs.length || ends[e] <= runs[s].startMs)) {
      push(ends[e], active);
      active--;
      e++;
    } else {
      push(runs[s].startMs, active);
      active++;
      s++;
    }
  }
  return spans;
}

/** The shortest time between two consecutive starts, or undefined with fewer than two runs. */
export function shortestGapMs(runs: readonly MappedRun[]): number | undefined {
  let shortest: number | undefined;
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i].startMs - runs[i - 1].startMs;
    if (shortest === undefined || gap < shortest) shortest = gap;
  }
  return shortest;
}
