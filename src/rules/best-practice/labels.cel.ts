/**
 * CEL form of labels.ts: every label of the CronJob is also a label of its Jobs (the job template's,
 * or with none there, the pod template's).
 */
import { CEL, CelForms } from './cel-form';
import { labelsNotOnJobs } from './labels';

export const LABEL_CEL: CelForms = {
  [labelsNotOnJobs.id]: {
    violation: `object.metadata.?labels.orValue({}).exists(k, !(k in ${CEL.jobLabels}))`,
    fix: "Copy the CronJob's labels into spec.jobTemplate.metadata.labels (and into the pod template's labels if the pods should carry them).",
  },
};
