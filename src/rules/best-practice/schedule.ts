/**
 * Whether and when a CronJob runs at all: a schedule the API server accepts that never fires
 * (the controller reports InvalidSchedule forever; a never-works error, not a warning), an `@every` schedule whose run times depend on
 * when the object was created, and a CronJob committed as suspended.
 */
import { ConstantDelaySchedule } from '../../schedule/cron';
import { fixedScheduleFor } from '../../schedule/every-equivalent';
import { fieldOf } from '../support/access';
import { cronJobTiming, scheduleAnalysis } from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { neverWorksRule } from '../never-works/never-works-rule';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

/** A never-works error (never-works/never-works-rule.ts), listed with them in never-works/index.ts. */
export const scheduleNeverFires = neverWorksRule({
  id: 'cronjob-schedule-never-fires',
  kinds: CRONJOBS_ONLY,
  summary: 'The schedule names a time that exists (not, say, February 30th).',
  check(input) {
    const timing = cronJobTiming(input);
    if (!timing || !scheduleAnalysis(input, timing)?.neverFires) return [];
    return [
      {
        field: 'spec.schedule',
        message: `the schedule ${JSON.stringify(timing.schedule)} names no time that ever comes (like February 30th): the controller reports InvalidSchedule and never creates a Job.`,
        fix: 'Correct the day-of-month, month and day-of-week fields so they name a date that exists, e.g. "0 0 28 2 *" for late February.',
      },
    ];
  },
});

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
        message: `${JSON.stringify(timing.schedule)} counts from when the CronJob was created, then from each run, not from the clock: its run times depend on when it was applied, change when it is recreated, and shift after missed runs.`,
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
