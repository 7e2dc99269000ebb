/**
 * Hardening beyond the Pod Security Standards that kube-linter and Polaris also ask for: a
 * read-only root filesystem, no API token unless the Job needs one, and a ServiceAccount of its
 * own rather than the namespace's shared `default`.
 */
import { arrayOf, fieldOf, isAbsent, stringOf } from '../support/access';
import { child } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { PodTemplate, podTemplate } from '../support/pod-template';
import { POD_DEFAULT_IDENTITY } from './groups';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

/**
 * Opt in (lint --strict, or a policy level): Pod Security "restricted" leaves it out on purpose, and
 * many images write below / (package caches, home directories) until they are given volumes, so on
 * manifests written by others it was the most frequent warning and the one least acted on. The
 * constructs set it anyway.
 */
export const writableRootFilesystem = bestPracticeRule({
  id: 'container-writable-root-filesystem',
  kinds: JOBS_AND_CRONJOBS,
  optIn: true,
  summary:
    'Every container sets readOnlyRootFilesystem: true (with an emptyDir for the paths it writes, such as /tmp).',
  check(input) {
    const pod = podTemplate(input);
    // Windows containers cannot have a read-only root filesystem.
    if (pod.isWindows) return [];
    return pod.containers
      .filter((c) => c.securityContext?.readOnlyRootFilesystem !== true)
      .map((c) => ({
        field: child(c.securityContextPath, 'readOnlyRootFilesystem'),
        message: `${capitalise(c.label)} can write to its root filesystem, so a compromised or buggy process can change the program's own files, and its writes land on the node's disk.`,
        fix: `Set securityContext.readOnlyRootFilesystem: true on ${c.label}, and mount an emptyDir volume at /tmp and at any other path it writes to.`,
      }));
  },
});

/** The pod's ServiceAccount: `serviceAccount` is the deprecated spelling the API server still honours when serviceAccountName is empty. */
function serviceAccountOf(spec: { serviceAccountName?: unknown; serviceAccount?: unknown }): string {
  return stringOf(spec.serviceAccountName) || stringOf(spec.serviceAccount) || 'default';
}

/**
 * Whether the pod's containers get a token of its ServiceAccount: mounted automatically (unless
 * the pod turns that off), or asked for in a projected volume.
 */
function carriesServiceAccountToken(pod: PodTemplate): boolean {
  if (pod.spec.automountServiceAccountToken !== false) return true;
  return pod.volumes.some((volume) =>
    (arrayOf(fieldOf(volume.value.projected, 'sources')) ?? []).some(
      (source) => !isAbsent(fieldOf(source, 'serviceAccountToken')),
    ),
  );
}

export const serviceAccountTokenMounted = bestPracticeRule({
  id: 'pod-service-account-token-mounted',
  group: POD_DEFAULT_IDENTITY,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'The pod sets automountServiceAccountToken: false, unless it runs as a ServiceAccount of its own (which may need the API; the token can be turned off on the ServiceAccount).',
  check(input) {
    const pod = podTemplate(input);
    if (!pod.hasSpec || pod.spec.automountServiceAccountToken === false) return [];
    // A ServiceAccount of its own is the sign of a Job that talks to the API; whether it mounts a
    // token is then the ServiceAccount's setting, which the manifest of the Job does not show.
    if (serviceAccountOf(pod.spec) !== 'default') return [];
    return [
      {
        field: child(pod.specPath, 'automountServiceAccountToken'),
        message:
          'The pod does not set automountServiceAccountToken: false, so unless its ServiceAccount turns it off, every container gets a Kubernetes API token that anyone who takes over the process can use.',
        fix: 'Set automountServiceAccountToken: false; if the Job calls the Kubernetes API, give it a dedicated ServiceAccount and mount a projected token only where it is needed.',
      },
    ];
  },
});

export const defaultServiceAccount = bestPracticeRule({
  id: 'pod-default-service-account',
  group: POD_DEFAULT_IDENTITY,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    "The pod runs as a ServiceAccount of its own, not the namespace's default, unless it carries no token of it (automountServiceAccountToken: false and no projected token).",
  check(input) {
    const pod = podTemplate(input);
    // Without a token, the pod cannot use what anyone granted the default account.
    if (!pod.hasSpec || serviceAccountOf(pod.spec) !== 'default' || !carriesServiceAccountToken(pod)) return [];
    return [
      {
        field: child(pod.specPath, 'serviceAccountName'),
        message:
          "The pod runs as the namespace's default ServiceAccount, which every pod without one of its own shares, together with every permission anyone granted it.",
        fix: 'Create a ServiceAccount for this workload and set serviceAccountName to it.',
      },
    ];
  },
});

export const HARDENING_RULES = [writableRootFilesystem, serviceAccountTokenMounted, defaultServiceAccount];
