/**
 * Best practices the API server does not enforce: warnings by default, configurable by policy,
 * suppressible per object with a written reason. One module per concern; this list is the order
 * findings are reported in.
 */
import { Rule } from '../rule';
import { CLEANUP_RULES } from './cleanup';
import { CONCURRENCY_RULES } from './concurrency';
import { DAYLIGHT_SAVING_RULES } from './daylight-saving';
import { DEADLINE_RULES } from './deadlines';
import { HARDENING_RULES } from './hardening';
import { IMAGE_RULES } from './images';
import { JOB_TEMPLATE_SUSPEND_RULES } from './job-template-suspend';
import { KUEUE_RULES } from './kueue';
import { LABEL_RULES } from './labels';
import { MISSED_START_RULES } from './missed-starts';
import { POD_SECURITY_BASELINE_RULES } from './pod-security-baseline';
import { POD_SECURITY_RESTRICTED_RULES } from './pod-security-restricted';
import { RESOURCE_RULES } from './resources';
import { SCHEDULE_RULES } from './schedule';
import { SECRET_RULES } from './secrets';
import { TIME_ZONE_RULES } from './time-zone';

export const BEST_PRACTICE_RULES: readonly Rule[] = [
  ...POD_SECURITY_BASELINE_RULES,
  ...POD_SECURITY_RESTRICTED_RULES,
  ...HARDENING_RULES,
  ...SECRET_RULES,
  ...RESOURCE_RULES,
  ...IMAGE_RULES,
  ...DEADLINE_RULES,
  ...CONCURRENCY_RULES,
  ...MISSED_START_RULES,
  ...SCHEDULE_RULES,
  ...JOB_TEMPLATE_SUSPEND_RULES,
  ...DAYLIGHT_SAVING_RULES,
  ...TIME_ZONE_RULES,
  ...CLEANUP_RULES,
  ...LABEL_RULES,
  ...KUEUE_RULES,
];
