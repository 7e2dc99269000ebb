/** CEL form of job-template-suspend.ts: a CronJob's job template is not suspended unless Kueue queues its Jobs. */
import { CEL, CelForms, celString } from './cel-form';
import { KUEUE_QUEUE_LABEL } from './kueue';
import { jobTemplateSuspended } from './job-template-suspend';

const queue = celString(KUEUE_QUEUE_LABEL);

export const JOB_TEMPLATE_SUSPEND_CEL: CelForms = {
  [jobTemplateSuspended.id]: {
    violation: `${CEL.jobSpec}.?suspend.orValue(false) == true && !(${queue} in ${CEL.jobLabels}) && !(${queue} in object.spec.jobTemplate.?metadata.?annotations.orValue({}))`,
    fix: `Remove spec.jobTemplate.spec.suspend; to queue the Jobs with Kueue, label the job template ${KUEUE_QUEUE_LABEL}.`,
  },
};
