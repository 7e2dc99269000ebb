/**
 * Objects the API server accepts that can never run or never succeed: errors, never suppressible,
 * each message opening with "Accepted by the API server but can never run".
 */
import { Rule } from '../rule';
import { CONTAINER_RESTART_NEVER_WORKS_RULES } from './container-restart';
import { DEADLINE_NEVER_WORKS_RULES } from './deadlines';
import { GENERATED_LABEL_NEVER_WORKS_RULES } from './generated-labels';
import { IMAGE_NEVER_WORKS_RULES } from './images';
import { JOB_SIZE_NEVER_WORKS_RULES } from './job-size';
import { TEMPLATE_METADATA_NEVER_WORKS_RULES } from './template-metadata';
import { MATCH_LABEL_KEYS_NEVER_WORKS_RULES } from './match-label-keys';
import { NODE_CONSTRAINT_NEVER_WORKS_RULES } from './node-constraints';
import { POD_CREATION_NEVER_WORKS_RULES } from './pod-creation';
import { RUNTIME_CLASS_NEVER_WORKS_RULES } from './runtime-class';
import { SCHEDULE_NEVER_WORKS_RULES } from './schedule';
import { SECURITY_CONTEXT_NEVER_WORKS_RULES } from './security-context';
import { VOLUME_REFERENCE_NEVER_WORKS_RULES } from './volume-references';

export const NEVER_WORKS_RULES: readonly Rule[] = [
  ...SECURITY_CONTEXT_NEVER_WORKS_RULES,
  ...CONTAINER_RESTART_NEVER_WORKS_RULES,
  ...IMAGE_NEVER_WORKS_RULES,
  ...RUNTIME_CLASS_NEVER_WORKS_RULES,
  ...VOLUME_REFERENCE_NEVER_WORKS_RULES,
  ...NODE_CONSTRAINT_NEVER_WORKS_RULES,
  ...MATCH_LABEL_KEYS_NEVER_WORKS_RULES,
  ...POD_CREATION_NEVER_WORKS_RULES,
  ...DEADLINE_NEVER_WORKS_RULES,
  ...JOB_SIZE_NEVER_WORKS_RULES,
  ...GENERATED_LABEL_NEVER_WORKS_RULES,
  ...TEMPLATE_METADATA_NEVER_WORKS_RULES,
  ...SCHEDULE_NEVER_WORKS_RULES,
];
