/**
 * CEL forms of schedule.ts' best-practice rules. cronjob-every-schedule is a prefix test (the API server has already parsed the schedule); its
 * message cannot compute the equivalent fixed schedule the TypeScript check suggests.
 */
import { CelForms } from './cel-form';
import { everySchedule, suspendedCronJob } from './schedule';

export const SCHEDULE_CEL: CelForms = {
  [everySchedule.id]: {
    violation: "object.spec.schedule.startsWith('@every ')",
    fix: 'Use a five-field schedule with fixed times and the same period, e.g. "0 * * * *" for @every 1h (`cdk8s-batch lint` names the equivalent).',
  },
  [suspendedCronJob.id]: {
    violation: 'object.spec.suspend == true',
    fix: 'Remove spec.suspend (or set it to false); if the CronJob is meant to stay off, delete it, or suppress this rule with the reason.',
  },
};
