/**
 * A regular container with its own restartPolicy Always (container restart rules, 1.35+): the
 * kubelet restarts it every time it exits, whatever the pod's restartPolicy says, so the pod never
 * reaches Succeeded and the Job never completes; activeDeadlineSeconds, if set, ends it as failed.
 * The API server accepts it (Always is a valid container restartPolicy, and Job validation only
 * looks at the pod's). A helper meant to run beside the main container is a sidecar instead: an
 * init container with restartPolicy Always, which the kubelet stops once the main containers exit.
 * The same holds for a regular container whose restartPolicyRules restart it on exit code 0: the
 * kubelet applies the first rule matching an exit code before the container's policy
 * (ContainerShouldRestart), so the container can only end by failing.
 */
import { RESTART_ALL_CONTAINERS_SINCE, RESTART_RULES_SINCE } from '../api-server/pod/container-restart';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { arrayOf, fieldOf, integerOf, objectOf } from '../support/access';
import { child, index } from '../support/field-path';
import { ContainerList, PodContainer, podTemplate } from '../support/pod-template';
import { Violation } from '../rule';
import { endsAsItStarts } from './deadlines';
import { neverWorksRule } from './never-works-rule';

export const containerRestartsForever = neverWorksRule({
  id: 'container-restarts-forever',
  kinds: BOTH_KINDS,
  since: RESTART_RULES_SINCE,
  summary:
    "A regular container with its own restartPolicy Always, or restartPolicyRules that restart it on exit code 0 (1.35+): it is restarted whenever it succeeds, so the Job's pods never succeed.",
  check(input) {
    // A Job that ends as it starts runs no pod: job-active-deadline-zero or job-completions-zero says why.
    if (input.version.minor < RESTART_RULES_SINCE || endsAsItStarts(input) !== undefined) return [];
    const violations: Violation[] = [];
    for (const container of podTemplate(input).containers) {
      if (container.list !== ContainerList.CONTAINERS) continue;
      if (container.value.restartPolicy === 'Always') {
        violations.push({
          field: child(container.path, 'restartPolicy'),
          message: `${container.label} has its own restartPolicy Always, so the kubelet restarts it every time it exits: its pod never succeeds, and the Job never completes (it fails only when activeDeadlineSeconds runs out).`,
          fix: "Remove the container's restartPolicy (the pod's Never or OnFailure then applies), or use OnFailure to retry it in place; for a helper that runs beside the main container, make it a sidecar: an init container with restartPolicy Always.",
        });
        continue;
      }
      const rule = ruleRestartingOnSuccess(container, input.version.minor);
      if (rule !== undefined)
        violations.push({
          field: index(child(container.path, 'restartPolicyRules'), rule),
          message: `${container.label} has a restart rule that matches exit code 0 and restarts it, and the kubelet applies the first matching rule before the container's restartPolicy: it is restarted every time it succeeds, so it can only end by failing, its pod never succeeds, and the Job never completes.`,
          fix: 'Make the rule match only the exit codes to retry (operator In with non-zero codes), or leave exit code 0 to a rule that does not restart.',
        });
    }
    return violations;
  },
});

/**
 * Whether a restart rule action starts the container again: Restart, and RestartAllContainers
 * (which restarts all the pod's) where the release accepts it (before, the API server refuses it).
 */
function restarts(action: unknown, minor: number): boolean {
  return action === 'Restart' || (action === 'RestartAllContainers' && minor >= RESTART_ALL_CONTAINERS_SINCE);
}

/** The index of the first restart rule matching exit code 0, when it restarts the container; rules need the container's own restartPolicy. */
function ruleRestartingOnSuccess(container: PodContainer, minor: number): number | undefined {
  if (container.value.restartPolicy === undefined) return undefined;
  const rules = arrayOf(container.value.restartPolicyRules) ?? [];
  for (let i = 0; i < rules.length; i++) {
    const exitCodes = objectOf(fieldOf(rules[i], 'exitCodes'));
    const values = (arrayOf(exitCodes?.values) ?? []).map(integerOf);
    const operator = exitCodes?.operator;
    const matchesZero = operator === 'In' ? values.includes(0) : operator === 'NotIn' && !values.includes(0);
    if (matchesZero) return restarts(fieldOf(rules[i], 'action'), minor) ? i : undefined;
  }
  return undefined;
}

export const CONTAINER_RESTART_NEVER_WORKS_RULES = [containerRestartsForever];
