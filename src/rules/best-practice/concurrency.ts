/**
 * Overlapping runs. The API default, Allow, lets a slow run overlap the next one; Forbid prevents
 * that, but the controller then simply does not start a run while another is active (a Normal
 * JobAlreadyActive event at most), so a run allowed to last longer than the gap to the next one
 * delays it, and skips it once startingDeadlineSeconds has passed.
 */
import { fieldOf, integerOf, isAbsent } from '../support/access';
import { cronJobTiming, shortestIntervalSeconds } from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { CRONJOB_RUN_CONTROLS } from './groups';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

export const missingConcurrencyPolicy = bestPracticeRule({
  id: 'cronjob-missing-concurrency-policy',
  group: CRONJOB_RUN_CONTROLS,
  kinds: CRONJOBS_ONLY,
  summary: 'Every CronJob chooses its concurrencyPolicy instead of inheriting Allow.',
  check(input) {
    const policy = fieldOf(fieldOf(input.object, 'spec'), 'concurrencyPolicy');
    if (!isAbsent(policy) && policy !== '') return [];
    return [
      {
        field: 'spec.concurrencyPolicy',
        message:
          'concurrencyPolicy is not set, so it defaults to Allow: a run that outlasts the gap to the next one overlaps it, and slow runs can pile up.',
        fix: 'Set spec.concurrencyPolicy: Forbid (skip a run while one is active) or Replace (the new run replaces the old); write Allow if overlapping runs are safe.',
      },
    ];
  },
});

export const forbidDeadlineExceedsInterval = bestPracticeRule({
  id: 'cronjob-forbid-deadline-exceeds-interval',
  kinds: CRONJOBS_ONLY,
  summary: "With concurrencyPolicy Forbid, activeDeadlineSeconds is no longer than the schedule's shortest interval.",
  check(input) {
    if (fieldOf(fieldOf(input.object, 'spec'), 'concurrencyPolicy') !== 'Forbid') return [];
    const deadline = integerOf(fieldOf(input.jobSpec, 'activeDeadlineSeconds'));
    const timing = cronJobTiming(input);
    const interval = timing && shortestIntervalSeconds(timing);
    if (deadline === undefined || interval === undefined || deadline <= interval) return [];
    return [
      {
        field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
        message: `The schedule can fire every ${describeDuration(interval)}, but a run may last ${describeDuration(deadline)}; with concurrencyPolicy Forbid the controller does not start a run while another is active, so ${whatASlowRunCosts(Math.ceil(deadline / interval) - 1, integerOf(fieldOf(fieldOf(input.object, 'spec'), 'startingDeadlineSeconds')))}.`,
        fix: `Lower activeDeadlineSeconds to at most ${interval}, space the schedule further apart, or use concurrencyPolicy Replace if a new run should win over an old one.`,
      },
    ];
  },
});

/**
 * What happens to the `due` runs whose time comes while one slow run lasts. The controller does not
 * move lastScheduleTime on while it holds a run back, so when the slow run ends it starts the most
 * recent of them, late, if that is still within startingDeadlineSeconds (none: always), and never
 * the others (docs/research/cronjob-controller.md).
 */
function whatASlowRunCosts(due: number, startingDeadline: number | undefined): string {
  if (startingDeadline === undefined)
    return due === 1
      ? 'a slow run delays the next one until it ends'
      : `a slow run holds back the ${due} runs due meanwhile: when it ends only the most recent starts, late, and the others never start`;
  const deadline = `startingDeadlineSeconds (${describeDuration(startingDeadline)})`;
  return due === 1
    ? `a slow run holds back the next one, which starts when it ends if that is less than ${deadline} after its time, and is skipped without a trace otherwise`
    : `a slow run holds back the ${due} runs due meanwhile: when it ends only the most recent starts, if it is less than ${deadline} late, and the others are skipped without a trace`;
}

export const CONCURRENCY_RULES = [missingConcurrencyPolicy, forbidDeadlineExceedsInterval];
