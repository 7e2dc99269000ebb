/**
 * A next-run preview under Kubernetes' semantics: the API server's verdict on the schedule and
 * zone, then the controller's fire times. What `cdk8s-batch next` prints and what messages cite.
 */
import { controllerSchedule, nextFireTimes } from './controller-schedule';
import { ScheduleProblem, validateCronSchedule } from './validation';

export interface SchedulePreview {
  /** What the API server would reject; empty when the CronJob would be accepted. */
  readonly problems: readonly ScheduleProblem[];
  /** Fire times in milliseconds since the epoch; fewer than asked when the schedule stops firing, none when invalid. */
  readonly times: readonly number[];
}

export function previewSchedule(
  schedule: string,
  timeZone: string | undefined,
  afterMs: number,
  count: number,
): SchedulePreview {
  const problems = validateCronSchedule(schedule, timeZone);
  if (problems.length > 0) return { problems, times: [] };
  const parsed = controllerSchedule(schedule, timeZone);
  const times = parsed.error === undefined ? nextFireTimes(parsed.schedule, afterMs, count) : [];
  return { problems, times };
}
