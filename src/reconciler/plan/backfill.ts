/**
 * Backfill: replay the schedule over a past range. The runs are the run times (exclusions and
 * DstPolicy.ONCE applied, no jitter) in [from, min(to, now)], oldest first, at most `maxRuns`.
 * Each keeps its scheduled name, so a time whose Job still exists is skipped, not run twice
 * (delete the old Job to re-run a time). One run starts per sync; under AllowAll the next sync
 * follows at once, under every other overlap policy the next run waits until nothing is active
 * (backfill runs are never skipped, queued or cancelled). Scheduled runs and run-now requests go
 * first. `lastScheduleTime` does not move.
 */
import { CronSchedule } from '../../schedule/cron';
import { DEFAULT_BACKFILL_MAX_RUNS } from '../resource/scheduled-job-model';
import { BackfillProgress, BackfillRequest } from './types';

/** Run times looked at per sync before handing over to the next sync. */
const MAX_SCAN_PER_SYNC = 1000;

/** The runs a request replays, oldest first, and whether the range held more than `maxRuns`. */
export function backfillRunTimes(
  times: CronSchedule,
  request: BackfillRequest,
  now: number,
): { times: number[]; truncated: boolean } {
  const max = request.maxRuns ?? DEFAULT_BACKFILL_MAX_RUNS;
  const last = Math.min(request.to, now);
  const runs: number[] = [];
  for (let t = times.next(request.from - 1); t !== null && t <= last; t = times.next(t)) {
    if (runs.length === max) return { times: runs, truncated: true };
    runs.push(t);
  }
  return { times: runs, truncated: false };
}

export interface BackfillStep {
  /** The run to start next, if one is left. */
  readonly run?: number;
  /** Progress without starting `run` (runs whose Jobs exist skipped, completion noted). */
  readonly progress: BackfillProgress;
}

/** Progress for `request`, continuing `previous` if it belongs to the same request. */
export function backfillProgressFor(
  request: BackfillRequest,
  previous: BackfillProgress | undefined,
): BackfillProgress {
  if (previous !== undefined && previous.from === request.from && previous.to === request.to) return previous;
  return { from: request.from, to: request.to, created: 0, complete: false, truncated: false };
}

/** The next backfill run, skipping run times for which `exists` says a Job is already there. */
export function nextBackfillRun(
  times: CronSchedule,
  request: BackfillRequest,
  previous: BackfillProgress | undefined,
  now: number,
  exists: (time: number) => boolean,
): BackfillStep {
  const progress = backfillProgressFor(request, previous);
  if (progress.complete) return { progress };
  const max = request.maxRuns ?? DEFAULT_BACKFILL_MAX_RUNS;
  const last = Math.min(request.to, now);
  let through = progress.through;
  let scanned = 0;
  for (let t = times.next(through ?? request.from - 1); t !== null && t <= last; t = times.next(t)) {
    if (progress.created >= max) return { progress: { ...progress, through, complete: true, truncated: true } };
    if (!exists(t)) return { run: t, progress: { ...progress, through } };
    through = t;
    if (++scanned === MAX_SCAN_PER_SYNC) return { progress: { ...progress, through } };
  }
  return { progress: { ...progress, through, complete: true } };
}

/** Progress once `run` has been started. */
export function backfillStarted(progress: BackfillProgress, run: number): BackfillProgress {
  return { ...progress, through: run, created: progress.created + 1 };
}
