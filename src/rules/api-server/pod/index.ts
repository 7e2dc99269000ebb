/**
 * The pod template's own fields as the API server validates them (ValidatePodSpec and the container
 * checks under it, core/v1), one module per concern, beyond the basics in ../pod-template.ts.
 */
import { Rule } from '../../rule';
import { AFFINITY_RULES } from './affinity';
import { CONTAINER_POLICY_RULES } from './container-policies';
import { DNS_RULES } from './dns';
import { ENV_RULES } from './env';
import { IDENTITY_RULES } from './identity';
import { PORT_RULES } from './ports';
import { PROBE_RULES } from './probes';
import { RESOURCE_QUANTITY_RULES } from './resources';
import { SCHEDULING_RULES } from './scheduling';
import { SECURITY_CONTEXT_RULES } from './security-context';
import { VOLUME_FILE_RULES } from './volume-files';
import { VOLUME_RULES } from './volumes';

export const POD_SPEC_RULES: readonly Rule[] = [
  ...RESOURCE_QUANTITY_RULES,
  ...ENV_RULES,
  ...VOLUME_RULES,
  ...VOLUME_FILE_RULES,
  ...PORT_RULES,
  ...PROBE_RULES,
  ...CONTAINER_POLICY_RULES,
  ...SECURITY_CONTEXT_RULES,
  ...SCHEDULING_RULES,
  ...AFFINITY_RULES,
  ...IDENTITY_RULES,
  ...DNS_RULES,
];
