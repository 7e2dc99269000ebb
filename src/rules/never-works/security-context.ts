/**
 * A container that can never satisfy its own security context: runAsNonRoot: true with runAsUser: 0
 * once the container's settings are laid over the pod's. The API server accepts it; the kubelet
 * refuses to start the container ("container's runAsUser breaks non-root policy"), so the pod
 * stays in CreateContainerConfigError until the Job's deadline or forever. A pod certain to land on
 * Windows nodes is left out: a Windows kubelet ignores runAsUser (it only logs that Windows does not
 * support it).
 *
 * The Windows form: runAsNonRoot: true with windowsOptions.runAsUserName ContainerAdministrator
 * (Windows' root), merged the same way (the container's windowsOptions fields over the pod's). A
 * Windows kubelet refuses it ("will be regarded as root identity and will break non-root policy");
 * since 1.25 it compares the name without regard to case (CVE-2021-25749), and every release the
 * library knows is 1.25 or later. Only a pod certain to land on Windows nodes is checked: one with
 * spec.os.name windows, a nodeSelector on kubernetes.io/os: windows, or a required node affinity
 * every term of which asks kubernetes.io/os In [windows]. On a Linux node windowsOptions is
 * ignored, and the image's user decides.
 */
import { Violation } from '../rule';
import { arrayOf, fieldOf, integerOf, stringOf } from '../support/access';
import { child } from '../support/field-path';
import { podTemplate, PodTemplate } from '../support/pod-template';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

export const containerRunAsRootWithNonRoot = neverWorksRule({
  id: 'container-run-as-root-with-non-root',
  kinds: BOTH_KINDS,
  summary:
    'runAsNonRoot: true with runAsUser: 0 (pod and container settings merged): the kubelet refuses to start the container.',
  check(input) {
    const pod = podTemplate(input);
    if (runsOnWindows(pod)) return [];
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

const WINDOWS_ROOT_USER = 'containeradministrator';

const OS_LABEL = 'kubernetes.io/os';

/** The pod can only run on Windows nodes: by its os, its nodeSelector, or its required node affinity. */
function runsOnWindows(pod: PodTemplate): boolean {
  return pod.isWindows || fieldOf(pod.spec.nodeSelector, OS_LABEL) === 'windows' || affinityPinsWindows(pod);
}

/** Every required node affinity term asks kubernetes.io/os In [windows] (the terms are ORed, each term's expressions ANDed). */
function affinityPinsWindows(pod: PodTemplate): boolean {
  const required = fieldOf(
    fieldOf(pod.spec.affinity, 'nodeAffinity'),
    'requiredDuringSchedulingIgnoredDuringExecution',
  );
  const terms = arrayOf(fieldOf(required, 'nodeSelectorTerms')) ?? [];
  return (
    terms.length > 0 &&
    terms.every((term) =>
      (arrayOf(fieldOf(term, 'matchExpressions')) ?? []).some((expression) => {
        const values = arrayOf(fieldOf(expression, 'values')) ?? [];
        return (
          fieldOf(expression, 'key') === OS_LABEL &&
          fieldOf(expression, 'operator') === 'In' &&
          values.length > 0 &&
          values.every((v) => v === 'windows')
        );
      }),
    )
  );
}

export const containerRunAsAdministratorWithNonRoot = neverWorksRule({
  id: 'container-run-as-administrator-with-non-root',
  kinds: BOTH_KINDS,
  summary:
    'A Windows pod with runAsNonRoot: true and runAsUserName ContainerAdministrator (pod and container settings merged): the kubelet refuses to start the container.',
  check(input) {
    const pod = podTemplate(input);
    if (!runsOnWindows(pod)) return [];
    const violations: Violation[] = [];
    const podOptions = fieldOf(pod.securityContext, 'windowsOptions');
    for (const container of pod.containers) {
      const own = container.securityContext;
      const nonRoot = fieldOf(own, 'runAsNonRoot') ?? fieldOf(pod.securityContext, 'runAsNonRoot');
      const ownName = stringOf(fieldOf(fieldOf(own, 'windowsOptions'), 'runAsUserName'));
      const name = ownName ?? stringOf(fieldOf(podOptions, 'runAsUserName'));
      if (nonRoot !== true || name?.toLowerCase() !== WINDOWS_ROOT_USER) continue;
      violations.push({
        field: child(
          child(ownName === undefined ? pod.securityContextPath : container.securityContextPath, 'windowsOptions'),
          'runAsUserName',
        ),
        message: `${container.label} runs as ${JSON.stringify(name)}, which Windows treats as root, with runAsNonRoot: true, so the kubelet refuses to start it (CreateContainerConfigError) and the Job never runs.`,
        fix: 'Run as ContainerUser (runAsUserName: ContainerUser) or another non-administrator account, or, if the container truly needs ContainerAdministrator, set runAsNonRoot: false for it.',
      });
    }
    return violations;
  },
});

export const SECURITY_CONTEXT_NEVER_WORKS_RULES = [
  containerRunAsRootWithNonRoot,
  containerRunAsAdministratorWithNonRoot,
];
