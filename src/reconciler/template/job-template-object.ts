/**
 * The `JobTemplate` custom resource (scheduling.cdk8s-batch.io/v1alpha1) as it travels over the
 * wire: a validated Job, shaped like a CronJob's `spec.jobTemplate`, and the typed parameters a
 * launch fills in. Nothing watches it: applying one runs nothing. A launch (the runtime's
 * `launchJob`, `cdk8s-batch launch`) reads it, checks the parameters, renders the Job
 * (render-job.ts) and creates it. The CRD schema, the construct that emits the resource and the
 * launchers all use these types.
 */
import { SCHEDULING_GROUP, SCHEDULING_VERSION } from '../resource/api-resources';
import { KubeObject } from '../resource/objects';
import { JobTemplateResource } from '../resource/scheduled-job-resource';

export const JOB_TEMPLATE_API_VERSION = `${SCHEDULING_GROUP}/${SCHEDULING_VERSION}`;
export const JOB_TEMPLATE_KIND = 'JobTemplate';
export const JOB_TEMPLATE_PLURAL = 'jobtemplates';
export const JOB_TEMPLATE_SINGULAR = 'jobtemplate';
/** `kubectl get jt` */
export const JOB_TEMPLATE_SHORT_NAMES: readonly string[] = ['jt'];

/** Label on every launched Job: the template's name. */
export const TEMPLATE_NAME_LABEL = 'scheduling.cdk8s-batch.io/job-template';
/** Annotation on a Job launched with an idempotency key: the key, as given. */
export const IDEMPOTENCY_KEY_ANNOTATION = 'scheduling.cdk8s-batch.io/idempotency-key';
/** Annotation on every launched Job: a digest of the parameter values, to tell a retry from a reused key. */
export const PARAMETERS_DIGEST_ANNOTATION = 'scheduling.cdk8s-batch.io/parameters-digest';
/** Annotation on every launched Job: a digest of the template's spec it was rendered from. */
export const TEMPLATE_DIGEST_ANNOTATION = 'scheduling.cdk8s-batch.io/template-digest';

/** Where a parameter's value goes in the Job. */
export enum ParameterTarget {
  /** An environment variable (named `key`, else the parameter's name) in every container. */
  ENV = 'Env',
  /** Appended to the args of one container (`container`, else the first), after `key` as a flag when given. */
  ARGUMENT = 'Argument',
  /** A label (named `key`) on the Job and its pods: a value to select the Jobs by. */
  LABEL = 'Label',
}

/** One parameter as written in the resource. */
export interface TemplateParameterResource {
  /** Letters, digits and `_`, starting with a letter (an environment variable name): `SUBSCRIPTION_ID`. */
  readonly name: string;
  /** What the value means, for the people and programs that launch the template. @default none */
  readonly description?: string;
  /** A launch without this parameter is refused. @default false */
  readonly required?: boolean;
  /** The value when a launch gives none (never with `required`). @default none: the parameter is left out */
  readonly default?: string;
  /** A JavaScript regular expression the whole value must match. @default any value */
  readonly pattern?: string;
  /** The only values allowed. @default any value */
  readonly enum?: readonly string[];
  readonly target: ParameterTarget;
  /** The variable name (Env), the flag before the value (Argument), the label key (Label, required). @default see ParameterTarget */
  readonly key?: string;
  /** The container whose args receive the value (Argument). @default the first container */
  readonly container?: string;
}

export interface JobTemplateObjectSpec {
  /** The parameters a launch may (or must) give, in the order their arguments are appended. */
  readonly parameters: readonly TemplateParameterResource[];
  /** The Job every launch creates: labels, annotations and a batch/v1 JobSpec, as a CronJob's jobTemplate. */
  readonly job: JobTemplateResource;
}

export interface JobTemplateObject extends KubeObject {
  readonly spec?: JobTemplateObjectSpec;
}
