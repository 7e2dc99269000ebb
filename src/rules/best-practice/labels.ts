/**
 * Labels reaching the Jobs a CronJob creates. The controller copies only
 * spec.jobTemplate.metadata into each Job, never the CronJob's own labels (kubernetes#80330,
 * #88127), so selectors, cost reports and policies that go by those labels miss the Jobs. A job
 * template without labels gives its Jobs the pod template's (SetDefaults_Job), which count.
 */
import { Violation } from '../rule';
import { fieldOf, objectOf } from '../support/access';
import { key } from '../support/field-path';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

const TEMPLATE_LABELS = 'spec.jobTemplate.metadata.labels';

export const labelsNotOnJobs = bestPracticeRule({
  id: 'cronjob-labels-not-on-jobs',
  kinds: CRONJOBS_ONLY,
  summary: "The CronJob's labels are also in spec.jobTemplate.metadata.labels, so the Jobs it creates carry them.",
  check(input) {
    const own = objectOf(fieldOf(fieldOf(input.object, 'metadata'), 'labels')) ?? {};
    const jobTemplate = fieldOf(fieldOf(input.object, 'spec'), 'jobTemplate');
    const template = objectOf(fieldOf(fieldOf(jobTemplate, 'metadata'), 'labels')) ?? {};
    // A Job created without labels gets its pod template's (SetDefaults_Job): with none in the job
    // template, those are the labels the Jobs carry.
    const inherited = Object.keys(template).length === 0;
    const podLabels = objectOf(
      fieldOf(fieldOf(fieldOf(fieldOf(jobTemplate, 'spec'), 'template'), 'metadata'), 'labels'),
    );
    const jobLabels = inherited ? (podLabels ?? {}) : template;
    const missing = Object.entries(own).filter(
      ([name, value]) => typeof value === 'string' && !Object.hasOwn(jobLabels, name),
    );
    if (missing.length === 0) return [];
    const pairs = missing.map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
    const carried = inherited
      ? `the Jobs it creates carry only the pod template's labels (${TEMPLATE_LABELS} is empty), and Kubernetes does not copy the CronJob's`
      : 'Kubernetes does not copy them';
    const together = inherited
      ? " together with the pod template's (once it has any, the Jobs no longer take those)"
      : '';
    if (missing.length === Object.keys(own).length && missing.length > 1) {
      return [
        {
          field: TEMPLATE_LABELS,
          message: `None of the CronJob's labels (${pairs.join(', ')}) are on its Jobs: ${carried}, so the Jobs carry none of them.`,
          fix: `Copy the labels into ${TEMPLATE_LABELS}${together} (and into the pod template's labels if the pods should carry them too).`,
        },
      ];
    }
    return missing.map(([name], i): Violation => ({
      field: key(TEMPLATE_LABELS, name),
      message: `The CronJob's label ${pairs[i]} is not on its Jobs: ${carried}, so the Jobs it creates do not carry it.`,
      fix: `Add ${pairs[i]} to ${TEMPLATE_LABELS}${together}.`,
    }));
  },
});

export const LABEL_RULES = [labelsNotOnJobs];
