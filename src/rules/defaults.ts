/**
 * The API server's defaulting, applied to a copy before rules run, because several rejections only
 * appear through it: a missing restartPolicy defaults to Always (rejected for Jobs), completions and
 * parallelism default together, backoffLimit depends on backoffLimitPerIndex, and so on
 * (SetDefaults_Job, SetDefaults_CronJob, SetDefaults_PodSpec; ../shared/research/k8s-validation.md §0).
 * Only fields rules look at are defaulted. The input is never modified.
 */
import { isAtLeast, KubernetesVersion } from './kubernetes-version';

const INT32_MAX = 2_147_483_647;

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A defaulted deep copy of a JobSpec (anything that is not an object is returned as `{}`). */
export function defaultJobSpec(spec: unknown, version: KubernetesVersion): Record<string, any> {
  const s: Record<string, any> = isObject(spec) ? structuredClone(spec) : {};
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (s.parallelism === undefined) s.parallelism = 1;
  if (s.backoffLimit === undefined) s.backoffLimit = s.backoffLimitPerIndex !== undefined ? INT32_MAX : 6;
  if (s.completionMode === undefined) s.completionMode = 'NonIndexed';
  if (s.suspend === undefined) s.suspend = false;
  if (s.manualSelector === undefined) s.manualSelector = false;
  // JobPodReplacementPolicy is on by default from 1.29.
  if (s.podReplacementPolicy === undefined && isAtLeast(version, 29)) {
    s.podReplacementPolicy = s.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed';
  }
  if (isObject(s.podFailurePolicy) && Array.isArray(s.podFailurePolicy.rules)) {
    for (const rule of s.podFailurePolicy.rules) {
      if (!isObject(rule) || !Array.isArray(rule.onPodConditions)) continue;
      for (const pattern of rule.onPodConditions) {
        if (isObject(pattern) && (pattern.status === undefined || pattern.status === '')) pattern.status = 'True';
      }
    }
  }
  if (!isObject(s.template)) s.template = s.template === undefined ? {} : s.template;
  if (isObject(s.template)) {
    if (!isObject(s.template.spec)) s.template.spec = s.template.spec === undefined ? {} : s.template.spec;
    if (isObject(s.template.spec) && (s.template.spec.restartPolicy === undefined || s.template.spec.restartPolicy === '')) {
      s.template.spec.restartPolicy = 'Always';
    }
  }
  return s;
}

/** A defaulted deep copy of a Job or CronJob. */
export function defaultBatchObject(kind: 'Job' | 'CronJob', object: unknown, version: KubernetesVersion): Record<string, any> {
  const o: Record<string, any> = isObject(object) ? structuredClone(object) : {};
  if (!isObject(o.metadata)) o.metadata = o.metadata === undefined ? {} : o.metadata;
  if (!isObject(o.spec)) o.spec = o.spec === undefined ? {} : o.spec;
  if (!isObject(o.spec)) return o;
  if (kind === 'Job') {
    o.spec = defaultJobSpec(o.spec, version);
    // A Job without labels of its own gets the pod template's labels.
    const templateLabels = o.spec.template?.metadata?.labels;
    if (isObject(o.metadata) && (o.metadata.labels === undefined || Object.keys(o.metadata.labels ?? {}).length === 0) && isObject(templateLabels)) {
      o.metadata.labels = { ...templateLabels };
    }
    return o;
  }
  const spec = o.spec;
  if (spec.concurrencyPolicy === undefined) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend === undefined) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined) spec.failedJobsHistoryLimit = 1;
  if (!isObject(spec.jobTemplate)) spec.jobTemplate = spec.jobTemplate === undefined ? {} : spec.jobTemplate;
  if (isObject(spec.jobTemplate)) spec.jobTemplate.spec = defaultJobSpec(spec.jobTemplate.spec, version);
  return o;
}
