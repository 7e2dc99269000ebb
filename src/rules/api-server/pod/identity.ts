/**
 * The pod's names and priority (ValidatePodSpec): hostname and subdomain are DNS-1123 labels (at
 * most 63 characters, no dots); hostnameOverride (HostnameOverride, on by default from 1.35;
 * validatePodHostName) is a DNS-1123 subdomain of at most 64 characters, and neither beside
 * setHostnameAsFQDN nor with hostNetwork; priorityClassName is a DNS-1123 subdomain (the
 * PriorityClass object's name), and preemptionPolicy is PreemptLowerPriority or Never.
 */
import { FEATURES, featureEnabled } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { describeValue } from '../../support/access';
import { child } from '../../support/field-path';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const HOSTNAME_FIELDS = ['hostname', 'subdomain'] as const;
const HOSTNAME_OVERRIDE_MAX_LENGTH = 64;
const HOSTNAME_OVERRIDE_FIX =
  'Use a DNS name of at most 64 characters, e.g. "worker-0.batch.example.com", without setHostnameAsFQDN or hostNetwork, or leave hostnameOverride out.';

export const podHostnameInvalid = apiServerRule({
  id: 'pod-hostname-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A pod hostname or subdomain that is not a DNS-1123 label (lowercase alphanumerics and "-", no dots, at most 63); a hostnameOverride (1.35+) that is not a DNS subdomain of at most 64 characters, or beside setHostnameAsFQDN or hostNetwork.',
  check(input) {
    const pod = podTemplate(input);
    let out: Violation[] | undefined;
    const override = pod.spec.hostnameOverride;
    if (typeof override === 'string' && featureEnabled(FEATURES.hostnameOverride, input.version)) {
      const field = child(pod.specPath, 'hostnameOverride');
      const problem = (message: string) => (out ??= []).push({ field, message, fix: HOSTNAME_OVERRIDE_FIX });
      if (pod.spec.setHostnameAsFQDN === true)
        problem('hostnameOverride "may not be specified when setHostnameAsFQDN is true".');
      if (pod.spec.hostNetwork === true) problem('hostnameOverride "may not be specified when hostNetwork is true".');
      if (override.length > HOSTNAME_OVERRIDE_MAX_LENGTH)
        problem(
          `hostnameOverride is ${override.length} characters long; it "may not be more than ${HOSTNAME_OVERRIDE_MAX_LENGTH} bytes".`,
        );
      for (const p of dns1123SubdomainProblems(override))
        problem(`hostnameOverride ${describeValue(override)} is not a valid DNS name: ${p}.`);
    }
    for (const field of HOSTNAME_FIELDS) {
      const value = pod.spec[field];
      if (typeof value !== 'string' || value === '') continue;
      for (const p of dns1123LabelProblems(value))
        (out ??= []).push({
          field: child(pod.specPath, field),
          message: `${field} ${describeValue(value)} is not a valid DNS label: ${p}.`,
          fix:
            field === 'hostname'
              ? 'Use one DNS label, e.g. "worker-0"; the domain part comes from subdomain and the namespace.'
              : 'Use the name of a headless Service in the namespace (a DNS label, no dots), e.g. "workers".',
        });
    }
    return out ?? [];
  },
});

const PREEMPTION_POLICIES = new Set(['PreemptLowerPriority', 'Never']);

export const podPriorityInvalid = apiServerRule({
  id: 'pod-priority-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A priorityClassName that is not a DNS-1123 subdomain, or a preemptionPolicy other than PreemptLowerPriority or Never.',
  check(input) {
    const pod = podTemplate(input);
    const { priorityClassName, preemptionPolicy } = pod.spec;
    let out: Violation[] | undefined;
    if (typeof priorityClassName === 'string' && priorityClassName !== '')
      for (const p of dns1123SubdomainProblems(priorityClassName))
        (out ??= []).push({
          field: child(pod.specPath, 'priorityClassName'),
          message: `priorityClassName ${describeValue(priorityClassName)} cannot name a PriorityClass: ${p}.`,
          fix: 'Use the name of an existing PriorityClass, e.g. "batch-low" (kubectl get priorityclasses).',
        });
    if (typeof preemptionPolicy === 'string' && !PREEMPTION_POLICIES.has(preemptionPolicy))
      (out ??= []).push({
        field: child(pod.specPath, 'preemptionPolicy'),
        message:
          preemptionPolicy === ''
            ? 'preemptionPolicy is empty ("Required value").'
            : `preemptionPolicy ${describeValue(preemptionPolicy)} is not supported (supported values: "Never", "PreemptLowerPriority").`,
        fix: 'Leave preemptionPolicy out (PreemptLowerPriority), or set Never so the pod waits instead of evicting lower-priority pods.',
      });
    return out ?? [];
  },
});

export const IDENTITY_RULES = [podHostnameInvalid, podPriorityInvalid];
