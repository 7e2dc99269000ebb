/**
 * Kueue (kueue.sigs.k8s.io). A Job joins a queue with the label kueue.x-k8s.io/queue-name; Kueue
 * admits it, and charges the queue's quota, by what its pods request. A container without a CPU or
 * memory request is charged nothing for it, so the quota no longer bounds what the Job uses.
 */
import { RuleInput, Violation } from '../rule';
import { fieldOf, objectOf, stringOf } from '../support/access';
import { child, key } from '../support/field-path';
import { podTemplate, runningContainers } from '../support/pod-template';
import { podLevelSets, requestsResource } from '../support/resources';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

/**
 * The labels the Job (or each Job of a CronJob) ends up with: its own, or, when it has none, its
 * pod template's, which the API server copies (SetDefaults_Job). A CronJob's Jobs get the job
 * template's labels, never the CronJob's.
 */
function jobLabels(input: RuleInput): Record<string, unknown> | undefined {
  if (input.kind === 'Job') return objectOf(fieldOf(fieldOf(input.defaulted, 'metadata'), 'labels'));
  const own = objectOf(fieldOf(fieldOf(fieldOf(fieldOf(input.object, 'spec'), 'jobTemplate'), 'metadata'), 'labels'));
  if (own && Object.keys(own).length > 0) return own;
  return objectOf(fieldOf(fieldOf(fieldOf(input.jobSpec, 'template'), 'metadata'), 'labels'));
}

/** The Kueue queue the Job (or each Job of a CronJob) is submitted to. */
export function kueueQueueName(input: RuleInput): string | undefined {
  const labels = jobLabels(input);
  return labels && Object.hasOwn(labels, KUEUE_QUEUE_LABEL) ? stringOf(labels[KUEUE_QUEUE_LABEL]) : undefined;
}

export const kueueMissingRequests = bestPracticeRule({
  id: 'kueue-job-missing-requests',
  kinds: JOBS_AND_CRONJOBS,
  summary: 'A Job queued by Kueue (label kueue.x-k8s.io/queue-name) requests CPU and memory in every container.',
  check(input) {
    const queue = kueueQueueName(input);
    if (queue === undefined) return [];
    const violations: Violation[] = [];
    // Pod-level requests (1.34+) are the pod's requests, which Kueue charges: they cover every container.
    const resources = ['cpu', 'memory'].filter((resource) => !podLevelSets(input, 'requests', resource));
    for (const c of runningContainers(podTemplate(input))) {
      for (const resource of resources) {
        if (requestsResource(c, resource)) continue;
        violations.push({
          field: key(child(c.path, 'resources.requests'), resource),
          message: `This Job is queued by Kueue (queue ${JSON.stringify(queue)}), which admits and charges it by its pods' requests; ${c.label} requests no ${resource}, so the queue's quota does not bound its ${resource}.`,
          fix: `Set resources.requests.${resource} on ${c.label}.`,
        });
      }
    }
    return violations;
  },
});

export const KUEUE_RULES = [kueueMissingRequests];
