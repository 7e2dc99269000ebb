/**
 * The Kubernetes release whose API rules, fields and default feature gates apply. The library
 * targets 1.28 by default, like cdk8s-plus-28.
 */

export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

export const DEFAULT_KUBERNETES_VERSION = '1.28';

/** The releases whose rules we know. */
export const OLDEST_SUPPORTED_MINOR = 25;
export const NEWEST_SUPPORTED_MINOR = 34;

/** Parses "1.28" (a leading "v" and a patch number are allowed); undefined for anything else or an unsupported release. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  const version = { major: Number(match[1]), minor: Number(match[2]) };
  if (version.major !== 1 || version.minor < OLDEST_SUPPORTED_MINOR || version.minor > NEWEST_SUPPORTED_MINOR)
    return undefined;
  return version;
}

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
 * strategy drops it silently while its gate is off; a CronJob keeps it in its job template and
 * validates it, and the Jobs created from the template lose it.
 */
export interface FeatureAvailability {
  /** The JobSpec or CronJobSpec field, or `podFailurePolicy action FailIndex`. */
  readonly feature: string;
  /** The feature gate in pkg/features/kube_features.go. */
  readonly gate: string;
  /** First minor release with the field, its gate off by default. */
  readonly alpha: number;
  /** First minor release whose default gates turn it on. */
  readonly beta: number;
  /** Minor release where the gate went GA, if it has. */
  readonly ga?: number;
  /** Where the releases were read: upstream kube_features.go, or docs/research/k8s-validation.md only. */
  readonly checkedIn: 'kube_features.go' | 'research note';
}

/**
 * The gated batch/v1 fields. The Job gates were checked against the versioned gate specs
 * (`{Version, Default, PreRelease}` lists) in copies of kubernetes/kubernetes
 * pkg/features/kube_features.go from 1.31 to 1.34; CronJobTimeZone against the 1.25 copy (Beta,
 * on) and the 1.27 copy (GA); its 1.24 alpha comes from the research note alone. The research note
 * agrees with every checked entry.
 */
export const FEATURES = {
  podFailurePolicy: {
    feature: 'podFailurePolicy',
    gate: 'JobPodFailurePolicy',
    alpha: 25,
    beta: 26,
    ga: 31,
    checkedIn: 'kube_features.go',
  },
  backoffLimitPerIndex: {
    feature: 'backoffLimitPerIndex',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  maxFailedIndexes: {
    feature: 'maxFailedIndexes',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  failIndexAction: {
    feature: 'podFailurePolicy action FailIndex',
    gate: 'JobBackoffLimitPerIndex',
    alpha: 28,
    beta: 29,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  podReplacementPolicy: {
    feature: 'podReplacementPolicy',
    gate: 'JobPodReplacementPolicy',
    alpha: 28,
    beta: 29,
    ga: 34,
    checkedIn: 'kube_features.go',
  },
  successPolicy: {
    feature: 'successPolicy',
    gate: 'JobSuccessPolicy',
    alpha: 30,
    beta: 31,
    ga: 33,
    checkedIn: 'kube_features.go',
  },
  managedBy: { feature: 'managedBy', gate: 'JobManagedBy', alpha: 30, beta: 32, ga: 35, checkedIn: 'kube_features.go' },
  timeZone: {
    feature: 'timeZone',
    gate: 'CronJobTimeZone',
    alpha: 24,
    beta: 25,
    ga: 27,
    checkedIn: 'kube_features.go',
  },
} as const satisfies Record<string, FeatureAvailability>;

/** True when the release's API has the field at all (its gate may still be off). */
export function featureExists(feature: FeatureAvailability, version: KubernetesVersion): boolean {
  return isAtLeast(version, feature.alpha);
}

/** True when the release's default feature gates enable the field. */
export function featureEnabled(feature: FeatureAvailability, version: KubernetesVersion): boolean {
  return isAtLeast(version, feature.beta);
}
