/**
 * ValidatePodTemplateSpec: "ephemeral containers not allowed in pod template". Ephemeral containers
 * are added to running pods through their ephemeralcontainers subresource (kubectl debug), never
 * through a template.
 */
import { arrayOf } from '../../support/access';
import { child } from '../../support/field-path';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

export const podEphemeralContainersForbidden = apiServerRule({
  id: 'pod-ephemeral-containers-forbidden',
  kinds: BOTH_KINDS,
  summary: 'ephemeralContainers in the pod template: a template may not have them.',
  check(input) {
    const pod = podTemplate(input);
    const list = arrayOf(pod.spec.ephemeralContainers);
    if (list === undefined || list.length === 0) return [];
    return [
      {
        field: child(pod.specPath, 'ephemeralContainers'),
        message:
          'The pod template has ephemeralContainers: "ephemeral containers not allowed in pod template" (Forbidden).',
        fix: 'Remove ephemeralContainers; to debug a running pod, add one with kubectl debug. For work the pod must do, use a container or an init container.',
      },
    ];
  },
});

export const EPHEMERAL_CONTAINER_RULES = [podEphemeralContainersForbidden];
