/**
 * Template metadata the API server does not validate but a controller copies into every object it
 * creates, whose own validation then refuses it:
 * - a CronJob's job template labels and annotations (ValidateJobTemplateSpec checks the JobSpec
 *   only), to which the controller adds the scheduled-timestamp annotation: no Job is ever created;
 * - a pod template's finalizers (ValidatePodTemplateSpec checks its labels and annotations, not
 *   its finalizers), which the Job controller copies into every pod: no pod is ever created.
 */
import {
  ANNOTATION_KEY_FIX,
  annotationBytes,
  annotationKeyProblems,
  ANNOTATIONS_MAX_BYTES,
  ANNOTATIONS_SIZE_FIX,
  finalizerViolations,
  LABEL_FIX,
} from '../api-server/object-metadata';
import { BOTH_KINDS, CRON_JOB_ONLY } from '../api-server/api-server-rule';
import { Violation } from '../rule';
import { describeValue, fieldOf, objectOf } from '../support/access';
import { SCHEDULED_TIMESTAMP_ANNOTATION, SCHEDULED_TIMESTAMP_MIN_LENGTH } from '../support/cronjob-timing';
import { labelMapProblems } from '../support/labels';
import { neverWorksRule } from './never-works-rule';

const METADATA_PATH = 'spec.jobTemplate.metadata';
const EVERY_JOB_REFUSED =
  'The API server accepts it in the CronJob, but every Job the CronJob creates carries it and is refused, so no Job is ever created';

export const cronJobJobMetadataInvalid = neverWorksRule({
  id: 'cronjob-job-metadata-invalid',
  kinds: CRON_JOB_ONLY,
  summary:
    "The CronJob's spec.jobTemplate.metadata has a label or annotation no object may carry (an invalid key or value, annotations over 256 KiB once the controller adds its scheduled-timestamp annotation): every Job it creates is refused.",
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
      // Each Job also gets the scheduled-timestamp annotation (in place of one the template may set), at least this long.
      const { [SCHEDULED_TIMESTAMP_ANNOTATION]: _replaced, ...kept } = annotations;
      const bytes = annotationBytes(kept) + SCHEDULED_TIMESTAMP_ANNOTATION.length + SCHEDULED_TIMESTAMP_MIN_LENGTH;
      if (bytes > ANNOTATIONS_MAX_BYTES)
        out.push({
          field: path,
          message: `The job template's annotations, with the ${SCHEDULED_TIMESTAMP_ANNOTATION} annotation the controller adds, take at least ${bytes} bytes, more than the ${ANNOTATIONS_MAX_BYTES} an object may have. ${EVERY_JOB_REFUSED}.`,
          fix: ANNOTATIONS_SIZE_FIX,
        });
    }
    return out;
  },
});

export const podTemplateFinalizersInvalid = neverWorksRule({
  id: 'pod-template-finalizers-invalid',
  kinds: BOTH_KINDS,
  summary:
    "A pod template finalizer no object may carry (not a qualified name, or without a domain though not one of Kubernetes' own): every pod the Job creates is refused.",
  check(input) {
    const finalizers = fieldOf(fieldOf(fieldOf(input.writtenJobSpec, 'template'), 'metadata'), 'finalizers');
    return finalizerViolations(finalizers, `${input.templatePath}.metadata.finalizers`).map((v) => ({
      ...v,
      message: `${v.message} The API server accepts it in the template, but the Job controller copies it into every pod, which is refused, so no pod is ever created.`,
    }));
  },
});

export const TEMPLATE_METADATA_NEVER_WORKS_RULES = [cronJobJobMetadataInvalid, podTemplateFinalizersInvalid];
