/**
 * A CronJob's job template metadata: the API server does not validate it (ValidateJobTemplateSpec
 * checks the JobSpec only), but the CronJob controller copies its labels and annotations into every
 * Job it creates, and the Job's own validation then refuses a label or annotation no object may
 * carry: no Job is ever created.
 */
import {
  ANNOTATION_KEY_FIX,
  annotationBytes,
  annotationKeyProblems,
  ANNOTATIONS_MAX_BYTES,
  LABEL_FIX,
} from '../api-server/object-metadata';
import { CRON_JOB_ONLY } from '../api-server/api-server-rule';
import { Violation } from '../rule';
import { describeValue, fieldOf, objectOf } from '../support/access';
import { labelMapProblems } from '../support/labels';
import { neverWorksRule } from './never-works-rule';

const METADATA_PATH = 'spec.jobTemplate.metadata';
const EVERY_JOB_REFUSED =
  'The API server accepts it in the CronJob, but every Job the CronJob creates carries it and is refused, so no Job is ever created';

export const cronJobJobMetadataInvalid = neverWorksRule({
  id: 'cronjob-job-metadata-invalid',
  kinds: CRON_JOB_ONLY,
  summary:
    "The CronJob's spec.jobTemplate.metadata has a label or annotation no object may carry (an invalid key or value, annotations over 256 KiB): every Job it creates is refused.",
  check(input) {
    const metadata = fieldOf(fieldOf(fieldOf(input.object, 'spec'), 'jobTemplate'), 'metadata');
    const out: Violation[] = [];
    for (const problem of labelMapProblems(fieldOf(metadata, 'labels'), `${METADATA_PATH}.labels`))
      out.push({
        field: problem.field,
        message: `Invalid label: ${problem.message}. ${EVERY_JOB_REFUSED}.`,
        fix: LABEL_FIX,
      });
    const annotations = objectOf(fieldOf(metadata, 'annotations'));
    if (annotations) {
      const path = `${METADATA_PATH}.annotations`;
      for (const [annotationKey, p] of annotationKeyProblems(annotations))
        out.push({
          field: path,
          message: `Invalid annotation key ${describeValue(annotationKey)}: ${p}. ${EVERY_JOB_REFUSED}.`,
          fix: ANNOTATION_KEY_FIX,
        });
      const bytes = annotationBytes(annotations);
      if (bytes > ANNOTATIONS_MAX_BYTES)
        out.push({
          field: path,
          message: `The job template's annotations take ${bytes} bytes, more than the ${ANNOTATIONS_MAX_BYTES} an object may have. ${EVERY_JOB_REFUSED}.`,
          fix: 'Move large data out of the annotations, into a ConfigMap or a mounted volume.',
        });
    }
    return out;
  },
});

export const JOB_TEMPLATE_METADATA_NEVER_WORKS_RULES = [cronJobJobMetadataInvalid];
