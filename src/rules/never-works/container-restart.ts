/**
 * A regular container with its own restartPolicy Always (container restart rules, 1.35+): the
 * kubelet restarts it every time it exits, whatever the pod's restartPolicy says, so the pod never
 * reaches Succeeded and the Job never completes; activeDeadlineSeconds, if set, ends it as failed.
 * The API server accepts it (Always is a valid container restartPolicy, and Job validation only
 * looks at the pod's). A helper meant to run beside the main container is a sidecar instead: an
 * init container with restartPolicy Always, which the kubelet stops once the main containers exit.
 */
import { RESTART_RULES_SINCE } from '../api-server/pod/container-restart';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { child } from '../support/field-path';
import { ContainerList, podTemplate } from '../support/pod-template';
import { neverWorksRule } from './never-works-rule';

export const containerRestartsForever = neverWorksRule({
  id: 'container-restarts-forever',
  kinds: BOTH_KINDS,
  since: RESTART_RULES_SINCE,
  summary:
    "A regular container with its own restartPolicy Always (1.35+): it is restarted whenever it exits, so the Job's pods never succeed.",
  check(input) {
    if (input.version.minor < RESTART_RULES_SINCE) return [];
    return podTemplate(input)
      .containers.filter((c) => c.list === ContainerList.CONTAINERS && c.value.restartPolicy === 'Always')
      .map((container) => ({
        field: child(container.path, 'restartPolicy'),
        message: `${container.label} has its own restartPolicy Always, so the kubelet restarts it every time it exits: its pod never succeeds, and the Job never completes (it fails only when activeDeadlineSeconds runs out).`,
        fix: "Remove the container's restartPolicy (the pod's Never or OnFailure then applies), or use OnFailure to retry it in place; for a helper that runs beside the main container, make it a sidecar: an init container with restartPolicy Always.",
      }));
  },
});

export const CONTAINER_RESTART_NEVER_WORKS_RULES = [containerRestartsForever];
