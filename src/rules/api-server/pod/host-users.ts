/**
 * User namespaces (validateHostUsers): a pod with hostUsers: false may not also share the host's
 * network, PID or IPC namespace. hostUsers is the UserNamespacesSupport field (alpha 1.25, beta off
 * 1.30, on by default from 1.33); before 1.33 the create strategy drops it and
 * field-unavailable-in-version reports it. The API server reports hostPID and hostIPC at the
 * misspelt paths `HostPID` and `HostIPC`; the findings use the field names as written.
 */
import { FEATURES, featureEnabled } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { child } from '../../support/field-path';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const podHostUsersInvalid = apiServerRule({
  id: 'pod-host-users-invalid',
  kinds: BOTH_KINDS,
  since: FEATURES.hostUsers,
  summary: 'hostUsers: false together with hostNetwork, hostPID or hostIPC.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.spec.hostUsers !== false || !featureEnabled(FEATURES.hostUsers, input.version)) return [];
    let out: Violation[] | undefined;
    for (const field of HOST_NAMESPACES)
      if (pod.spec[field] === true)
        (out ??= []).push({
          field: child(pod.specPath, field),
          message: `${field} is true, which is forbidden "when \`pod.Spec.HostUsers\` is false": a pod in its own user namespace cannot share the host's namespaces.`,
          fix: `Remove ${field}, or remove hostUsers: false (the pod then runs in the host's user namespace).`,
        });
    return out ?? [];
  },
});

export const HOST_USERS_RULES = [podHostUsersInvalid];
