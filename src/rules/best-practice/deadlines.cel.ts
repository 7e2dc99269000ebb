/** CEL forms of deadlines.ts. */
import { MIN_STARTING_DEADLINE_SECONDS } from '../support/cronjob-timing';
import { CEL, CelForms } from './cel-form';
import { missingActiveDeadline, missingStartingDeadline, startingDeadlineTooShort } from './deadlines';

export const DEADLINE_CEL: CelForms = {
  [missingActiveDeadline.id]: {
    violation: `!has(${CEL.jobSpec}.activeDeadlineSeconds) && !has(${CEL.podSpec}.activeDeadlineSeconds)`,
    fix: 'Set activeDeadlineSeconds a little above the longest run you expect (for a CronJob, below the shortest interval of its schedule).',
  },
  [missingStartingDeadline.id]: {
    violation: '!has(object.spec.startingDeadlineSeconds)',
    fix: `Set spec.startingDeadlineSeconds to how late a run may still usefully start, at least ${MIN_STARTING_DEADLINE_SECONDS}.`,
  },
  [startingDeadlineTooShort.id]: {
    violation: `has(object.spec.startingDeadlineSeconds) && object.spec.startingDeadlineSeconds > 0 && object.spec.startingDeadlineSeconds < ${MIN_STARTING_DEADLINE_SECONDS}`,
    fix: `Raise spec.startingDeadlineSeconds to at least ${MIN_STARTING_DEADLINE_SECONDS}: a busy or restarting controller manager starts runs late, and a run later than the deadline is skipped.`,
  },
};
