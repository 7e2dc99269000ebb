/**
 * Deadlines: how long a run may take (activeDeadlineSeconds, Job and CronJob job template) and how
 * late a CronJob run may still start (startingDeadlineSeconds). The CronJob controller wakes about
 * 100 ms after each scheduled time, but starts the run only when it gets to it, which can be much
 * later while the controller manager is busy, restarting or failing over (the original controller
 * polled every 10 s: kubernetes#86647, where a 10 s deadline skipped a daily run about one day in
 * five; cdk8s-plus-28 still defaults to 10 s). A starting deadline under a minute then skips runs,
 * and 0 means no run ever starts.
 */
import { fieldOf, integerOf, isAbsent } from '../support/access';
import { child } from '../support/field-path';
import { podTemplate } from '../support/pod-template';
import { cronJobTiming, MIN_STARTING_DEADLINE_SECONDS, suggestedStartingDeadlineFor } from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { RuleInput } from '../rule';
import { CRONJOB_RUN_CONTROLS } from './groups';
import { bestPracticeRule, CRONJOBS_ONLY, JOBS_AND_CRONJOBS } from './best-practice-rule';

export const missingActiveDeadline = bestPracticeRule({
  id: 'job-missing-active-deadline',
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'Every Job, and every CronJob job template, sets activeDeadlineSeconds (or its pod template does: each pod is then stopped, and backoffLimit bounds the retries).',
  check(input) {
    if (!isAbsent(fieldOf(input.jobSpec, 'activeDeadlineSeconds'))) return [];
    // A pod deadline stops every pod of a hung run; the Job fails once backoffLimit is spent.
    if (!isAbsent(podTemplate(input).spec.activeDeadlineSeconds)) return [];
    const policy = input.kind === 'CronJob' ? fieldOf(fieldOf(input.object, 'spec'), 'concurrencyPolicy') : undefined;
    // Replace deletes a run still active when the next one is due: a hung run ends there.
    const held = policy === 'Replace' ? 'until the next run replaces it' : 'forever';
    return [
      {
        field: child(input.jobSpecPath, 'activeDeadlineSeconds'),
        message: `Without activeDeadlineSeconds a run that hangs (a stuck connection, a deadlock) keeps its pods and resources ${held}${policy === 'Forbid' ? ', and with concurrencyPolicy Forbid it blocks every later run' : ''}.`,
        fix: `Set activeDeadlineSeconds a little above the longest run you expect, e.g. twice the usual duration${input.kind === 'CronJob' ? ", and below the schedule's shortest interval" : ''}.`,
      },
    ];
  },
});

/** `spec.startingDeadlineSeconds` of a CronJob as written. */
function startingDeadline(input: RuleInput): unknown {
  return fieldOf(fieldOf(input.object, 'spec'), 'startingDeadlineSeconds');
}

function suggestedDeadline(input: RuleInput): number {
  return suggestedStartingDeadlineFor(cronJobTiming(input));
}

export const missingStartingDeadline = bestPracticeRule({
  id: 'cronjob-missing-starting-deadline',
  group: CRONJOB_RUN_CONTROLS,
  kinds: CRONJOBS_ONLY,
  summary: 'Every CronJob sets startingDeadlineSeconds.',
  check(input) {
    if (!isAbsent(startingDeadline(input))) return [];
    return [
      {
        field: 'spec.startingDeadlineSeconds',
        message:
          'Without startingDeadlineSeconds, a run the controller could not start on time (controller down, CronJob suspended, previous run still active under Forbid) starts whenever it can, however late.',
        fix: `Set spec.startingDeadlineSeconds to how late a run may still usefully start, at least ${MIN_STARTING_DEADLINE_SECONDS}: e.g. ${suggestedDeadline(input)}.`,
      },
    ];
  },
});

export const startingDeadlineTooShort = bestPracticeRule({
  id: 'cronjob-starting-deadline-too-short',
  kinds: CRONJOBS_ONLY,
  // Under an @every interval a deadline does not make runs late: it stops them all.
  yieldsTo: ['cronjob-every-starting-deadline-below-interval'],
  summary: `A CronJob's startingDeadlineSeconds is at least ${MIN_STARTING_DEADLINE_SECONDS} s, so a controller that starts a run late does not skip it.`,
  check(input) {
    const seconds = integerOf(startingDeadline(input));
    // 0 never starts a Job at all: the never-works error cronjob-starting-deadline-zero.
    if (seconds === undefined || seconds <= 0 || seconds >= MIN_STARTING_DEADLINE_SECONDS) return [];
    return [
      {
        field: 'spec.startingDeadlineSeconds',
        message: `startingDeadlineSeconds is ${seconds}: a run the controller does not start within ${describeDuration(seconds)} of its time is skipped without an event, and it starts runs that late whenever the controller manager is busy, restarting or failing over (at best about 100 ms after the time).`,
        fix: `Raise spec.startingDeadlineSeconds to at least ${MIN_STARTING_DEADLINE_SECONDS}, e.g. ${suggestedDeadline(input)}.`,
      },
    ];
  },
});

export const DEADLINE_RULES = [missingActiveDeadline, missingStartingDeadline, startingDeadlineTooShort];
