/**
 * Field paths in the API server's notation (as in its validation errors): dots between fields, `[i]`
 * for list items, `[key]` for map entries, e.g. `spec.podFailurePolicy.rules[1].onExitCodes.values[2]`.
 * Plain string concatenation: paths are built only when a finding is reported, or once per rule run.
 */

/** `parent.name`. */
export function child(parent: string, name: string): string {
  return `${parent}.${name}`;
}

/** `parent[i]`: an item of a list. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** `parent[key]`: an entry of a map, e.g. `metadata.labels[app]`. */
export function key(parent: string, mapKey: string): string {
  return `${parent}[${mapKey}]`;
}
