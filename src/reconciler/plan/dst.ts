/**
 * DstPolicy.ONCE: when clocks fall back, the wall-clock hour before the change happens twice and
 * robfig (so Kubernetes) fires at both instants (`30 1 * * *` in New York on 2026-11-01 runs at
 * 05:30Z and 06:30Z). This filter keeps the first instant and drops the repeat. Times that do not
 * exist (spring forward) are already skipped by robfig and stay skipped.
 */
import { CronSchedule } from '../../schedule/cron';
import { TimeZone } from '../../schedule/time-zone';

/** No zone moves its clocks back by more than this at once. */
const MAX_FALL_BACK_SECONDS = 3 * 3600;

/** True when the wall-clock time at `ms` already happened earlier, under the offset before a fall-back. */
export function repeatsEarlierWallTime(ms: number, zone: TimeZone): boolean {
  const seconds = Math.floor(ms / 1000);
  if (!zone.changesBetween(seconds - MAX_FALL_BACK_SECONDS, seconds)) return false;
  const offset = zone.offsetAt(seconds);
  const offsetBefore = zone.offsetAt(seconds - MAX_FALL_BACK_SECONDS);
  if (offsetBefore <= offset) return false;
  // The same wall time under the earlier, larger offset.
  return zone.offsetAt(seconds - (offsetBefore - offset)) === offsetBefore;
}

/** A schedule without the second run of a repeated wall-clock time. */
export class OnceAWallTime implements CronSchedule {
  constructor(
    private readonly inner: CronSchedule,
    private readonly zone: TimeZone,
  ) {}

  next(afterMs: number): number | null {
    let t = this.inner.next(afterMs);
    while (t !== null && repeatsEarlierWallTime(t, this.zone)) t = this.inner.next(t);
    return t;
  }
}
