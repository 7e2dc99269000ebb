/**
 * Fields the target release cannot use: newer than the release, removed from it, or behind a
 * feature gate that is off by default in it (the table is FEATURES in kubernetes-version.ts). The
 * API server does not always say so: it drops an unknown field (kubectl's strict field validation
 * refuses it), and the create strategy silently drops a gated-off one. Either way the object would
 * not do what it says, so each such field is an error that names the release where it becomes
 * usable, or, for an alpha field no release enables by default, the feature gate it needs.
 */
import {
  FeatureAvailability,
  FEATURES,
  featureEnabled,
  featureExists,
  formatVersion,
  isAtLeast,
} from '../kubernetes-version';
import { BatchKind, RuleInput, Violation } from '../rule';
import { arrayOf, fieldOf, isAbsent, objectOf } from '../support/access';
import { child, index } from '../support/field-path';
import { podAffinityTerms } from '../support/pod-template';
import { apiServerRule, BOTH_KINDS, writtenJobSpecOf } from './api-server-rule';
import { TOPOLOGY_SPREAD_FEATURES } from './pod/topology-spread';
import { GATED_PROJECTED_SOURCES } from './pod/volume-files';

/** The gated JobSpec fields, checked in a Job's spec and a CronJob's job template. */
const JOB_SPEC_FEATURES: readonly FeatureAvailability[] = [
  FEATURES.podFailurePolicy,
  FEATURES.backoffLimitPerIndex,
  FEATURES.maxFailedIndexes,
  FEATURES.podReplacementPolicy,
  FEATURES.successPolicy,
  FEATURES.managedBy,
  FEATURES.scheduling,
];

/** The gated PodSpec fields of the pod template. */
const POD_SPEC_FEATURES: readonly FeatureAvailability[] = [
  FEATURES.workloadRef,
  FEATURES.schedulingGroup,
  FEATURES.schedulingGates,
  FEATURES.hostUsers,
  FEATURES.podResourceClaims,
  FEATURES.podLevelResources,
  FEATURES.hostnameOverride,
];

/** The newest release that lacks one of the gated fields of a topology spread constraint. */
const TOPOLOGY_SPREAD_GATED_BEFORE = Math.max(...TOPOLOGY_SPREAD_FEATURES.map((f) => f.beta ?? Infinity));

/** The gated fields of every pod affinity and anti-affinity term (MatchLabelKeysInPodAffinity). */
const AFFINITY_TERM_FEATURES: readonly FeatureAvailability[] = [
  FEATURES.podAffinityMatchLabelKeys,
  FEATURES.podAffinityMismatchLabelKeys,
];

/** The gated fields of each topology spread constraint the release does not enable. */
function topologySpreadGates(
  podSpec: Readonly<Record<string, unknown>>,
  specPath: string,
  input: RuleInput,
  violations: Violation[],
): void {
  const constraints = arrayOf(podSpec.topologySpreadConstraints);
  if (!constraints) return;
  constraints.forEach((item, i) => {
    const constraint = objectOf(item);
    if (!constraint) return;
    for (const feature of TOPOLOGY_SPREAD_FEATURES)
      if (!isAbsent(constraint[feature.feature]) && !featureEnabled(feature, input.version))
        violations.push(
          unavailable(feature, child(index(child(specPath, 'topologySpreadConstraints'), i), feature.feature), input),
        );
  });
}

/** Projected volume sources and container stop signals while their gates are off. */
function nestedPodGates(
  podSpec: Readonly<Record<string, unknown>>,
  specPath: string,
  input: RuleInput,
  violations: Violation[],
): void {
  const off = (feature: FeatureAvailability) => !featureEnabled(feature, input.version);
  (arrayOf(podSpec.volumes) ?? []).forEach((volume, i) => {
    const sourcesPath = child(child(index(child(specPath, 'volumes'), i), 'projected'), 'sources');
    (arrayOf(fieldOf(fieldOf(volume, 'projected'), 'sources')) ?? []).forEach((source, j) => {
      for (const feature of GATED_PROJECTED_SOURCES)
        if (!isAbsent(fieldOf(source, feature.feature)) && off(feature))
          violations.push(unavailable(feature, child(index(sourcesPath, j), feature.feature), input));
    });
  });
  if (!off(FEATURES.containerStopSignal)) return;
  for (const list of ['containers', 'initContainers'] as const)
    (arrayOf(podSpec[list]) ?? []).forEach((container, i) => {
      if (!isAbsent(fieldOf(fieldOf(container, 'lifecycle'), 'stopSignal')))
        violations.push(
          unavailable(
            FEATURES.containerStopSignal,
            child(child(index(child(specPath, list), i), 'lifecycle'), 'stopSignal'),
            input,
          ),
        );
    });
}

/** Image volumes while ImageVolume is off (the strategy drops them and their mounts). */
function imageVolumeGates(
  podSpec: Readonly<Record<string, unknown>>,
  specPath: string,
  input: RuleInput,
  violations: Violation[],
): void {
  (arrayOf(podSpec.volumes) ?? []).forEach((volume, i) => {
    if (!isAbsent(fieldOf(volume, 'image')))
      violations.push(unavailable(FEATURES.imageVolume, child(index(child(specPath, 'volumes'), i), 'image'), input));
  });
}

/** Containers' resources.claims while DynamicResourceAllocation is off. */
function containerClaimGates(
  podSpec: Readonly<Record<string, unknown>>,
  specPath: string,
  input: RuleInput,
  violations: Violation[],
): void {
  for (const list of ['containers', 'initContainers'] as const)
    (arrayOf(podSpec[list]) ?? []).forEach((container, i) => {
      if (!isAbsent(fieldOf(fieldOf(container, 'resources'), 'claims')))
        violations.push(
          unavailable(
            FEATURES.containerResourceClaims,
            child(index(child(specPath, list), i), 'resources.claims'),
            input,
          ),
        );
    });
}

/**
 * What happens to a field that exists in the release but whose gate is off by default: the create
 * strategies drop it, except a JobSpec field in a CronJob's job template, which only the Jobs lose.
 */
function gatedOffConsequence(kind: BatchKind, feature: FeatureAvailability): string {
  if (feature.in === 'PodSpec') return 'the API server silently drops it from the pod template.';
  if (kind === 'Job') return 'the API server silently drops it from the Job.';
  if (feature.in === 'CronJobSpec') return 'the API server silently drops it from the CronJob.';
  return 'the API server keeps it in the job template but drops it from every Job created from it.';
}

/** Why the field does nothing in the target release, in one sentence. */
function unavailableReason(feature: FeatureAvailability, input: RuleInput): string {
  const target = formatVersion(input.version);
  if (feature.removed !== undefined && isAtLeast(input.version, feature.removed))
    return `Kubernetes ${target} no longer has it (it was removed in 1.${feature.removed}): the API server drops it as an unknown field.`;
  if (!featureExists(feature, input.version))
    return `Kubernetes ${target} does not have it: the API server drops it as an unknown field (kubectl's strict field validation rejects it). It arrives as alpha in 1.${feature.alpha}.`;
  return `In Kubernetes ${target} its ${feature.gate} feature gate is off by default (alpha, or beta but off), so ${gatedOffConsequence(input.kind, feature)}`;
}

function unavailable(feature: FeatureAvailability, field: string, input: RuleInput): Violation {
  const reason = unavailableReason(feature, input);
  if (feature.beta === undefined) {
    return {
      field,
      message: `${feature.feature} needs the ${feature.gate} feature gate, which no Kubernetes release up to 1.${input.version.minor} turns on by default. ${reason}`,
      fix: `Remove ${feature.feature}; it works only on clusters whose API server (and controllers) enable ${feature.gate}.`,
    };
  }
  const usable = `1.${feature.beta}`;
  return {
    field,
    message: `${feature.feature} needs Kubernetes ${usable} or later (feature gate ${feature.gate}, on by default from ${usable}). ${reason}`,
    fix: `Target Kubernetes ${usable} or later (kubernetesVersion / --kubernetes-version) if your clusters run it, or remove ${feature.feature}.`,
  };
}

export const fieldUnavailableInVersion = apiServerRule({
  id: 'field-unavailable-in-version',
  kinds: BOTH_KINDS,
  summary:
    'A field newer than the target Kubernetes version, removed from it, or behind a feature gate off by default in it (managedBy before 1.32, pod affinity matchLabelKeys before 1.31, the alpha scheduling and schedulingGroup, ...).',
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
    const podSpec = objectOf(fieldOf(fieldOf(spec, 'template'), 'spec'));
    for (const feature of POD_SPEC_FEATURES) {
      if (podSpec && !isAbsent(podSpec[feature.feature]) && !featureEnabled(feature, input.version)) {
        const field = child(child(input.templatePath, 'spec'), feature.feature);
        violations.push(unavailable(feature, field, input));
      }
    }
    if (podSpec && !isAtLeast(input.version, TOPOLOGY_SPREAD_GATED_BEFORE))
      topologySpreadGates(podSpec, child(input.templatePath, 'spec'), input, violations);
    if (podSpec) nestedPodGates(podSpec, child(input.templatePath, 'spec'), input, violations);
    if (podSpec && !featureEnabled(FEATURES.imageVolume, input.version))
      imageVolumeGates(podSpec, child(input.templatePath, 'spec'), input, violations);
    if (podSpec && !featureEnabled(FEATURES.containerResourceClaims, input.version))
      containerClaimGates(podSpec, child(input.templatePath, 'spec'), input, violations);
    if (podSpec && AFFINITY_TERM_FEATURES.some((f) => !featureEnabled(f, input.version)))
      for (const { term, path: termPath } of podAffinityTerms(podSpec, child(input.templatePath, 'spec')))
        for (const feature of AFFINITY_TERM_FEATURES)
          if (!isAbsent(term[feature.feature]) && !featureEnabled(feature, input.version))
            violations.push(unavailable(feature, child(termPath, feature.feature), input));
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
