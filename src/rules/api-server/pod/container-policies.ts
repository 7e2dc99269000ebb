/**
 * The enumerated policies of a container: imagePullPolicy and terminationMessagePolicy values, and
 * restartPolicy, which only a sidecar may set (an init container with Always) and which depends on
 * the release: sidecars arrive behind SidecarContainers (alpha in 1.28, on by default from 1.29),
 * and regular containers may set it only from 1.35 (ContainerRestartRules, on by default there).
 * Before those releases the API server drops or refuses the field.
 */
import { isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { describeValue } from '../../support/access';
import { child } from '../../support/field-path';
import { ContainerList, podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const PULL_POLICIES = new Set(['Always', 'IfNotPresent', 'Never']);
const TERMINATION_MESSAGE_POLICIES = new Set(['File', 'FallbackToLogsOnError']);
/** SidecarContainers on by default. */
const SIDECARS_SINCE = 29;
/** ContainerRestartRules on by default: regular containers may set restartPolicy. */
const CONTAINER_RESTART_RULES_SINCE = 35;

export const containerPolicyUnsupported = apiServerRule({
  id: 'container-policy-unsupported',
  kinds: BOTH_KINDS,
  summary:
    'An imagePullPolicy other than Always, IfNotPresent or Never, or a terminationMessagePolicy other than File or FallbackToLogsOnError (values are case-sensitive).',
  check(input) {
    const violations: Violation[] = [];
    for (const container of podTemplate(input).containers) {
      const pull = container.value.imagePullPolicy;
      if (typeof pull === 'string' && pull !== '' && !PULL_POLICIES.has(pull))
        violations.push({
          field: child(container.path, 'imagePullPolicy'),
          message: `imagePullPolicy ${describeValue(pull)} is not supported (supported values: "Always", "IfNotPresent", "Never").`,
          fix: 'Use IfNotPresent for a pinned image, Always for a moving tag; the case matters.',
        });
      const message = container.value.terminationMessagePolicy;
      if (typeof message === 'string' && message !== '' && !TERMINATION_MESSAGE_POLICIES.has(message))
        violations.push({
          field: child(container.path, 'terminationMessagePolicy'),
          message: `terminationMessagePolicy ${describeValue(message)} is not supported (supported values: "File", "FallbackToLogsOnError").`,
          fix: 'Use FallbackToLogsOnError to see the end of the log in the pod status when the container fails.',
        });
    }
    return violations;
  },
});

export const containerRestartPolicyInvalid = apiServerRule({
  id: 'container-restart-policy-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A container restartPolicy the release refuses or drops: on an init container anything but Always, or any value before sidecars (1.29); on a regular container before 1.35.',
  check(input) {
    const violations: Violation[] = [];
    const release = `Kubernetes 1.${input.version.minor}`;
    for (const container of podTemplate(input).containers) {
      const policy = container.value.restartPolicy;
      if (typeof policy !== 'string' || policy === '') continue;
      const field = child(container.path, 'restartPolicy');
      if (container.list === ContainerList.INIT_CONTAINERS) {
        if (!isAtLeast(input.version, SIDECARS_SINCE))
          violations.push({
            field,
            message: `${release} has no sidecar containers (the SidecarContainers gate is on by default from 1.29): the API server drops restartPolicy, so ${container.label} becomes an ordinary init container and the main containers wait for it to exit.`,
            fix: 'Target Kubernetes 1.29 or later if your clusters run it, or run the helper as a regular container.',
          });
        else if (policy !== 'Always')
          violations.push({
            field,
            message: `restartPolicy ${describeValue(policy)} is not supported on an init container (supported values: "Always", which makes it a sidecar).`,
            fix: 'Use restartPolicy: Always for a sidecar, or remove the field.',
          });
      } else if (!isAtLeast(input.version, CONTAINER_RESTART_RULES_SINCE)) {
        violations.push({
          field,
          message: `In ${release} a container's restartPolicy "may not be set for non-init containers" (container restart rules are on by default from 1.35); the pod's restartPolicy applies.`,
          fix: "Remove the container's restartPolicy and use the pod template's restartPolicy (OnFailure or Never).",
        });
      }
    }
    return violations;
  },
});

export const CONTAINER_POLICY_RULES = [containerPolicyUnsupported, containerRestartPolicyInvalid];
