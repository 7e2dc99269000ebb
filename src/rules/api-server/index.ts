/**
 * Every rule the API server enforces for batch/v1 Jobs and CronJobs, in reporting order: what
 * fails to decode, what the release cannot use, fields it does not know, then the object's metadata, the JobSpec (its
 * fields, pod failure policy, success policy, selector, pod template and its pod spec in pod/) and
 * the CronJob's own spec.
 * Source: docs/research/k8s-validation.md, checked against pkg/apis/batch/validation.
 */
import { Rule } from '../rule';
import { CRONJOB_SPEC_RULES } from './cronjob-spec';
import { FIELD_TYPE_RULES } from './field-types';
import { JOB_SPEC_RULES } from './job-spec';
import { OBJECT_METADATA_RULES } from './object-metadata';
import { POD_FAILURE_POLICY_RULES } from './pod-failure-policy';
import { POD_SPEC_RULES } from './pod';
import { POD_TEMPLATE_RULES } from './pod-template';
import { SELECTOR_RULES } from './selector';
import { SUCCESS_POLICY_RULES } from './success-policy';
import { UNKNOWN_FIELD_RULES } from './unknown-fields';
import { VERSION_GATE_RULES } from './version-gates';

export const API_SERVER_RULES: readonly Rule[] = [
  ...FIELD_TYPE_RULES,
  ...VERSION_GATE_RULES,
  ...UNKNOWN_FIELD_RULES,
  ...OBJECT_METADATA_RULES,
  ...JOB_SPEC_RULES,
  ...POD_FAILURE_POLICY_RULES,
  ...SUCCESS_POLICY_RULES,
  ...SELECTOR_RULES,
  ...POD_TEMPLATE_RULES,
  ...POD_SPEC_RULES,
  ...CRONJOB_SPEC_RULES,
];
