/**
 * What the API server does to a Job or CronJob before it validates it on create, applied to a
 * copy, because several rejections only appear through it (docs/research/k8s-validation.md §0):
 *
 * 1. decoding drops fields the release's API does not have yet (e.g. `successPolicy` before 1.30);
 * 2. defaulting: SetDefaults_Job for a Job, SetDefaults_CronJob for a CronJob, and for both the
 *    nested defaulters: a pod's restartPolicy becomes Always (rejected for Jobs), a pod failure
 *    policy condition pattern's status becomes True;
 * 3. a Job's create strategy drops fields whose feature gate is off by default in the release.
 *
 * A CronJob's job template gets only the nested defaulters: SetDefaults_Job runs on Job objects,
 * so completions, parallelism, backoffLimit and completionMode stay as written until the
 * controller creates a Job from the template. And a CronJob keeps gated fields in its template.
 *
 * Only fields rules look at are defaulted. The input is never modified; objects on the way to a
 * changed field are copied (shallowly), everything else is shared with the input, so the result
 * must be treated as read-only.
 */
import { fieldOf, isAbsent, isObject } from './support/access';
import { FeatureAvailability, FEATURES, featureEnabled, featureExists, KubernetesVersion } from './kubernetes-version';

const INT32_MAX = 2_147_483_647;

/** A JSON object being defaulted: its fields are read through narrowing (support/access.ts). */
type JsonObject = Record<string, unknown>;

/** JobSpec fields behind a feature gate: dropped when absent from the release or (Jobs only) gated off. */
const GATED_JOB_SPEC_FIELDS: ReadonlyArray<readonly [string, FeatureAvailability]> = [
  ['podFailurePolicy', FEATURES.podFailurePolicy],
  ['backoffLimitPerIndex', FEATURES.backoffLimitPerIndex],
  ['maxFailedIndexes', FEATURES.maxFailedIndexes],
  ['podReplacementPolicy', FEATURES.podReplacementPolicy],
  ['successPolicy', FEATURES.successPolicy],
  ['managedBy', FEATURES.managedBy],
];

/** A shallow copy of an object, `{}` for an absent value, and anything else unchanged. */
function copyOrEmpty(value: unknown): unknown {
  if (isObject(value)) return { ...value };
  return isAbsent(value) ? {} : value;
}

/** Drops the gated fields the release cannot accept: unknown to its API, or (when `gateOff`) disabled. */
function dropUnavailableFields(s: JsonObject, version: KubernetesVersion, dropGatedOff: boolean): void {
  for (const [field, feature] of GATED_JOB_SPEC_FIELDS) {
    if (s[field] === undefined) continue;
    if (!featureExists(feature, version) || (dropGatedOff && !featureEnabled(feature, version))) delete s[field];
  }
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern: an empty status becomes True. */
function defaultPodFailurePolicy(policy: unknown): unknown {
  if (!isObject(policy) || !Array.isArray(policy.rules)) return policy;
  let rules: unknown[] | undefined;
  policy.rules.forEach((rule: unknown, i: number) => {
    if (!isObject(rule) || !Array.isArray(rule.onPodConditions)) return;
    const patterns = rule.onPodConditions;
    if (!patterns.some((p: unknown) => isObject(p) && (isAbsent(p.status) || p.status === ''))) return;
    rules ??= [...(policy.rules as unknown[])];
    rules[i] = {
      ...rule,
      onPodConditions: patterns.map((p: unknown) =>
        isObject(p) && (isAbsent(p.status) || p.status === '') ? { ...p, status: 'True' } : p,
      ),
    };
  });
  return rules ? { ...policy, rules } : policy;
}

/** SetDefaults_PodSpec's restartPolicy on a pod template (a copy; `{}` when absent). */
function defaultPodTemplate(template: unknown): unknown {
  const t = copyOrEmpty(template);
  if (!isObject(t)) return t;
  const spec = copyOrEmpty(t.spec);
  if (isObject(spec) && (isAbsent(spec.restartPolicy) || spec.restartPolicy === '')) spec.restartPolicy = 'Always';
  t.spec = spec;
  return t;
}

/** The nested defaulters every JobSpec gets, inside a Job or a CronJob. */
function defaultNested(s: JsonObject): void {
  if (s.podFailurePolicy !== undefined) s.podFailurePolicy = defaultPodFailurePolicy(s.podFailurePolicy);
  s.template = defaultPodTemplate(s.template);
}

/**
 * A Job's spec as the API server validates it: decoded for the release, SetDefaults_Job and the
 * nested defaulters applied, gated-off fields dropped. Anything that is not an object becomes `{}`.
 */
export function defaultJobSpec(spec: unknown, version: KubernetesVersion): JsonObject {
  const s: JsonObject = isObject(spec) ? { ...spec } : {};
  dropUnavailableFields(s, version, false);
  if (isAbsent(s.completions) && isAbsent(s.parallelism)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (isAbsent(s.parallelism)) s.parallelism = 1;
  if (isAbsent(s.backoffLimit)) s.backoffLimit = isAbsent(s.backoffLimitPerIndex) ? 6 : INT32_MAX;
  if (isAbsent(s.completionMode)) s.completionMode = 'NonIndexed';
  if (isAbsent(s.suspend)) s.suspend = false;
  if (isAbsent(s.manualSelector)) s.manualSelector = false;
  if (isAbsent(s.podReplacementPolicy) && featureEnabled(FEATURES.podReplacementPolicy, version)) {
    s.podReplacementPolicy = isAbsent(s.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed';
  }
  defaultNested(s);
  dropUnavailableFields(s, version, true);
  return s;
}

/** A CronJob's job template spec as the API server validates it: decoded for the release, nested defaulters only. */
export function defaultJobTemplateSpec(spec: unknown, version: KubernetesVersion): JsonObject {
  const s: JsonObject = isObject(spec) ? { ...spec } : {};
  dropUnavailableFields(s, version, false);
  defaultNested(s);
  return s;
}

/** A Job or CronJob as the API server validates it on create (see the module comment). */
export function defaultBatchObject(kind: 'Job' | 'CronJob', object: unknown, version: KubernetesVersion): JsonObject {
  const o: JsonObject = isObject(object) ? { ...object } : {};
  const metadata = copyOrEmpty(o.metadata);
  o.metadata = metadata;
  const spec = copyOrEmpty(o.spec);
  o.spec = spec;
  if (!isObject(spec)) return o;
  if (kind === 'Job') {
    const jobSpec = defaultJobSpec(spec, version);
    o.spec = jobSpec;
    // SetDefaults_Job: a Job without labels of its own shares the pod template's label map.
    const templateLabels = fieldOf(fieldOf(jobSpec.template, 'metadata'), 'labels');
    const own = fieldOf(metadata, 'labels');
    if (isObject(metadata) && isObject(templateLabels) && (!isObject(own) || Object.keys(own).length === 0)) {
      metadata.labels = templateLabels;
    }
    return o;
  }
  if (isAbsent(spec.concurrencyPolicy) || spec.concurrencyPolicy === '') spec.concurrencyPolicy = 'Allow';
  if (isAbsent(spec.suspend)) spec.suspend = false;
  if (isAbsent(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (isAbsent(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  if (spec.timeZone !== undefined && !featureExists(FEATURES.timeZone, version)) delete spec.timeZone;
  spec.jobTemplate = copyOrEmpty(spec.jobTemplate);
  if (isObject(spec.jobTemplate)) spec.jobTemplate.spec = defaultJobTemplateSpec(spec.jobTemplate.spec, version);
  return o;
}
