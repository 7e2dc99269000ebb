/**
 * Which manifest objects the rules check, and how: batch/v1 Jobs and CronJobs through the registry;
 * a KEDA ScaledJob through the Job KEDA creates from it, with findings at the ScaledJob's own fields;
 * a Job or CronJob of a removed batch API version (batch/v1beta1, batch/v2alpha1), which no supported
 * API server serves, as one error. `cdk8s-batch lint` and the validation plugin check documents
 * through this; constructs call the registry directly.
 */
import { Finding, movedFinding, Severity } from './finding';
import { isScaledJob, jobCreatedBy, SCALED_JOB_KIND, scaledJobField } from './keda-scaled-job';
import { batchKindOf, validateBatchObject, ValidateOptions } from './registry';
import { Rule, RuleOrigin } from './rule';

/** The kinds lint reports: batch/v1's and KEDA's ScaledJob. */
export type ManifestKind = 'Job' | 'CronJob' | typeof SCALED_JOB_KIND;

/**
 * Batch API versions Kubernetes served once and removed: batch/v1beta1 CronJob (removed in 1.25) and
 * batch/v2alpha1 CronJob (never on by default, removed in 1.21). Every release the library knows is
 * later, so each is always an error.
 */
const REMOVED_BATCH_VERSIONS: Readonly<Record<string, string>> = {
  'batch/v1beta1': '1.25',
  'batch/v2alpha1': '1.21',
};

export const BATCH_API_REMOVED_RULE = 'batch-api-removed';

/** The rule reported here rather than by the registry, for the rule table. */
export const REMOVED_API_RULE: Pick<Rule, 'id' | 'origin' | 'summary'> & { readonly kinds: readonly string[] } = {
  id: BATCH_API_REMOVED_RULE,
  origin: RuleOrigin.API_SERVER,
  kinds: ['Job', 'CronJob'],
  summary: `A Job or CronJob of a batch API version no supported API server serves (${Object.keys(REMOVED_BATCH_VERSIONS).join(', ')}); its fields are not checked.`,
};

/** The kind of an object the rules check, or undefined for anything else. */
export function manifestKindOf(object: unknown): ManifestKind | undefined {
  const kind = batchKindOf(object);
  if (kind) return kind;
  if (isScaledJob(object)) return SCALED_JOB_KIND;
  return removedBatchVersionOf(object) ? (object as { kind: 'Job' | 'CronJob' }).kind : undefined;
}

function removedBatchVersionOf(object: unknown): string | undefined {
  const o = object as { apiVersion?: unknown; kind?: unknown } | null;
  if (typeof o !== 'object' || o === null || (o.kind !== 'Job' && o.kind !== 'CronJob')) return undefined;
  return typeof o.apiVersion === 'string' && o.apiVersion in REMOVED_BATCH_VERSIONS ? o.apiVersion : undefined;
}

/** The findings for one manifest object (empty for objects manifestKindOf does not name). */
export function validateManifestObject(object: unknown, options: ValidateOptions = {}): Finding[] {
  if (batchKindOf(object)) return validateBatchObject(object, options);
  if (isScaledJob(object))
    return validateBatchObject(jobCreatedBy(object), options).map((f) => movedFinding(f, scaledJobField));
  const removed = removedBatchVersionOf(object);
  if (!removed) return [];
  const kind = (object as { kind: string }).kind;
  return [
    {
      rule: BATCH_API_REMOVED_RULE,
      severity: Severity.ERROR,
      field: 'apiVersion',
      message: `${kind} of apiVersion ${removed} was removed in Kubernetes ${REMOVED_BATCH_VERSIONS[removed]}; no supported API server serves it, so applying it fails ("no matches for kind ${kind} in version ${removed}"). Its fields are not checked.`,
      fix: `Use apiVersion batch/v1 (the fields are the same for a CronJob), then lint again.`,
    },
  ];
}
