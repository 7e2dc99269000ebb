/**
 * Job sizes that start no pod (the Job controller's manageJob and its completion check).
 *
 * job-completions-zero: with completions 0 the controller wants min(completions - succeeded,
 * parallelism) = 0 pods, and counts the Job complete as soon as succeeded (0) reaches completions
 * (0) with no pod active: the Job is marked Complete on its first sync without ever running its
 * containers. The API server accepts 0 (it only refuses negative values).
 *
 * cronjob-job-template-parallelism-zero: with parallelism 0 the controller wants 0 pods whatever
 * completions is, so a Job never starts a pod and never completes; it sits active until its
 * activeDeadlineSeconds fails it, or forever. On a Job this is the documented way to pause it until
 * someone raises parallelism, so a Job of its own is not reported. In a CronJob's job template it
 * pauses every Job the CronJob creates: no controller raises a Job's parallelism (Kueue and other
 * queues resume Jobs through suspend, and partial admission only lowers parallelism), so no run
 * ever starts a pod, and under concurrencyPolicy Forbid the first paused Job also blocks every
 * later run.
 */
import { integerOf } from '../support/access';
import { child } from '../support/field-path';
import { BOTH_KINDS, CRON_JOB_ONLY, jobSpecOf } from '../api-server/api-server-rule';
import { endsAsItStarts } from './deadlines';
import { neverWorksRule } from './never-works-rule';

export const jobCompletionsZero = neverWorksRule({
  id: 'job-completions-zero',
  kinds: BOTH_KINDS,
  summary: 'The Job (or job template) has completions: 0: every Job is marked Complete without starting a pod.',
  check(input) {
    // With activeDeadlineSeconds 0 the Job fails first (job-active-deadline-zero), it is not marked Complete.
    if (endsAsItStarts(input) !== 'Complete') return [];
    return [
      {
        field: child(input.jobSpecPath, 'completions'),
        message:
          'completions is 0, so the Job controller wants no pods and finds 0 of 0 completions already reached: it marks the Job Complete on its first sync and its containers never run.',
        fix: 'Set completions to the number of pods that must succeed (at least 1), or leave it out for a Job that is done when one pod succeeds.',
      },
    ];
  },
});

export const cronJobTemplateParallelismZero = neverWorksRule({
  id: 'cronjob-job-template-parallelism-zero',
  kinds: CRON_JOB_ONLY,
  summary: "A CronJob's job template has parallelism: 0: every Job it creates is paused and never starts a pod.",
  check(input) {
    if (integerOf(jobSpecOf(input).parallelism) !== 0 || endsAsItStarts(input) !== undefined) return [];
    return [
      {
        field: child(input.jobSpecPath, 'parallelism'),
        message:
          'parallelism is 0, so the Job controller starts no pod for any Job this CronJob creates, and nothing raises it: each Job stays active without running until its activeDeadlineSeconds fails it, or forever (and under concurrencyPolicy Forbid it blocks every later run).',
        fix: 'Remove parallelism (it defaults to 1) or set it to the number of pods to run at once; to stop the CronJob, set spec.suspend: true instead.',
      },
    ];
  },
});

export const JOB_SIZE_NEVER_WORKS_RULES = [jobCompletionsZero, cronJobTemplateParallelismZero];
