/**
 * Fields the target release cannot use: newer than the release, or behind a feature gate that is
 * off by default in it (the table is FEATURES in kubernetes-version.ts). The API server does not
 * always say so: it drops an unknown field (kubectl's strict field validation refuses it), and a
 * Job's create strategy silently drops a gated-off one. Either way the object would not do what it
 * says, so each such field is an error that names the release where it becomes usable.
 */
import { FeatureAvailability, FEATURES, featureEnabled, featureExists, formatVersion } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { arrayOf, fieldOf, isAbsent, objectOf } from '../support/access';
import { child, index } from '../support/field-path';
import { apiServerRule, BOTH_KINDS, writtenJobSpecOf } from './api-server-rule';

/** The gated JobSpec fields, checked in a Job's spec and a CronJob's job template. */
const JOB_SPEC_FEATURES: readonly FeatureAvailability[] = [
  FEATURES.podFailurePolicy,
  FEATURES.backoffLimitPerIndex,
  FEATURES.maxFailedIndexes,
  FEATURES.podReplacementPolicy,
  FEATURES.successPolicy,
  FEATURES.managedBy,
];

function unavailable(feature: FeatureAvailability, field: string, input: RuleInput): Violation {
  const target = formatVersion(input.version);
  const usable = `1.${feature.beta}`;
  const consequence = featureExists(feature, input.version)
    ? `In Kubernetes ${target} it is alpha: the ${feature.gate} feature gate is off by default, so the API server ` +
      (input.kind === 'Job'
        ? 'silently drops it from the Job.'
        : 'keeps it in the job template but drops it from every Job created from it.')
    : `Kubernetes ${target} does not have it: the API server drops it as an unknown field (kubectl's strict field validation rejects it). It arrives as alpha in 1.${feature.alpha}.`;
  return {
    field,
    message: `${feature.feature} needs Kubernetes ${usable} or later (feature gate ${feature.gate}, on by default from ${usable}). ${consequence}`,
    fix: `Target Kubernetes ${usable} or later (kubernetesVersion / --kubernetes-version) if your clusters run it, or remove ${feature.feature}.`,
  };
}

export const fieldUnavailableInVersion = apiServerRule({
  id: 'field-unavailable-in-version',
  kinds: BOTH_KINDS,
  summary:
    'A field newer than the target Kubernetes version, or behind a feature gate off by default in it (managedBy, successPolicy, backoffLimitPerIndex, ...).',
  check(input) {
    const violations: Violation[] = [];
    const spec = writtenJobSpecOf(input);
    for (const feature of JOB_SPEC_FEATURES) {
      if (!isAbsent(spec[feature.feature]) && !featureEnabled(feature, input.version)) {
        violations.push(unavailable(feature, child(input.jobSpecPath, feature.feature), input));
      }
    }
    if (!featureEnabled(FEATURES.failIndexAction, input.version)) {
      const rulesPath = child(child(input.jobSpecPath, 'podFailurePolicy'), 'rules');
      (arrayOf(objectOf(spec.podFailurePolicy)?.rules) ?? []).forEach((rule, i) => {
        if (fieldOf(rule, 'action') === 'FailIndex')
          violations.push(unavailable(FEATURES.failIndexAction, child(index(rulesPath, i), 'action'), input));
      });
    }
    if (
      input.kind === 'CronJob' &&
      !isAbsent(fieldOf(fieldOf(input.object, 'spec'), 'timeZone')) &&
      !featureEnabled(FEATURES.timeZone, input.version)
    ) {
      violations.push(unavailable(FEATURES.timeZone, 'spec.timeZone', input));
    }
    return violations;
  },
});

export const VERSION_GATE_RULES = [fieldUnavailableInVersion];
