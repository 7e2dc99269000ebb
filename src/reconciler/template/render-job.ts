/**
 * A launch of a JobTemplate, decided without I/O: the parameters checked, the Job rendered, its
 * name chosen, and the Job judged by the same rules as `cdk8s-batch lint`. The runtime's
 * `launchJob`, `cdk8s-batch launch` and its dry run all call `planLaunch`, so they cannot disagree.
 *
 * Exactly once per key: with an idempotency key the Job is named `<template>-<digest of template
 * and key>`, so a retried launch asks for the same name and the API server's "already exists" is
 * the lock; without one the Job gets `generateName` and every launch is a new Job.
 */
import { createHash } from 'crypto';
import { Finding, Severity } from '../../rules/finding';
import { validateBatchObject } from '../../rules/registry';
import { JobObject } from '../resource/objects';
import {
  IDEMPOTENCY_KEY_ANNOTATION,
  JobTemplateObject,
  JobTemplateObjectSpec,
  PARAMETERS_DIGEST_ANNOTATION,
  ParameterTarget,
  TEMPLATE_DIGEST_ANNOTATION,
  TEMPLATE_NAME_LABEL,
} from './job-template-object';
import { definitionProblems, effectiveKey, ParameterProblem, resolveParameterValues } from './parameters';

/** A Job name is at most 63 characters: the template's part, "-", and a 10-character digest. */
const MAX_KEYED_PREFIX = 52;
/** The API server cuts a generateName to 58 characters before its 5 random ones. */
const MAX_GENERATE_NAME = 58;
/** Idempotency keys are identifiers (an event id, a request id), not payloads. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 253;

export interface LaunchRequest {
  /** The template as stored (read from the cluster or from manifest files). */
  readonly template: JobTemplateObject;
  /** Parameter values by name. */
  readonly parameters: { readonly [name: string]: string };
  /** The same key always yields the same Job name. @default none: each launch is a new Job */
  readonly idempotencyKey?: string;
  /** The rules' Kubernetes release. @default the rules' default */
  readonly kubernetesVersion?: string;
}

/** What a launch does: create this Job, or nothing, and why. */
export type LaunchPlan =
  | { readonly outcome: 'create'; readonly job: JobObject; readonly warnings: readonly Finding[] }
  /** A parameter (or the key, or the template's own definitions) refused: bad usage, exit 2. */
  | { readonly outcome: 'refused'; readonly problems: readonly ParameterProblem[] }
  /** The rendered Job breaks a rule: exit 1. */
  | { readonly outcome: 'rejected'; readonly job: JobObject; readonly findings: readonly Finding[] };

/** What a launch against a cluster did (the runtime's `launchJob`): its plan's refusal, or the Job. */
export type LaunchResult =
  | { readonly outcome: 'created'; readonly job: JobObject; readonly warnings: readonly Finding[] }
  /** A retry: the key's Job exists, from these parameters; `templateChanged` when it was rendered from another version of the template. */
  | { readonly outcome: 'found'; readonly job: JobObject; readonly templateChanged: boolean }
  /** The key's Job exists but was launched with other parameters (or from another template): nothing is created. */
  | { readonly outcome: 'key-reused'; readonly job: JobObject }
  | { readonly outcome: 'template-not-found'; readonly namespace: string; readonly template: string }
  | Extract<LaunchPlan, { outcome: 'refused' | 'rejected' }>;

export function planLaunch(request: LaunchRequest): LaunchPlan {
  const { template } = request;
  const name = template.metadata.name ?? '';
  const spec = template.spec;
  if (spec === undefined || !Array.isArray(spec.parameters) || typeof spec.job?.spec !== 'object')
    return refused('template', `JobTemplate ${name} has no spec.parameters or spec.job.spec`);
  const broken = definitionProblems(spec);
  if (broken.length > 0)
    return {
      outcome: 'refused',
      problems: broken.map((p) => ({ parameter: p.field, message: `JobTemplate ${name}: ${p.field}: ${p.message}` })),
    };
  const key = request.idempotencyKey;
  if (key !== undefined && (key === '' || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /\p{Cc}/u.test(key)))
    return refused(
      'idempotency key',
      `the idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters`,
    );
  const resolved = resolveParameterValues(spec.parameters, request.parameters);
  if ('problems' in resolved) return { outcome: 'refused', problems: resolved.problems };

  const job = renderJob(template, spec, resolved.values, key);
  const findings = validateBatchObject(job, { kubernetesVersion: request.kubernetesVersion });
  const errors = findings.filter((f) => f.severity === Severity.ERROR);
  if (errors.length > 0) return { outcome: 'rejected', job, findings: errors };
  return { outcome: 'create', job, warnings: findings };
}

/** The name of the Job a launch of `template` with `key` creates, whenever it is asked. */
export function idempotentJobName(template: string, key: string): string {
  const digest = createHash('sha256').update(`${template}\u0000${key}`).digest('hex').slice(0, 10);
  return `${namePrefix(template, MAX_KEYED_PREFIX)}-${digest}`;
}

/** Whether an existing Job is the one a launch with this key and these values would have created. */
export function sameLaunch(existing: JobObject, planned: JobObject): boolean {
  const annotations = (job: JobObject) => job.metadata.annotations ?? {};
  return (
    existing.metadata.labels?.[TEMPLATE_NAME_LABEL] === planned.metadata.labels?.[TEMPLATE_NAME_LABEL] &&
    annotations(existing)[IDEMPOTENCY_KEY_ANNOTATION] === annotations(planned)[IDEMPOTENCY_KEY_ANNOTATION] &&
    annotations(existing)[PARAMETERS_DIGEST_ANNOTATION] === annotations(planned)[PARAMETERS_DIGEST_ANNOTATION]
  );
}

/** Whether an existing Job was rendered from another version of the template than `planned`. */
export function renderedFromOtherTemplate(existing: JobObject, planned: JobObject): boolean {
  return (
    existing.metadata.annotations?.[TEMPLATE_DIGEST_ANNOTATION] !==
    planned.metadata.annotations?.[TEMPLATE_DIGEST_ANNOTATION]
  );
}

function renderJob(
  template: JobTemplateObject,
  spec: JobTemplateObjectSpec,
  values: { readonly [name: string]: string },
  key: string | undefined,
): JobObject {
  const name = template.metadata.name ?? '';
  const labels: { [key: string]: string } = { ...spec.job.metadata?.labels, [TEMPLATE_NAME_LABEL]: name };
  const jobSpec = structuredClone(spec.job.spec) as {
    template?: { metadata?: { labels?: { [key: string]: string } }; spec?: { containers?: ContainerJson[] } };
  };
  const pod = (jobSpec.template ??= {});
  const podLabels: { [key: string]: string } = { ...pod.metadata?.labels, [TEMPLATE_NAME_LABEL]: name };
  const containers = pod.spec?.containers ?? [];
  for (const parameter of spec.parameters) {
    const value = values[parameter.name];
    if (value === undefined) continue;
    if (parameter.target === ParameterTarget.LABEL) {
      labels[effectiveKey(parameter)] = value;
      podLabels[effectiveKey(parameter)] = value;
    } else if (parameter.target === ParameterTarget.ENV) {
      const variable = effectiveKey(parameter);
      for (const c of containers)
        c.env = [...(c.env ?? []).filter((e) => e.name !== variable), { name: variable, value }];
    } else {
      const target = containers.find((c) => parameter.container === undefined || c.name === parameter.container);
      if (target)
        target.args = [...(target.args ?? []), ...(parameter.key === undefined ? [] : [parameter.key]), value];
    }
  }
  pod.metadata = { ...pod.metadata, labels: podLabels };
  const annotations: { [key: string]: string } = {
    ...spec.job.metadata?.annotations,
    [TEMPLATE_DIGEST_ANNOTATION]: digest(spec),
    [PARAMETERS_DIGEST_ANNOTATION]: digest(
      Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1))),
    ),
    ...(key === undefined ? {} : { [IDEMPOTENCY_KEY_ANNOTATION]: key }),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(key === undefined
        ? { generateName: `${namePrefix(name, MAX_GENERATE_NAME - 1)}-` }
        : { name: idempotentJobName(name, key) }),
      ...(template.metadata.namespace === undefined ? {} : { namespace: template.metadata.namespace }),
      labels,
      annotations,
    },
    spec: jobSpec,
  };
}

interface ContainerJson {
  name?: string;
  env?: { name: string; value?: string }[];
  args?: string[];
}

/** The template's name cut to `max` characters, never ending in "-" or "." (the name goes on after it). */
function namePrefix(template: string, max: number): string {
  return template.slice(0, max).replace(/[-.]+$/, '');
}

/** A short stable digest of JSON data (its keys in the order given). */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function refused(parameter: string, message: string): LaunchPlan {
  return { outcome: 'refused', problems: [{ parameter, message }] };
}
