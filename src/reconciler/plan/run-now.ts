/**
 * Run-now: `spec.runNowAt` asks for one run standing for that instant, like
 * `kubectl create job --from=cronjob/NAME`. Each distinct, newer value starts one run, named
 * `<name>-r<seconds in base 36>` (job-names.ts) so it can never take a scheduled run's name;
 * `status.lastRunNowAt` remembers the request handled. A request in the future waits for its
 * instant. Being an explicit human request, it starts even while the object is suspended or
 * paused, inside an exclusion window, and whatever the overlap policy; it does not move
 * `lastScheduleTime`, so the schedule carries on as before.
 */
import { ScheduledJobSpec, ScheduledJobStatus } from './types';

/** The run-now request not handled yet, if any. */
export function pendingRunNow(spec: ScheduledJobSpec, status: ScheduledJobStatus): number | undefined {
  const requested = spec.runNowAt;
  if (requested === undefined) return undefined;
  if (status.lastRunNowAt !== undefined && requested <= status.lastRunNowAt) return undefined;
  return requested;
}
