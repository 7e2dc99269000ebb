/**
 * Label selection as the client interface offers it: every given label with exactly the given
 * value (the equality subset of Kubernetes label selectors).
 */

type Labels = { readonly [key: string]: string };

/** True when `labels` carries every entry of `wanted`. */
export function matchesLabels(labels: Labels | undefined, wanted: Labels | undefined): boolean {
  if (wanted === undefined) return true;
  for (const key of Object.keys(wanted)) {
    if (labels?.[key] !== wanted[key]) return false;
  }
  return true;
}

/** The `labelSelector` query parameter for `wanted`; undefined when there is no condition. */
export function formatLabelSelector(wanted: Labels | undefined): string | undefined {
  const keys = Object.keys(wanted ?? {}).sort();
  return keys.length === 0 ? undefined : keys.map((key) => `${key}=${wanted![key]}`).join(',');
}
