/**
 * The runs of a job inside the map's window: when each is scheduled, when it starts (a
 * ScheduledJob's jitter delays it by a stable amount, the reconciler's own `jitterDelayMs`), how
 * late jitter could make it at most (the band), and its deadline bound. Then the bars a timeline
 * draws: a job's runs as spans where one run or several at once may be active.
 */
import { jitterDelayMs } from '../reconciler/plan/jitter';
import { CronSchedule } from '../schedule/cron';
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

/**
 * A job's runs in the window, as parallel lists of instants. Jobs on the same schedule share one
 * `starts` list (a fleet has thousands of jobs but far fewer schedules), so counting can go by
 * list rather than by job; the run objects are built only for the few uses that need them.
 */
export interface JobRuns {
  /** Start instants, ascending. Shared between jobs: never mutated. */
  readonly starts: readonly number[];
  /** Fire times, `scheduled[i]` for `starts[i]`: the same list as `starts` without jitter. */
  readonly scheduled: readonly number[];
  /** Latest starts jitter allows (the ends of the jitter bands): `scheduled` without jitter. */
  readonly latestStarts: readonly number[];
  /** The deadline bound of each run; undefined when runs are unbounded. */
  readonly deadlineMs?: number;
  /** True when the job starts more than `maxRuns` times in the window and only the first are kept. */
  readonly truncated: boolean;
}

const NO_RUNS: JobRuns = { starts: [], scheduled: [], latestStarts: [], truncated: false };

/** Fire times already computed for a map, by schedule: jobs on the same schedule and zone share one parsed schedule. */
export type FireTimeCache = Map<CronSchedule, readonly number[]>;

/**
 * The runs of `job` whose start lies in the window, in order. A suspended job or one that cannot
 * run has none. At most `maxRuns` are kept, so `@every 1s` cannot exhaust memory. Without jitter a
 * run starts at its fire time, and the fire times of a schedule are computed once per cache.
 */
export function runsInWindow(
  job: MappedJob,
  window: MapWindow,
  maxRuns: number,
  cache: FireTimeCache = new Map(),
): JobRuns {
  const schedule = job.runTimes;
  if (schedule === undefined || job.suspended) return NO_RUNS;
  const deadline = job.deadlineSeconds === undefined ? {} : { deadlineMs: job.deadlineSeconds * 1000 };
  if (job.jitterSeconds > 0) return { ...jitteredRuns(job, schedule, window, maxRuns), ...deadline };
  let times = cache.get(schedule);
  if (times === undefined) {
    times = fireTimes(schedule, window, maxRuns + 1);
    cache.set(schedule, times);
  }
  const starts = times.length > maxRuns ? times.slice(0, maxRuns) : times;
  return { starts, scheduled: starts, latestStarts: starts, truncated: times.length > maxRuns, ...deadline };
}

/** Up to `limit` fire times in the window. */
function fireTimes(schedule: CronSchedule, window: MapWindow, limit: number): number[] {
  const times: number[] = [];
  for (
    let t = schedule.next(window.fromMs - 1);
    t !== null && t < window.toMs && times.length < limit;
    t = schedule.next(t)
  )
    times.push(t);
  return times;
}

/** A jittered job's runs: a run scheduled up to the jitter before the window may start inside it. */
function jitteredRuns(job: MappedJob, schedule: CronSchedule, window: MapWindow, maxRuns: number): JobRuns {
  const [starts, scheduled, latestStarts]: number[][] = [[], [], []];
  const jitterMs = job.jitterSeconds * 1000;
  let t = schedule.next(window.fromMs - jitterMs - 1);
  while (t !== null && t < window.toMs) {
    const next = schedule.next(t);
    const start = t + jitterDelayMs(job.name, t, job.jitterSeconds, next);
    if (start >= window.fromMs && start < window.toMs) {
      if (starts.length === maxRuns) return { starts, scheduled, latestStarts, truncated: true };
      starts.push(start);
      scheduled.push(t);
      latestStarts.push(t + Math.max(0, Math.min(jitterMs, next === null ? Infinity : next - t - 1000)));
    }
    t = next;
  }
  return { starts, scheduled, latestStarts, truncated: false };
}

/** The runs as objects, for the uses that look at runs one by one (bars, overlaps between jobs). */
export function mappedRuns(runs: JobRuns): MappedRun[] {
  return runs.starts.map((startMs, i) => ({
    scheduledMs: runs.scheduled[i],
    startMs,
    latestStartMs: runs.latestStarts[i],
    ...(runs.deadlineMs === undefined ? {} : { endMs: startMs + runs.deadlineMs }),
  }));
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

/** The shortest time between two consecutive starts, or undefined with fewer than two. */
export function shortestGapMs(starts: readonly number[]): number | undefined {
  let shortest: number | undefined;
  for (let i = 1; i < starts.length; i++) {
    const gap = starts[i] - starts[i - 1];
    if (shortest === undefined || gap < shortest) shortest = gap;
  }
  return shortest;
}
