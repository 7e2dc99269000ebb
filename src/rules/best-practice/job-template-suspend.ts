/**
 * A CronJob whose job template says suspend: true. Every Job the CronJob creates starts suspended,
 * and nothing in Kubernetes resumes it: the Job controller creates no pod for a suspended Job, and
 * the CronJob controller copies the template as written and never touches a Job's suspend. So each
 * run waits, without a pod, for someone to resume it; under concurrencyPolicy Forbid the first one
 * blocks every later run, under Allow they pile up.
 *
 * This is a warning, not a never-works error, because suspend is the field queue controllers work
 * through: Kueue admits a suspended Job and resumes it. A Job labelled kueue.x-k8s.io/queue-name
 * (through the job template's labels, or its pod template's when the template has none, or the
 * older queue-name annotation) is Kueue's, and is not reported. Kueue can also take Jobs without the
 * label (manageJobsWithoutQueueName / labelPolicy None, or a namespace's default LocalQueue), and a
 * team may resume each run by hand as an approval step; the linter cannot see either, so such a
 * CronJob suppresses this rule with its reason. Kueue's webhook suspends the Jobs it manages
 * itself, so removing suspend from the template changes nothing where Kueue is in charge.
 *
 * A Job of its own with suspend: true is not reported: creating a Job suspended and resuming it
 * later is what the field is for (KEP-2232), whoever does the resuming.
 */
import { fieldOf, objectOf } from '../support/access';
import { child } from '../support/field-path';
import { RuleInput } from '../rule';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';
import { KUEUE_QUEUE_LABEL, kueueQueueName } from './kueue';

/** The job template names a Kueue queue, by label (what Kueue reads) or by the older annotation. */
export function queuedByKueue(input: RuleInput): boolean {
  if (kueueQueueName(input) !== undefined) return true;
  const annotations = objectOf(
    fieldOf(fieldOf(fieldOf(fieldOf(input.object, 'spec'), 'jobTemplate'), 'metadata'), 'annotations'),
  );
  return annotations !== undefined && Object.hasOwn(annotations, KUEUE_QUEUE_LABEL);
}

export const jobTemplateSuspended = bestPracticeRule({
  id: 'cronjob-job-template-suspended',
  kinds: CRONJOBS_ONLY,
  summary:
    "A CronJob's job template does not say suspend: true unless Kueue queues its Jobs (label kueue.x-k8s.io/queue-name).",
  check(input) {
    if (fieldOf(input.jobSpec, 'suspend') !== true || queuedByKueue(input)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'suspend'),
        message:
          'Every Job this CronJob creates starts suspended, and nothing in Kubernetes resumes it: no run starts a pod until something sets suspend: false on that Job, and under concurrencyPolicy Forbid the first waiting Job blocks every later run.',
        fix: `Remove spec.jobTemplate.spec.suspend; to queue the Jobs with Kueue, label the job template ${KUEUE_QUEUE_LABEL}: <local queue> (Kueue suspends each Job itself). If something else resumes each run, suppress this rule with the reason.`,
      },
    ];
  },
});

export const JOB_TEMPLATE_SUSPEND_RULES = [jobTemplateSuspended];
