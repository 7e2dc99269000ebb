/**
 * Cleaning up finished Jobs, one mechanism per owner (anchors pain 9): a standalone Job deletes
 * itself after ttlSecondsAfterFinished; a CronJob's (and a ScheduledJob's) Jobs are pruned by the history
 * limits, and a TTL on them fights those limits, deleting the history the CronJob was asked to
 * keep (kube-linter#963, the reason kube-linter's job-ttl-seconds-after-finished check exempts them).
 */
import { Violation } from '../rule';
import { arrayOf, fieldOf, integerOf, isAbsent } from '../support/access';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from '../support/cronjob-timing';
import { child } from '../support/field-path';
import { CRONJOB_RUN_CONTROLS } from './groups';
import { bestPracticeRule, CRONJOBS_ONLY, JOBS_ONLY } from './best-practice-rule';

/** True when the Job belongs to something that prunes it: an owner, or the scheduler that stamped its scheduled time. */
function isOwnedJob(object: unknown): boolean {
  const metadata = fieldOf(object, 'metadata');
  if ((arrayOf(fieldOf(metadata, 'ownerReferences')) ?? []).length > 0) return true;
  return !isAbsent(fieldOf(fieldOf(metadata, 'annotations'), SCHEDULED_TIMESTAMP_ANNOTATION));
}

/**
 * Annotations that make a Job a deploy tool's hook, which the tool deletes: with a delete policy as
 * the policy says, and without one before it creates the hook again (Argo CD's gitops-engine and
 * Helm both default to `BeforeHookCreation`), so hook Jobs never pile up. A TTL would even race
 * the tool: Argo CD waits for the hook Job to be found finished, and Helm for its `hook-succeeded`
 * deletion.
 */
export const HOOK_ANNOTATIONS = [
  'argocd.argoproj.io/hook',
  'argocd.argoproj.io/hook-delete-policy',
  'helm.sh/hook',
  'helm.sh/hook-delete-policy',
];

/**
 * The prefix of Argo CD's annotations (a sync wave, sync options, its tracking id). A Job Argo CD
 * syncs as an ordinary resource must not delete itself either: self-heal creates it again, and it
 * runs again (argo-cd#9163); Argo CD keeps it as the synced state.
 */
export const ARGO_CD_ANNOTATION_PREFIX = 'argocd.argoproj.io/';

/** True when a deploy tool cleans the Job up or keeps it: a hook of Argo CD or Helm, or any Job Argo CD syncs. */
function isDeployToolJob(object: unknown): boolean {
  const annotations = fieldOf(fieldOf(object, 'metadata'), 'annotations');
  if (HOOK_ANNOTATIONS.some((key) => !isAbsent(fieldOf(annotations, key)))) return true;
  return typeof annotations === 'object' && annotations !== null
    ? Object.keys(annotations).some((key) => key.startsWith(ARGO_CD_ANNOTATION_PREFIX))
    : false;
}

export const missingJobTtl = bestPracticeRule({
  id: 'job-missing-ttl',
  kinds: JOBS_ONLY,
  summary:
    'A standalone Job (no owner, not created by a scheduler for a scheduled time, not a Helm hook nor synced by Argo CD) sets ttlSecondsAfterFinished.',
  check(input) {
    // A Job with an owner (a CronJob, a ScheduledJob, an operator) is cleaned up by that owner,
    // and a deploy hook by the deploy tool; a Job Argo CD syncs it keeps (a TTL would re-run it).
    if (isOwnedJob(input.object) || isDeployToolJob(input.object)) return [];
    if (!isAbsent(fieldOf(input.jobSpec, 'ttlSecondsAfterFinished'))) return [];
    return [
      {
        field: 'spec.ttlSecondsAfterFinished',
        message:
          'Without ttlSecondsAfterFinished the finished Job and its pods stay in the cluster until someone deletes them.',
        fix: 'Set spec.ttlSecondsAfterFinished, e.g. 86400: a day to read the logs and status, then the Job cleans itself up.',
      },
    ];
  },
});

export const cronJobTtlSet = bestPracticeRule({
  id: 'cronjob-job-ttl-set',
  kinds: CRONJOBS_ONLY,
  summary: "A CronJob's job template sets no ttlSecondsAfterFinished (it fights the history limits).",
  check(input) {
    if (isAbsent(fieldOf(input.jobSpec, 'ttlSecondsAfterFinished'))) return [];
    return [
      {
        field: child(input.jobSpecPath, 'ttlSecondsAfterFinished'),
        message:
          'The job template sets ttlSecondsAfterFinished, so finished Jobs are deleted on the TTL clock whatever successfulJobsHistoryLimit and failedJobsHistoryLimit say: the history the CronJob should keep, including the failed run you want to look at, can vanish.',
        fix: 'Remove spec.jobTemplate.spec.ttlSecondsAfterFinished and keep as many finished Jobs as you need with the history limits.',
      },
    ];
  },
});

const HISTORY_LIMITS: readonly { readonly field: string; readonly apiDefault: string; readonly example: number }[] = [
  { field: 'successfulJobsHistoryLimit', apiDefault: 'the last 3 succeeded Jobs', example: 3 },
  { field: 'failedJobsHistoryLimit', apiDefault: 'only the last failed Job', example: 1 },
];

export const missingHistoryLimit = bestPracticeRule({
  id: 'cronjob-missing-history-limit',
  group: CRONJOB_RUN_CONTROLS,
  kinds: CRONJOBS_ONLY,
  summary: 'A CronJob sets successfulJobsHistoryLimit and failedJobsHistoryLimit.',
  check(input) {
    const spec = fieldOf(input.object, 'spec');
    const violations: Violation[] = [];
    for (const limit of HISTORY_LIMITS) {
      if (!isAbsent(fieldOf(spec, limit.field))) continue;
      violations.push({
        field: `spec.${limit.field}`,
        message: `${limit.field} is not set, so the API default keeps ${limit.apiDefault}; how much history (and how many failed runs to debug) the CronJob keeps should be a visible choice.`,
        fix: `Set spec.${limit.field}, e.g. ${limit.example}.`,
      });
    }
    return violations;
  },
});

export const failedHistoryLimitZero = bestPracticeRule({
  id: 'cronjob-failed-history-limit-zero',
  kinds: CRONJOBS_ONLY,
  summary: 'A CronJob keeps at least one failed Job (failedJobsHistoryLimit is not 0).',
  check(input) {
    if (integerOf(fieldOf(fieldOf(input.object, 'spec'), 'failedJobsHistoryLimit')) !== 0) return [];
    return [
      {
        field: 'spec.failedJobsHistoryLimit',
        message:
          'failedJobsHistoryLimit is 0, so a failed Job and its pods are deleted at the next sync, taking the logs and the reason for the failure with them.',
        fix: 'Keep at least the last failed Job: set spec.failedJobsHistoryLimit to 1 or more.',
      },
    ];
  },
});

export const CLEANUP_RULES = [missingJobTtl, cronJobTtlSet, missingHistoryLimit, failedHistoryLimitZero];
