/**
 * CEL forms of cleanup.ts. cronjob-missing-history-limit has none: the API server defaults both
 * limits before admission, so a policy cannot tell a limit left out from one written as 3 or 1.
 */
import { CEL, CelForms, celString } from './cel-form';
import {
  ARGO_CD_ANNOTATION_PREFIX,
  cronJobTtlSet,
  failedHistoryLimitZero,
  HOOK_ANNOTATIONS,
  missingJobTtl,
} from './cleanup';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from '../support/cronjob-timing';

/** Annotations that hand a Job's clean-up to someone else: the scheduler that stamped it, a deploy tool whose hook it is. */
const CLEANED_UP_BY_OTHERS = `[${[SCHEDULED_TIMESTAMP_ANNOTATION, ...HOOK_ANNOTATIONS].map(celString).join(', ')}]`;

export const CLEANUP_CEL: CelForms = {
  [missingJobTtl.id]: {
    violation: `object.metadata.?ownerReferences.orValue([]).size() == 0 && !${CLEANED_UP_BY_OTHERS}.exists(k, k in object.metadata.?annotations.orValue({})) && !object.metadata.?annotations.orValue({}).exists(k, k.startsWith(${celString(ARGO_CD_ANNOTATION_PREFIX)})) && !has(${CEL.jobSpec}.ttlSecondsAfterFinished)`,
    fix: 'Set spec.ttlSecondsAfterFinished, e.g. 86400: a day to read the logs and status, then the Job cleans itself up.',
  },
  [cronJobTtlSet.id]: {
    violation: `has(${CEL.jobSpec}.ttlSecondsAfterFinished)`,
    fix: 'Remove spec.jobTemplate.spec.ttlSecondsAfterFinished and keep finished Jobs with the history limits.',
  },
  [failedHistoryLimitZero.id]: {
    violation: 'object.spec.failedJobsHistoryLimit == 0',
    fix: 'Keep at least the last failed Job: set spec.failedJobsHistoryLimit to 1 or more.',
  },
};
