/**
 * Labels reaching the Jobs a CronJob creates. The controller copies only
 * spec.jobTemplate.metadata into each Job, never the CronJob's own labels (kubernetes#80330,
 * #88127), so selectors, cost reports and policies that go by those labels miss the Jobs.
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
    const template =
      objectOf(fieldOf(fieldOf(fieldOf(fieldOf(input.object, 'spec'), 'jobTemplate'), 'metadata'), 'labels')) ?? {};
    const missing = Object.entries(own).filter(
      ([name, value]) => typeof value === 'string' && !Object.hasOwn(template, name),
    );
    if (missing.length === 0) return [];
    const pairs = missing.map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
    if (missing.length === Object.keys(own).length && missing.length > 1) {
      return [
        {
          field: TEMPLATE_LABELS,
          message: `None of the CronJob's labels (${pairs.join(', ')}) are in ${TEMPLATE_LABELS}, and Kubernetes does not copy them: the Jobs it creates carry none of them.`,
          fix: `Copy the labels into ${TEMPLATE_LABELS} (and into the pod template's labels if the pods should carry them too).`,
        },
      ];
    }
    return missing.map(([name], i): Violation => ({
      field: key(TEMPLATE_LABELS, name),
      message: `The CronJob's label ${pairs[i]} is not in ${TEMPLATE_LABELS}, and Kubernetes does not copy it: the Jobs it creates do not carry it.`,
      fix: `Add ${pairs[i]} to ${TEMPLATE_LABELS}.`,
    }));
  },
});

export const LABEL_RULES = [labelsNotOnJobs];
