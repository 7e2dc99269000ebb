/**
 * Status writes that never lose what the plan computed. A status update that conflicts (someone
 * wrote the object since it was read) is retried on the fresh object with a three-way merge per
 * status field: a field the plan changed takes the plan's value, any other field keeps the fresh
 * value (so a person's `kubectl patch --subresource=status`, or a spec change, is not undone).
 */
import { ScheduledJobResourceStatus } from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';

type Status = { readonly [field: string]: unknown };

/**
 * @param basis the status the plan was computed from
 * @param ours the status the plan computed
 * @param fresh the status stored now
 */
export function mergeStatus(
  basis: unknown,
  ours: ScheduledJobResourceStatus,
  fresh: unknown,
): ScheduledJobResourceStatus {
  const before = asStatus(basis);
  const mine = ours as Status;
  const theirs = asStatus(fresh);
  const merged: { [field: string]: unknown } = {};
  for (const field of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const value = sameJson(mine[field], before[field]) ? theirs[field] : mine[field];
    if (value !== undefined) merged[field] = value;
  }
  return merged;
}

function asStatus(value: unknown): Status {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Status) : {};
}

/** Deep equality of JSON values, ignoring the order of object keys (the API server may reorder them). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Status)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Status)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Status)[k], (b as Status)[k]));
}
