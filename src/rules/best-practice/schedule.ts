/**
 * When a CronJob runs: an `@every` schedule whose run times depend on when the object was
 * created, and a CronJob committed as suspended. (A schedule that never fires is a never-works
 * error: never-works/schedule.ts.)
 */
import { ConstantDelaySchedule } from '../../schedule/cron';
import { fixedScheduleFor } from '../../schedule/every-equivalent';
import { fieldOf } from '../support/access';
import { cronJobTiming } from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

export const everySchedule = bestPracticeRule({
  id: 'cronjob-every-schedule',
  kinds: CRONJOBS_ONLY,
  summary: 'The schedule uses fixed times, not @every (whose run times depend on when the CronJob was created).',
  check(input) {
    const timing = cronJobTiming(input);
    if (!timing || !(timing.parsed instanceof ConstantDelaySchedule)) return [];
    const equivalent = fixedScheduleFor(timing.parsed.delaySeconds);
    return [
      {
        field: 'spec.schedule',
        message: `${JSON.stringify(timing.schedule)} counts from when the CronJob was created, then from each run (or from now - startingDeadlineSeconds, when that is later), not from the clock: its run times depend on when it was applied, change when it is recreated, and shift after missed runs.`,
        fix: equivalent
          ? `Use fixed times with the same period: schedule ${JSON.stringify(equivalent)}.`
          : `Use a five-field schedule with fixed times; every ${describeDuration(timing.parsed.delaySeconds)} does not divide an hour or a day evenly, so pick the nearest period that does.`,
      },
    ];
  },
});

export const suspendedCronJob = bestPracticeRule({
  id: 'cronjob-suspended',
  kinds: CRONJOBS_ONLY,
  summary: 'A CronJob is not committed with suspend: true.',
  check(input) {
    if (fieldOf(fieldOf(input.object, 'spec'), 'suspend') !== true) return [];
    return [
      {
        field: 'spec.suspend',
        message:
          'The CronJob is suspended in its manifest, so it never runs once applied, and every re-apply suspends it again if someone resumed it by hand.',
        fix: 'Remove spec.suspend (or set it to false); if the CronJob is meant to stay off, delete it, or suppress this rule with the reason.',
      },
    ];
  },
});

export const SCHEDULE_RULES = [everySchedule, suspendedCronJob];
