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
  if (version.major !== 1 || version.minor < OLDEST_SUPPORTED_MINOR || version.minor > NEWEST_SUPPORTED_MINOR) return undefined;
  return version;
}

/** True when `version` is `minor` or later (1.x). */
export function isAtLeast(version: KubernetesVersion, minor: number): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= minor);
}

export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}
