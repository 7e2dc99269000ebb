/**
 * User namespaces (validateHostUsers): a pod with hostUsers: false may not also share the host's
 * network, PID or IPC namespace, and from 1.34 (kubernetes#132868) no container may use
 * volumeDevices, which do not work in a user namespace. hostUsers is the UserNamespacesSupport
 * field (alpha 1.25, beta off 1.30, on by default from 1.33); before 1.33 the create strategy drops
 * it and field-unavailable-in-version reports it. The API server reports hostPID and hostIPC at the
 * misspelt paths `HostPID` and `HostIPC`; the findings use the field names as written. Sharing the
 * host network has its own gate (UserNamespacesHostNetworkSupport, alpha 1.35), off by default in
 * every release the library knows.
 */
import { FEATURES, featureEnabled, isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf } from '../../support/access';
import { child } from '../../support/field-path';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
/** Block devices refused beside hostUsers: false, and the message reworded (kubernetes#132868). */
const VOLUME_DEVICES_CHECKED_SINCE = 34;

export const podHostUsersInvalid = apiServerRule({
  id: 'pod-host-users-invalid',
  kinds: BOTH_KINDS,
  since: FEATURES.hostUsers,
  summary:
    'hostUsers: false together with hostNetwork, hostPID or hostIPC, or (from 1.34) a container with volumeDevices.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.spec.hostUsers !== false || !featureEnabled(FEATURES.hostUsers, input.version)) return [];
    const reworded = isAtLeast(input.version, VOLUME_DEVICES_CHECKED_SINCE);
    const forbidden = `forbidden "when \`${reworded ? 'hostUsers' : 'pod.Spec.HostUsers'}\` is false"`;
    let out: Violation[] | undefined;
    for (const field of HOST_NAMESPACES)
      if (pod.spec[field] === true)
        (out ??= []).push({
          field: child(pod.specPath, field),
          message: `${field} is true, which is ${forbidden}: a pod in its own user namespace cannot share the host's namespaces.`,
          fix: `Remove ${field}, or remove hostUsers: false (the pod then runs in the host's user namespace).`,
        });
    if (reworded)
      for (const container of pod.containers)
        if ((arrayOf(container.value.volumeDevices) ?? []).length > 0)
          (out ??= []).push({
            field: child(container.path, 'volumeDevices'),
            message: `${container.label} has volumeDevices, which are ${forbidden}: raw block devices do not work in a user namespace.`,
            fix: 'Mount the volume as a filesystem (volumeMounts) instead, or remove hostUsers: false.',
          });
    return out ?? [];
  },
});

export const HOST_USERS_RULES = [podHostUsersInvalid];
