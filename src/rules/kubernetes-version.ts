/**
 * The Kubernetes release whose API rules, fields and default feature gates apply, and which
 * releases the library knows. docs/research/k8s-validation.md records what was read for each.
 */

export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * The release checked when none is given: the oldest minor release upstream still supports when
 * this package is released (upstream supports the three newest minors; 1.34 left support on
 * 2026-10-27). The one place to change it; the README's "Kubernetes releases" section says the same.
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** The oldest release whose rules the library knows (older clusters are still linted). */
export const OLDEST_SUPPORTED_MINOR = 25;
/** The newest release whose rules the library knows; a newer minor is checked as this one. */
export const NEWEST_KNOWN_MINOR = 37;

/** A release as the library will check it, and what it was asked for when that differs. */
export interface ResolvedKubernetesVersion {
  readonly version: KubernetesVersion;
  /** Set when the text named a newer minor than the library knows: one line saying what is checked instead. */
  readonly note?: string;
}

/**
 * Reads "1.35" (a leading "v" and a patch number are allowed). A 1.x release newer than the
 * library knows counts as the newest known one, with a note, so the tool keeps working when a
 * release ships; undefined for anything else or a release older than the oldest known.
 */
export function readKubernetesVersion(text: string): ResolvedKubernetesVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  // Digits past a safe integer name no release (and would print as 1e+21).
  if (major !== 1 || minor < OLDEST_SUPPORTED_MINOR || !Number.isSafeInteger(minor)) return undefined;
  if (minor <= NEWEST_KNOWN_MINOR) return { version: { major, minor } };
  return {
    version: { major, minor: NEWEST_KNOWN_MINOR },
    note: `Kubernetes 1.${minor} is newer than the newest release cdk8s-batch knows; checking with the rules of 1.${NEWEST_KNOWN_MINOR}.`,
  };
}

/** The release `text` is checked as (see readKubernetesVersion), without the note. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  return readKubernetesVersion(text)?.version;
}

/** The releases a version option accepts, for the messages that refuse one. */
export const SUPPORTED_VERSIONS_TEXT = `1.${OLDEST_SUPPORTED_MINOR} or later (rules known up to 1.${NEWEST_KNOWN_MINOR})`;

/** True when `version` is `minor` or later (1.x). */
export function isAtLeast(version: KubernetesVersion, minor: number): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= minor);
}

export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/**
 * When a batch/v1 field (or field value) became usable: the release that added it behind a
 * feature gate that is off by default (`alpha`), and the release whose default gates turn it on
 * (`beta`). Before `alpha` the API has no such field: the decoder drops it (and kubectl's strict
 * field validation refuses it). From `alpha` to `beta` the field exists, but a Job's create
 * strategy drops it silently while its gate is off; a CronJob keeps a JobSpec field in its job
 * template and validates it, and the Jobs created from the template lose it. Pod template fields
 * are dropped from both.
 */
export interface FeatureAvailability {
  /** The field, or `podFailurePolicy action FailIndex`. */
  readonly feature: string;
  /**
   * Where the field sits inside `in`, as the README's table of gated fields shows it, when it is
   * not a field of `in` itself (e.g. `topologySpreadConstraints[].minDomains`). Messages name the
   * field by `feature`.
   */
  readonly path?: string;
  /** The type whose field it is (a Job's and a CronJob's job template's JobSpec, the pod template's PodSpec). */
  readonly in: 'JobSpec' | 'PodSpec' | 'CronJobSpec';
  /** The feature gate in pkg/features/kube_features.go. */
  readonly gate: string;
  /** First minor release with the field, its gate off by default. */
  readonly alpha: number;
  /** First minor release whose default gates turn it on; absent while no released version does. */
  readonly beta?: number;
  /** Minor release where the gate went GA, if it has. */
  readonly ga?: number;
  /** First minor release whose API no longer has the field (it was replaced). */
  readonly removed?: number;
  /**
   * Where the releases were read (docs/research/k8s-validation.md, "Releases 1.29 to 1.37"); feature-gate
   * docs are the gate's page in kubernetes/website (content/en/docs/reference/command-line-tools-reference/feature-gates).
   */
  readonly checkedIn: 'kube_features.go' | 'KEP and release blog' | 'feature-gate docs' | 'research note';
}

/**
 * The gated batch/v1 fields. The Job gates were checked against the versioned gate specs
 * (`{Version, Default, PreRelease}` lists) in copies of kubernetes/kubernetes
 * pkg/features/kube_features.go from 1.31 to 1.35 (the 1.35 copy has every Job gate's GA entry);
 * CronJobTimeZone against the 1.25 copy (Beta, on) and the 1.27 copy (GA). The workload-aware
 * scheduling fields of 1.35 to 1.37 come from the GenericWorkload and WorkloadWithJob specs, KEP-4671
 * and KEP-5547 and the 1.36 and 1.37 release blogs: the library had no 1.36 or 1.37 source tree.
 * The pod template fields from hostUsers on were read in the versioned kube_features.go, as each
 * entry's comment says. Rules name an entry as `FEATURES.<key>`.
 */
export const FEATURES = {
  podFailurePolicy: {
    feature: 'podFailurePolicy',
    in: 'JobSpec',
    gate: 'JobPodFailurePolicy',
    alpha: 25,
    beta: 26,
    ga: 31,
    checkedIn: 'kube_features.go',
  },
  backoffLimitPerIndex: {
    feature: 'backoffLimitPerIndex',
    in: 'JobSpec',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  maxFailedIndexes: {
    feature: 'maxFailedIndexes',
    in: 'JobSpec',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  failIndexAction: {
    feature: 'podFailurePolicy action FailIndex',
    in: 'JobSpec',
    path: 'podFailurePolicy rules[].action: FailIndex',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  podReplacementPolicy: {
    feature: 'podReplacementPolicy',
    in: 'JobSpec',
    gate: 'JobPodReplacementPolicy',
    alpha: 28,
    beta: 29,
    ga: 34,
    checkedIn: 'kube_features.go',
  },
  successPolicy: {
    feature: 'successPolicy',
    in: 'JobSpec',
    gate: 'JobSuccessPolicy',
    alpha: 30,
    beta: 31,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  managedBy: {
    feature: 'managedBy',
    in: 'JobSpec',
    gate: 'JobManagedBy',
    alpha: 30,
    beta: 32,
    ga: 35,
    checkedIn: 'kube_features.go',
  },
  scheduling: {
    feature: 'scheduling',
    in: 'JobSpec',
    gate: 'WorkloadWithJob',
    alpha: 37,
    checkedIn: 'KEP and release blog',
  },
  workloadRef: {
    feature: 'workloadRef',
    in: 'PodSpec',
    gate: 'GenericWorkload',
    alpha: 35,
    removed: 36,
    checkedIn: 'KEP and release blog',
  },
  schedulingGroup: {
    feature: 'schedulingGroup',
    in: 'PodSpec',
    gate: 'GenericWorkload',
    alpha: 36,
    checkedIn: 'KEP and release blog',
  },
  /**
   * UserNamespacesSupport (versioned kube_features.go, 1.35 era): alpha 1.25, beta off 1.30, on by
   * default from 1.33.
   */
  hostUsers: {
    feature: 'hostUsers',
    in: 'PodSpec',
    gate: 'UserNamespacesSupport',
    alpha: 25,
    beta: 33,
    checkedIn: 'kube_features.go',
  },
  /** PodSchedulingReadiness (versioned kube_features.go): alpha 1.26, on by default from 1.27, GA 1.30. */
  schedulingGates: {
    feature: 'schedulingGates',
    in: 'PodSpec',
    gate: 'PodSchedulingReadiness',
    alpha: 26,
    beta: 27,
    ga: 30,
    checkedIn: 'kube_features.go',
  },
  /**
   * DynamicResourceAllocation (versioned kube_features.go, 1.35 era): alpha 1.26, beta off 1.32, GA
   * and on by default from 1.34.
   */
  podResourceClaims: {
    feature: 'resourceClaims',
    in: 'PodSpec',
    gate: 'DynamicResourceAllocation',
    alpha: 26,
    beta: 34,
    ga: 34,
    checkedIn: 'kube_features.go',
  },
  /**
   * A container's resources.claims, which the create strategy drops with the pod's resourceClaims
   * (DynamicResourceAllocation, as podResourceClaims).
   */
  containerResourceClaims: {
    feature: 'resources.claims',
    in: 'PodSpec',
    path: 'containers[].resources.claims, initContainers[].resources.claims',
    gate: 'DynamicResourceAllocation',
    alpha: 26,
    beta: 34,
    ga: 34,
    checkedIn: 'kube_features.go',
  },
  /** PodLevelResources: alpha 1.32, on by default from 1.34 (versioned kube_features.go, 1.35 era). */
  podLevelResources: {
    feature: 'resources',
    in: 'PodSpec',
    gate: 'PodLevelResources',
    alpha: 32,
    beta: 34,
    checkedIn: 'kube_features.go',
  },
  /** MinDomainsInPodTopologySpread: alpha 1.24, beta off 1.25, on 1.27, GA 1.30 (versioned kube_features.go). */
  topologySpreadMinDomains: {
    feature: 'minDomains',
    in: 'PodSpec',
    path: 'topologySpreadConstraints[].minDomains',
    gate: 'MinDomainsInPodTopologySpread',
    alpha: 24,
    beta: 27,
    ga: 30,
    checkedIn: 'kube_features.go',
  },
  /** MatchLabelKeysInPodTopologySpread: alpha 1.25, on by default from 1.27 (versioned kube_features.go). */
  topologySpreadMatchLabelKeys: {
    feature: 'matchLabelKeys',
    in: 'PodSpec',
    path: 'topologySpreadConstraints[].matchLabelKeys',
    gate: 'MatchLabelKeysInPodTopologySpread',
    alpha: 25,
    beta: 27,
    checkedIn: 'kube_features.go',
  },
  /** NodeInclusionPolicyInPodTopologySpread: alpha 1.25, on by default from 1.26 (versioned kube_features.go). */
  nodeAffinityPolicy: {
    feature: 'nodeAffinityPolicy',
    in: 'PodSpec',
    path: 'topologySpreadConstraints[].nodeAffinityPolicy',
    gate: 'NodeInclusionPolicyInPodTopologySpread',
    alpha: 25,
    beta: 26,
    checkedIn: 'kube_features.go',
  },
  /** NodeInclusionPolicyInPodTopologySpread, as nodeAffinityPolicy. */
  nodeTaintsPolicy: {
    feature: 'nodeTaintsPolicy',
    in: 'PodSpec',
    path: 'topologySpreadConstraints[].nodeTaintsPolicy',
    gate: 'NodeInclusionPolicyInPodTopologySpread',
    alpha: 25,
    beta: 26,
    checkedIn: 'kube_features.go',
  },
  /**
   * MatchLabelKeysInPodAffinity: alpha 1.29 (off), on by default from 1.31, GA 1.33 (versioned
   * kube_features.go); a field of every pod affinity and anti-affinity term.
   */
  podAffinityMatchLabelKeys: {
    feature: 'matchLabelKeys',
    in: 'PodSpec',
    path: 'affinity.podAffinity/podAntiAffinity terms[].matchLabelKeys',
    gate: 'MatchLabelKeysInPodAffinity',
    alpha: 29,
    beta: 31,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  /** MatchLabelKeysInPodAffinity, as podAffinityMatchLabelKeys. */
  podAffinityMismatchLabelKeys: {
    feature: 'mismatchLabelKeys',
    in: 'PodSpec',
    path: 'affinity.podAffinity/podAntiAffinity terms[].mismatchLabelKeys',
    gate: 'MatchLabelKeysInPodAffinity',
    alpha: 29,
    beta: 31,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  /**
   * ImageVolume (versioned kube_features.go of 1.37): alpha 1.31, beta off 1.33, on by default from
   * 1.35, GA 1.36. While it is off the create strategy drops the image volumes and every mount of them.
   */
  imageVolume: {
    feature: 'image',
    in: 'PodSpec',
    path: 'volumes[].image',
    gate: 'ImageVolume',
    alpha: 31,
    beta: 35,
    ga: 36,
    checkedIn: 'kube_features.go',
  },
  /** HostnameOverride (versioned kube_features.go of 1.37): alpha 1.34, on by default from 1.35. */
  hostnameOverride: {
    feature: 'hostnameOverride',
    in: 'PodSpec',
    gate: 'HostnameOverride',
    alpha: 34,
    beta: 35,
    checkedIn: 'kube_features.go',
  },
  /** ContainerStopSignals: alpha 1.33, off by default through 1.37 (feature-gate docs; versioned kube_features.go of 1.37). */
  containerStopSignal: {
    feature: 'stopSignal',
    in: 'PodSpec',
    path: 'containers[].lifecycle.stopSignal',
    gate: 'ContainerStopSignals',
    alpha: 33,
    checkedIn: 'feature-gate docs',
  },
  /** ClusterTrustBundleProjection: alpha 1.29, beta off 1.33, GA and on by default in 1.37. */
  clusterTrustBundleProjection: {
    feature: 'clusterTrustBundle',
    in: 'PodSpec',
    path: 'volumes[].projected.sources[].clusterTrustBundle',
    gate: 'ClusterTrustBundleProjection',
    alpha: 29,
    beta: 37,
    ga: 37,
    checkedIn: 'feature-gate docs',
  },
  /** PodCertificateRequest: alpha 1.34, beta off 1.35, GA and on by default in 1.37 (versioned kube_features.go). */
  podCertificateProjection: {
    feature: 'podCertificate',
    in: 'PodSpec',
    path: 'volumes[].projected.sources[].podCertificate',
    gate: 'PodCertificateRequest',
    alpha: 34,
    beta: 37,
    ga: 37,
    checkedIn: 'kube_features.go',
  },
  timeZone: {
    feature: 'timeZone',
    in: 'CronJobSpec',
    gate: 'CronJobTimeZone',
    alpha: 24,
    beta: 25,
    ga: 27,
    checkedIn: 'kube_features.go',
  },
} as const satisfies Record<string, FeatureAvailability>;

/** True when the release's API has the field at all (its gate may still be off). */
export function featureExists(feature: FeatureAvailability, version: KubernetesVersion): boolean {
  return isAtLeast(version, feature.alpha) && (feature.removed === undefined || !isAtLeast(version, feature.removed));
}

/** True when the release's default feature gates enable the field. */
export function featureEnabled(feature: FeatureAvailability, version: KubernetesVersion): boolean {
  return feature.beta !== undefined && featureExists(feature, version) && isAtLeast(version, feature.beta);
}
