/**
 * A container's own restartPolicy and restartPolicyRules, which each release treats differently:
 *
 * - Container.restartPolicy arrived in 1.28 for sidecars (an init container with Always; the
 *   SidecarContainers gate is on by default from 1.29). Until container restart rules, any other
 *   value on an init container is refused, and any value on a regular container is refused ("may
 *   not be set for non-init containers").
 * - Container restart rules (KEP-5307, gate ContainerRestartRules: alpha 1.34, on by default from
 *   1.35) let a regular container set Always, Never or OnFailure and an init container Never or
 *   OnFailure, and add restartPolicyRules: at most 20 rules, each an action and the exit codes
 *   (In or NotIn, at most 255 values) it applies to. Rules need the container's own restartPolicy.
 *   While the gate is off (1.34) the create strategy drops all of it silently, except a sidecar's
 *   Always (pkg/api/pod/util.go dropContainerRestartRules).
 * - The RestartAllContainers action (KEP-5532, gate RestartAllContainersOnContainerExits: alpha
 *   1.35, on by default from 1.36) is refused while its gate is off, and it is what lets a sidecar
 *   carry rules at all.
 *
 * Read in upstream validateContainers, validateInitContainerRestartPolicy and
 * validateContainerRestartPolicy (pkg/apis/core/validation/validation.go, 1.37 development). A pod
 * template is validated as a pod is. Ephemeral containers are left out: a pod template may not have
 * any (pod-ephemeral-containers-forbidden).
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, isAbsent, objectOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { quotedValues } from '../../support/message-text';
import { ContainerList, PodContainer, podTemplate, runningContainers } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

/** Container.restartPolicy exists (SidecarContainers alpha); before, the decoder drops it. */
const CONTAINER_RESTART_POLICY_FIELD_SINCE = 28;
/** SidecarContainers on by default (before, the API server drops a sidecar's restartPolicy). */
export const SIDECARS_SINCE = 29;
/** ContainerRestartRules exists, off by default: the create strategy drops what it adds. */
const RESTART_RULES_ALPHA = 34;
/** ContainerRestartRules on by default. */
export const RESTART_RULES_SINCE = 35;
/** RestartAllContainersOnContainerExits on by default. */
export const RESTART_ALL_CONTAINERS_SINCE = 36;

const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const MAX_RESTART_RULES = 20;
const MAX_EXIT_CODES = 255;
const EXIT_CODE_OPERATORS = new Set(['In', 'NotIn']);

const release = (minor: number) => `Kubernetes 1.${minor}`;

export const containerRestartPolicyInvalid = apiServerRule({
  id: 'container-restart-policy-invalid',
  kinds: BOTH_KINDS,
  summary:
    "A container restartPolicy the release refuses or drops: before 1.35 anything but a sidecar's Always (init containers from 1.29); from 1.35 anything but Always, Never or OnFailure.",
  check(input) {
    const { minor } = input.version;
    const violations: Violation[] = [];
    for (const container of runningContainers(podTemplate(input))) {
      const policy = container.value.restartPolicy;
      if (isAbsent(policy)) continue;
      const problem = (message: string, fix: string) =>
        violations.push({ field: child(container.path, 'restartPolicy'), message, fix });
      const init = container.list === ContainerList.INIT_CONTAINERS;
      if (init && policy === 'Always') {
        if (minor < SIDECARS_SINCE)
          problem(
            `${release(minor)} has no sidecar containers (the SidecarContainers gate is on by default from 1.29): the API server drops restartPolicy, so ${container.label} becomes an ordinary init container and the main containers wait for it to exit.`,
            'Target Kubernetes 1.29 or later if your clusters run it, or run the helper as a regular container.',
          );
      } else if (
        minor < (init ? SIDECARS_SINCE : CONTAINER_RESTART_POLICY_FIELD_SINCE) ||
        minor === RESTART_RULES_ALPHA
      ) {
        problem(
          `${release(minor)} drops ${init ? "an init container's" : "a regular container's"} restartPolicy ${describeValue(policy)} (container restart rules are on by default from 1.35), so the pod's restartPolicy applies to ${container.label}.`,
          "Target Kubernetes 1.35 or later if your clusters run it, or remove the container's restartPolicy.",
        );
      } else if (minor < RESTART_RULES_SINCE) {
        problem(
          init
            ? `restartPolicy ${describeValue(policy)} is not supported on an init container in ${release(minor)} (supported values: "Always", which makes it a sidecar); Never and OnFailure arrive with container restart rules in 1.35.`
            : `In ${release(minor)} a container's restartPolicy "may not be set for non-init containers" (container restart rules are on by default from 1.35); the pod's restartPolicy applies.`,
          init
            ? 'Use restartPolicy: Always for a sidecar, or remove the field.'
            : "Remove the container's restartPolicy and use the pod template's restartPolicy (OnFailure or Never).",
        );
      } else if (typeof policy !== 'string' || !CONTAINER_RESTART_POLICIES.includes(policy)) {
        problem(
          `restartPolicy ${describeValue(policy)} is not supported for ${container.label} (supported values: ${quotedValues(CONTAINER_RESTART_POLICIES)}).`,
          "Use Never or OnFailure (the values are case-sensitive), or remove the field so the pod's restartPolicy applies.",
        );
      }
    }
    return violations;
  },
});

/** The checks of validateContainerRestartPolicy on one container's rules, under `container.path`. */
function restartRuleProblems(container: PodContainer, rules: readonly unknown[], minor: number): Violation[] {
  const violations: Violation[] = [];
  const listPath = child(container.path, 'restartPolicyRules');
  const problem = (field: string, message: string, fix: string) =>
    violations.push({ field, message: `${container.label}: ${message}`, fix });
  if (rules.length > MAX_RESTART_RULES)
    problem(
      listPath,
      `${rules.length} restart rules; at most ${MAX_RESTART_RULES} are allowed ("Too many").`,
      'Merge rules with the same action into one rule that lists all their exit codes.',
    );
  const actions = minor >= RESTART_ALL_CONTAINERS_SINCE ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  rules.forEach((item, j) => {
    const rule = objectOf(item) ?? {};
    const at = index(listPath, j);
    const action = rule.action;
    if (typeof action !== 'string' || !actions.includes(action))
      problem(
        child(at, 'action'),
        action === 'RestartAllContainers'
          ? `action "RestartAllContainers" is not supported in ${release(minor)} (supported values: "Restart"); the RestartAllContainersOnContainerExits gate is on by default from 1.36.`
          : `action ${describeValue(action ?? '')} is not supported (supported values: ${quotedValues(actions)}).`,
        minor >= RESTART_ALL_CONTAINERS_SINCE
          ? 'Use action: Restart to restart this container, or RestartAllContainers to restart the whole pod in place.'
          : 'Use action: Restart, or target Kubernetes 1.36 or later for RestartAllContainers.',
      );
    const exitCodes = objectOf(rule.exitCodes);
    if (!exitCodes) {
      problem(
        child(at, 'exitCodes'),
        'a restart rule needs exitCodes ("Required value: must be specified").',
        'Add exitCodes: { operator: In, values: [...] } naming the exit codes the rule applies to.',
      );
      return;
    }
    const operator = exitCodes.operator;
    if (typeof operator !== 'string' || !EXIT_CODE_OPERATORS.has(operator))
      problem(
        child(child(at, 'exitCodes'), 'operator'),
        `operator ${describeValue(operator ?? '')} is not supported (supported values: "In", "NotIn").`,
        'Use In to act on the listed exit codes, or NotIn to act on every other one.',
      );
    const values = arrayOf(exitCodes.values) ?? [];
    if (values.length > MAX_EXIT_CODES)
      problem(
        child(child(at, 'exitCodes'), 'values'),
        `${values.length} exit codes; at most ${MAX_EXIT_CODES} are allowed ("Too many").`,
        'List fewer exit codes, or use NotIn with the few that should not match.',
      );
  });
  return violations;
}

export const containerRestartRulesInvalid = apiServerRule({
  id: 'container-restart-rules-invalid',
  kinds: BOTH_KINDS,
  summary:
    "restartPolicyRules the release drops (before 1.35) or refuses: without the container's own restartPolicy, more than 20 rules, an action other than Restart (or RestartAllContainers from 1.36), no exitCodes, an operator other than In or NotIn, more than 255 exit codes, or on a sidecar before 1.36.",
  check(input) {
    const { minor } = input.version;
    const violations: Violation[] = [];
    for (const container of runningContainers(podTemplate(input))) {
      const rules = arrayOf(container.value.restartPolicyRules);
      if (rules === undefined || rules.length === 0) continue;
      const listPath = child(container.path, 'restartPolicyRules');
      if (minor < RESTART_RULES_SINCE) {
        violations.push({
          field: listPath,
          message: `${release(minor)} drops restartPolicyRules (container restart rules are on by default from 1.35), so ${container.label} is not restarted on the exit codes they name.`,
          fix: 'Target Kubernetes 1.35 or later if your clusters run it, or retry through the pod failure policy and backoffLimit instead.',
        });
        continue;
      }
      const policy = container.value.restartPolicy;
      const init = container.list === ContainerList.INIT_CONTAINERS;
      if (isAbsent(policy)) {
        violations.push({
          field: child(container.path, 'restartPolicy'),
          message: `${container.label} has restartPolicyRules but no restartPolicy of its own ("Required value: must specify restartPolicy when restart rules are used").`,
          fix: "Set the container's restartPolicy beside its rules: Never restarts it only on the exit codes the rules name.",
        });
        // An init container's rules are not looked at further; a regular container's still are.
        if (init) continue;
      }
      if (init && policy === 'Always' && minor < RESTART_ALL_CONTAINERS_SINCE) {
        violations.push({
          field: listPath,
          message: `${container.label} is a sidecar (restartPolicy Always): in ${release(minor)} "restartPolicyRules are not allowed for init containers with restart policy Always" (RestartAllContainersOnContainerExits, on by default from 1.36, allows them).`,
          fix: 'Remove the rules (a sidecar is restarted whenever it exits anyway), or target Kubernetes 1.36 or later.',
        });
        continue;
      }
      violations.push(...restartRuleProblems(container, rules, minor));
    }
    return violations;
  },
});

export const CONTAINER_RESTART_RULES = [containerRestartPolicyInvalid, containerRestartRulesInvalid];
