/**
 * Overlapping runs. The API default, Allow, lets a slow run overlap the next one; Forbid prevents
 * that, but the controller then simply does not start a run while another is active (a Normal
 * JobAlreadyActive event at most), so a run allowed to last longer than the gap to the next one
 * can silently swallow it.
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
    const swallowed = Math.ceil(deadline / interval) - 1;
    return [
      {
        field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
        message: `The schedule can fire every ${describeDuration(interval)}, but a run may last ${describeDuration(deadline)}; with concurrencyPolicy Forbid the controller does not start a run while another is active, so a slow run can silently swallow ${swallowed === 1 ? 'the next run' : `up to ${swallowed} following runs`}.`,
        fix: `Lower activeDeadlineSeconds to at most ${interval}, space the schedule further apart, or use concurrencyPolicy Replace if a new run should win over an old one.`,
      },
    ];
  },
});

export const CONCURRENCY_RULES = [missingConcurrencyPolicy, forbidDeadlineExceedsInterval];
