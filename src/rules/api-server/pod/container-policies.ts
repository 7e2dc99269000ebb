/**
 * The enumerated policies of a container: imagePullPolicy and terminationMessagePolicy values, and
 * resizePolicy, from 1.33. Its restartPolicy and restart rules are container-restart.ts's.
 */
import { isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { ContainerList, podTemplate, runningContainers } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const PULL_POLICIES = new Set(['Always', 'IfNotPresent', 'Never']);
const TERMINATION_MESSAGE_POLICIES = new Set(['File', 'FallbackToLogsOnError']);

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

/**
 * InPlacePodVerticalScaling on by default (beta): before, the create strategy drops resizePolicy; from
 * then on, init containers may carry it too and are checked like the others.
 */
const RESIZE_POLICY_SINCE = 33;
/** kubernetes#137458 (1.36): a non-sidecar init container is never resized, so RestartContainer is refused on it. */
const INIT_RESTART_CONTAINER_REFUSED_SINCE = 36;
const RESIZE_RESOURCES = new Set(['cpu', 'memory']);
const RESIZE_RESTART_POLICIES = new Set(['NotRequired', 'RestartContainer']);
const RESIZE_FIX =
  "List cpu and memory at most once each, with restartPolicy NotRequired (a Job's pods, with restartPolicy Never, may not restart a container to resize it).";

/**
 * validateResizePolicy, on every container and init container: cpu or memory each at most once,
 * NotRequired or RestartContainer, and NotRequired under the pod's restartPolicy Never and (from
 * 1.36) on an init container that is not a sidecar. Findings
 * name `resizePolicy[i].resourceName` or `.restartPolicy`, where the API server names `resizePolicy`.
 */
export const containerResizePolicyInvalid = apiServerRule({
  id: 'container-resize-policy-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A resizePolicy (1.33+) that names a resource other than cpu or memory, or one twice, a restartPolicy other than NotRequired or RestartContainer, or RestartContainer in a pod with restartPolicy Never or (1.36+) on an init container that is not a sidecar.',
  check(input) {
    if (!isAtLeast(input.version, RESIZE_POLICY_SINCE)) return [];
    const pod = podTemplate(input);
    const never = pod.spec.restartPolicy === 'Never';
    const initNotResized = isAtLeast(input.version, INIT_RESTART_CONTAINER_REFUSED_SINCE);
    const violations: Violation[] = [];
    for (const container of runningContainers(pod)) {
      const seen = new Set<string>();
      (arrayOf(container.value.resizePolicy) ?? []).forEach((item, i) => {
        const entry = objectOf(item) ?? {};
        const at = index(child(container.path, 'resizePolicy'), i);
        const problem = (field: string, message: string) =>
          violations.push({ field: child(at, field), message: `${container.label}: ${message}`, fix: RESIZE_FIX });
        const resource = stringOf(entry.resourceName) ?? '';
        if (resource === '') problem('resourceName', 'a resize policy needs a resourceName ("Required value").');
        else if (!RESIZE_RESOURCES.has(resource))
          problem(
            'resourceName',
            `resourceName ${describeValue(resource)} is not supported (supported values: "cpu", "memory").`,
          );
        else if (seen.has(resource)) problem('resourceName', `${resource} has two resize policies (Duplicate value).`);
        seen.add(resource);
        const restart = stringOf(entry.restartPolicy) ?? '';
        if (restart === '') problem('restartPolicy', 'a resize policy needs a restartPolicy ("Required value").');
        else if (!RESIZE_RESTART_POLICIES.has(restart))
          problem(
            'restartPolicy',
            `restartPolicy ${describeValue(restart)} is not supported (supported values: "NotRequired", "RestartContainer").`,
          );
        if (
          restart === 'RestartContainer' &&
          initNotResized &&
          container.list === ContainerList.INIT_CONTAINERS &&
          container.value.restartPolicy !== 'Always'
        )
          problem(
            'restartPolicy',
            `a resize policy "must not be set to 'RestartContainer' for non-sidecar initContainers": an init container that runs to completion is never resized.`,
          );
        else if (never && restart !== 'NotRequired')
          problem(
            'restartPolicy',
            `the pod's restartPolicy is Never, so a resize policy "must be 'NotRequired'" (it is ${describeValue(restart)}).`,
          );
      });
    }
    return violations;
  },
});

export const CONTAINER_POLICY_RULES = [containerPolicyUnsupported, containerResizePolicyInvalid];
