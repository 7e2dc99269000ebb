/**
 * A container that can never satisfy its own security context: runAsNonRoot: true with runAsUser: 0
 * once the container's settings are laid over the pod's. The API server accepts it; the kubelet
 * refuses to start the container ("container's runAsUser breaks non-root policy"), so the pod
 * stays in CreateContainerConfigError until the Job's deadline or forever.
 */
import { Violation } from '../rule';
import { fieldOf, integerOf } from '../support/access';
import { child } from '../support/field-path';
import { podTemplate } from '../support/pod-template';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

export const containerRunAsRootWithNonRoot = neverWorksRule({
  id: 'container-run-as-root-with-non-root',
  kinds: BOTH_KINDS,
  summary:
    'runAsNonRoot: true with runAsUser: 0 (pod and container settings merged): the kubelet refuses to start the container.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.isWindows) return [];
    const violations: Violation[] = [];
    for (const container of pod.containers) {
      const own = container.securityContext;
      const nonRoot = fieldOf(own, 'runAsNonRoot') ?? fieldOf(pod.securityContext, 'runAsNonRoot');
      const ownUser = integerOf(fieldOf(own, 'runAsUser'));
      const user = ownUser ?? integerOf(fieldOf(pod.securityContext, 'runAsUser'));
      if (nonRoot !== true || user !== 0) continue;
      violations.push({
        field:
          ownUser === undefined
            ? child(pod.securityContextPath, 'runAsUser')
            : child(container.securityContextPath, 'runAsUser'),
        message: `${container.label} runs as user 0 (root) with runAsNonRoot: true, so the kubelet refuses to start it (CreateContainerConfigError) and the Job never runs.`,
        fix: 'Run as a non-root user id (e.g. runAsUser: 65534), or, if the image truly needs root, set runAsNonRoot: false for this container.',
      });
    }
    return violations;
  },
});

export const SECURITY_CONTEXT_NEVER_WORKS_RULES = [containerRunAsRootWithNonRoot];
