/**
 * A CronJob whose pod template sets a label the API server generates for each Job: job-name or
 * controller-uid (and their batch.kubernetes.io/ forms from 1.27). The CronJob is accepted (its
 * template is not checked against a Job name), but every Job it creates copies the label, and
 * ValidateJob then requires it to hold that Job's name, `<cronjob>-<minute>`, different at every
 * run, or its UID, assigned on create: no value written in advance can match, so every Job is
 * refused and the CronJob never runs. (On a Job, the same label is job-template-generated-label-conflict.)
 */
import { CRON_JOB_ONLY } from '../api-server/api-server-rule';
import { generatedLabelKeys } from '../api-server/selector';
import { describeValue, fieldOf, isObject } from '../support/access';
import { child, key } from '../support/field-path';
import { neverWorksRule } from './never-works-rule';

export const cronJobTemplateGeneratedLabel = neverWorksRule({
  id: 'cronjob-template-generated-label',
  kinds: CRON_JOB_ONLY,
  summary:
    "The CronJob's pod template sets job-name or controller-uid (the labels the API server gives each Job): every Job it creates is refused.",
  check(input) {
    const labels = fieldOf(fieldOf(fieldOf(input.jobSpec, 'template'), 'metadata'), 'labels');
    if (!isObject(labels)) return [];
    const labelsPath = child(input.templatePath, 'metadata.labels');
    return generatedLabelKeys(input.version)
      .filter(([labelKey]) => labelKey in labels)
      .map(([labelKey, holds]) => ({
        field: key(labelsPath, labelKey),
        message: `The pod template sets ${labelKey}: ${describeValue(labels[labelKey])}. Every Job the CronJob creates keeps it, and the API server refuses the Job unless it holds ${holds === 'name' ? "that Job's name, which changes at every run" : "that Job's UID, which it assigns on create"}, so no Job is ever created.`,
        fix: `Remove ${labelKey} from the job template's pod labels; the API server sets it on each Job's pods.`,
      }));
  },
});

export const GENERATED_LABEL_NEVER_WORKS_RULES = [cronJobTemplateGeneratedLabel];
