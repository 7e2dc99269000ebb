/**
 * Job names. A scheduled run is `<name>-<scheduled unix minutes>` exactly as the CronJob
 * controller names it, so the name doubles as a lock against creating a run twice. A run-now
 * Job is `<name>-r<unix seconds in base 36>`: the `r` keeps it apart from every scheduled name
 * (whose suffix is all digits), and with a name of at most 52 characters it fits in 63.
 */

/** The upstream `getJobName`: minutes since the epoch of the scheduled time, in UTC whatever the zone. */
export function scheduledJobName(name: string, scheduledTime: number): string {
  return `${name}-${Math.floor(scheduledTime / 60_000)}`;
}

/** The name of the Job a run-now request for `requestedAt` creates. */
export function runNowJobName(name: string, requestedAt: number): string {
  return `${name}-r${Math.floor(requestedAt / 1000).toString(36)}`;
}
