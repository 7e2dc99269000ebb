/**
 * The root causes several best-practice rules report one setting of (finding-group.ts): a manifest
 * that breaks two or more rules of a group gets one finding listing the settings, not one each.
 * Each group is the unit a reviewer fixes in one go, usually by adding one block of YAML.
 */
import { FindingPart } from '../finding';
import { FindingGroup } from '../finding-group';
import { capitalise } from '../support/message-text';

/** How many settings the parts name: two rules about one field (a missing starting deadline) are one setting. */
function settings(parts: readonly FindingPart[]): string {
  const count = new Set(parts.map((p) => p.field)).size;
  return `${count} setting${count === 1 ? '' : 's'}`;
}

export const POD_SECURITY_BASELINE: FindingGroup = {
  id: 'pod-security-baseline',
  summary: 'One finding per pod for every Pod Security "baseline" control it breaks (the pss-* baseline rules).',
  headline: (parts) => `The pod breaks Pod Security "baseline" in ${settings(parts)}`,
  consequence: () =>
    'A namespace enforcing baseline, the level most clusters enforce, refuses to create the pod, and each of these gives the container a way onto the node.',
};

export const POD_SECURITY_RESTRICTED: FindingGroup = {
  id: 'pod-security-restricted',
  summary:
    'One finding per pod for every Pod Security "restricted" setting it misses (the pss-* restricted rules), each listed with its field.',
  headline: (parts) => `The pod misses Pod Security "restricted" in ${settings(parts)}`,
  consequence: () =>
    'A namespace enforcing restricted refuses to create the pod; the settings are the usual securityContext block (see the fix).',
};

export const POD_DEFAULT_IDENTITY: FindingGroup = {
  id: 'pod-default-identity',
  summary:
    "One finding per pod that runs as the namespace's default ServiceAccount with an API token mounted (pod-default-service-account, pod-service-account-token-mounted).",
  headline: () => "The pod runs as the namespace's default ServiceAccount and mounts its API token",
  consequence: () =>
    'Every pod without an identity of its own shares that account and its permissions, and the token is in every container for whoever takes one over.',
};

export const CONTAINER_RESOURCES: FindingGroup = {
  id: 'container-resources-undeclared',
  summary: 'One finding per pod for every CPU and memory request or memory limit its containers leave out.',
  headline: (parts) =>
    `The pod's containers leave ${parts.length} resource setting${parts.length === 1 ? '' : 's'} undeclared`,
  // Other containers of the pod may declare theirs (and GPUs or claims place the pod too): say only what the missing settings do.
  consequence: (parts) => {
    const limits = parts.some((p) => p.field.endsWith('limits[memory]'));
    const requests = parts.some((p) => !p.field.endsWith('limits[memory]'));
    const unreserved =
      'The scheduler reserves nothing for what a container does not request, so the pod can land on a node without room for it';
    const unbounded = 'nothing bounds the memory of a container without a limit on a shared node';
    if (!limits) return `${unreserved}.`;
    return requests ? `${unreserved}, and ${unbounded}.` : `${capitalise(unbounded)}.`;
  },
};

export const CRONJOB_RUN_CONTROLS: FindingGroup = {
  id: 'cronjob-run-controls-unset',
  summary:
    'One finding per CronJob for its run controls left to the API defaults or unsafe for its schedule: concurrencyPolicy, startingDeadlineSeconds, history limits.',
  headline: (parts) => `The CronJob's run controls need a decision in ${settings(parts)}`,
  // Only what the listed settings decide: a CronJob that sets concurrencyPolicy is not told runs may overlap.
  consequence: (parts) => {
    const decided = [
      parts.some((p) => p.field === 'spec.concurrencyPolicy') && 'whether runs overlap',
      parts.some((p) => p.field === 'spec.startingDeadlineSeconds') &&
        'how late (and after how many misses) a run may still start',
      parts.some((p) => p.field.endsWith('JobsHistoryLimit')) && 'how many finished Jobs are kept',
    ].filter((text): text is string => text !== false);
    const listed =
      decided.length > 1 ? `${decided.slice(0, -1).join(', ')} and ${decided[decided.length - 1]}` : decided[0];
    return `${capitalise(listed ?? 'these')} ${decided.length > 1 ? 'are' : 'is'} then left to defaults nobody chose.`;
  },
};
