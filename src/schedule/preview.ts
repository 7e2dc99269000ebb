/**
 * A next-run preview under Kubernetes' semantics: the API server's verdict on the schedule and
 * zone, then the controller's fire times. What `cdk8s-batch next` prints and what messages cite.
 */
import { controllerSchedule, nextFireTimes } from './controller-schedule';
import { ScheduleProblem, validateCronSchedule } from './validation';

export interface SchedulePreview {
  /** What the API server would reject; empty when the CronJob would be accepted. */
  readonly problems: readonly ScheduleProblem[];
  /**
   * Fire times in milliseconds since the epoch, none after LAST_PREVIEW_INSTANT; fewer than asked
   * when the schedule stops firing or reaches that bound, none when invalid.
   */
  readonly times: readonly number[];
  /** True when runs were left out because they fall after LAST_PREVIEW_INSTANT. */
  readonly reachedLastYear: boolean;
}

/**
 * The last instant a preview shows: the end of year 9999. Later years no longer print as four
 * digits in RFC 3339 (`+010000-01-01`), and past about year 275760 a JavaScript Date has no value
 * at all (`@every 2562047h` gets there in 10,000 runs).
 */
export const LAST_PREVIEW_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function previewSchedule(
  schedule: string,
  timeZone: string | undefined,
  afterMs: number,
  count: number,
): SchedulePreview {
  const problems = validateCronSchedule(schedule, timeZone);
  if (problems.length > 0) return { problems, times: [], reachedLastYear: false };
  const parsed = controllerSchedule(schedule, timeZone);
  const all = parsed.error === undefined ? nextFireTimes(parsed.schedule, afterMs, count) : [];
  const times = all.filter((t) => t <= LAST_PREVIEW_INSTANT);
  return { problems, times, reachedLastYear: times.length < all.length };
}
