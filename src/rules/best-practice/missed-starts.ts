/**
 * The 100-missed-starts rule. When the controller comes back to a CronJob (after its own outage,
 * a long suspension, a clock jump), it starts one Job, for the most recent missed start time,
 * whatever the number missed: it never catches up on the others. It also estimates how many it
 * missed since the last run (or since now - startingDeadlineSeconds when that is set), and past 100
 * it records a TooManyMissedTimes warning event (docs/research/cronjob-controller.md; releases
 * before the v2 controller stopped scheduling the CronJob altogether: kubernetes#42649). The
 * estimate divides the gap by the first interval it sees, so the shortest interval is the worst
 * case: 100 x shortest interval of outage is enough.
 */
import { Violation } from '../rule';
import { fieldOf, integerOf, isAbsent } from '../support/access';
import {
  cronJobTiming,
  MISSED_STARTS_LIMIT,
  shortestIntervalSeconds,
  suggestedStartingDeadlineFor,
} from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { CRONJOB_RUN_CONTROLS } from './groups';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

/**
 * Without a deadline the window is unbounded, so any schedule passes 100 missed starts eventually;
 * we warn when it takes at most this long, an outage or suspension a team can plausibly live through.
 */
export const PLAUSIBLE_OUTAGE_SECONDS = 7 * 86_400;

export const tooManyMissedStarts = bestPracticeRule({
  id: 'cronjob-too-many-missed-starts',
  group: CRONJOB_RUN_CONTROLS,
  kinds: CRONJOBS_ONLY,
  summary: `A CronJob's startingDeadlineSeconds keeps the missed-start window under ${MISSED_STARTS_LIMIT} runs (else TooManyMissedTimes).`,
  check(input): Violation[] {
    const timing = cronJobTiming(input);
    const interval = timing && shortestIntervalSeconds(timing);
    if (timing === undefined || interval === undefined) return [];
    const window = MISSED_STARTS_LIMIT * interval;
    const arithmetic = `${MISSED_STARTS_LIMIT} x ${describeDuration(interval)} = ${describeDuration(window)}`;
    // The same whatever the count: one run, for the most recent missed time. Past the limit only the warning is added.
    const consequence =
      'the controller records a TooManyMissedTimes warning event on the CronJob (it starts one run for the most recent missed time, as it does after any outage, and never the others)';
    const suggestion = suggestedStartingDeadlineFor(timing);
    const raw = fieldOf(fieldOf(input.object, 'spec'), 'startingDeadlineSeconds');
    if (isAbsent(raw)) {
      if (window > PLAUSIBLE_OUTAGE_SECONDS) return [];
      return [
        {
          field: 'spec.startingDeadlineSeconds',
          message: `The schedule can fire every ${describeDuration(interval)} and no startingDeadlineSeconds limits how far back the controller counts: after an outage or suspension longer than ${arithmetic}, ${consequence}.`,
          fix: `Set spec.startingDeadlineSeconds below ${window}, e.g. ${suggestion}: runs older than that are then skipped instead of counted.`,
        },
      ];
    }
    const deadline = integerOf(raw);
    if (deadline === undefined || deadline <= window) return [];
    return [
      {
        field: 'spec.startingDeadlineSeconds',
        message: `startingDeadlineSeconds ${deadline} (${describeDuration(deadline)}) spans more than ${MISSED_STARTS_LIMIT} runs of a schedule that can fire every ${describeDuration(interval)} (${arithmetic}): after an outage that long, ${consequence}.`,
        fix: `Lower spec.startingDeadlineSeconds to at most ${window}, e.g. ${suggestion}.`,
      },
    ];
  },
});

export const MISSED_START_RULES = [tooManyMissedStarts];
