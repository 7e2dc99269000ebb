/**
 * The pod template's own fields as the API server validates them (ValidatePodSpec and the container
 * checks under it, core/v1), one module per concern, beyond the basics in ../pod-template.ts.
 */
import { Rule } from '../../rule';
import { AFFINITY_RULES } from './affinity';
import { POD_ANNOTATION_RULES } from './annotations';
import { CONTAINER_POLICY_RULES } from './container-policies';
import { CONTAINER_RESTART_RULES } from './container-restart';
import { DNS_RULES } from './dns';
import { ENV_RULES } from './env';
import { EPHEMERAL_CONTAINER_RULES } from './ephemeral-containers';
import { EPHEMERAL_VOLUME_RULES } from './ephemeral-volumes';
import { GATE_RULES } from './gates';
import { HOST_ALIAS_RULES } from './host-aliases';
import { HOST_USERS_RULES } from './host-users';
import { IDENTITY_RULES } from './identity';
import { OBJECT_NAME_RULES } from './object-names';
import { OS_RULES } from './os';
import { PORT_RULES } from './ports';
import { PROBE_RULES } from './probes';
import { RESOURCE_CLAIM_RULES } from './resource-claims';
import { RESOURCE_QUANTITY_RULES } from './resources';
import { SCHEDULING_RULES } from './scheduling';
import { SECURITY_CONTEXT_RULES } from './security-context';
import { TOPOLOGY_SPREAD_RULES } from './topology-spread';
import { VOLUME_FILE_RULES } from './volume-files';
import { VOLUME_RULES } from './volumes';
import { WINDOWS_OPTIONS_RULES } from './windows-options';

export const POD_SPEC_RULES: readonly Rule[] = [
  ...RESOURCE_QUANTITY_RULES,
  ...ENV_RULES,
  ...VOLUME_RULES,
  ...EPHEMERAL_VOLUME_RULES,
  ...VOLUME_FILE_RULES,
  ...PORT_RULES,
  ...PROBE_RULES,
  ...CONTAINER_POLICY_RULES,
  ...CONTAINER_RESTART_RULES,
  ...SECURITY_CONTEXT_RULES,
  ...SCHEDULING_RULES,
  ...AFFINITY_RULES,
  ...IDENTITY_RULES,
  ...DNS_RULES,
  ...TOPOLOGY_SPREAD_RULES,
  ...HOST_ALIAS_RULES,
  ...GATE_RULES,
  ...OBJECT_NAME_RULES,
  ...HOST_USERS_RULES,
  ...RESOURCE_CLAIM_RULES,
  ...OS_RULES,
  ...WINDOWS_OPTIONS_RULES,
  ...EPHEMERAL_CONTAINER_RULES,
  ...POD_ANNOTATION_RULES,
];
