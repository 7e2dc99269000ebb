/**
 * `JobTemplate`: a Job that runs on demand. It takes the props of the safe `Job` (same defaults,
 * same synth-time validation of the Job every launch creates) plus typed parameters, and emits a
 * `JobTemplate` resource (scheduling.cdk8s-batch.io/v1alpha1) holding the validated Job and the
 * parameter schema. Applying it runs nothing; a launch (`launchJob` from cdk8s-batch-reconciler,
 * `cdk8s-batch launch`) checks the parameters, renders the Job and creates it. The resource's
 * definition comes from `JobTemplateDefinition`; who may launch it, from `JobTemplateAccess`.
 *
 * Launchers name the template, so give it a `metadata.name` of your choice (cdk8s would otherwise
 * generate one with a hash); its Jobs are named after it (`<name>-<digest of the key>`).
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchApiObject } from '../../constructs/batch-api-object';
import { BatchWorkload } from '../../constructs/batch-workload';
import { JobProps, resolveJobOptions, ResolvedJobOptions } from '../../constructs/job';
import { renderJobSpec } from '../../constructs/job-spec';
import { suppressionAnnotation } from '../../rules/policy';
import {
  JOB_TEMPLATE_API_VERSION,
  JOB_TEMPLATE_KIND,
  JobTemplateObjectSpec,
  ParameterTarget,
  TemplateParameterResource,
} from '../template/job-template-object';
import { idempotentJobName } from '../template/render-job';
import { JOB_TEMPLATE_RULES } from './job-template-rules';
import { lazyValue } from '../../constructs/manifest-json';

/** One value a launch gives, and where it goes in the Job. */
export interface JobTemplateParameter {
  /** Letters, digits and `_`, starting with a letter or `_` (an environment variable name), e.g. `SUBSCRIPTION_ID`. */
  readonly name: string;
  /**
   * What the value means, written into the template for whoever launches it.
   * @default - none
   */
  readonly description?: string;
  /**
   * Refuse a launch that does not give this parameter.
   * @default false
   */
  readonly required?: boolean;
  /**
   * The value when a launch gives none (not with `required`).
   * @default - none: without a value the parameter is left out of the Job
   */
  readonly defaultValue?: string;
  /**
   * A JavaScript regular expression the whole value must match (anchored for you), e.g. `sub-[a-z0-9]{8,32}`.
   * @default - any value
   */
  readonly pattern?: string;
  /**
   * The only values allowed.
   * @default - any value
   */
  readonly allowedValues?: string[];
  /**
   * Where the value goes.
   * @default ParameterTarget.ENV
   */
  readonly target?: ParameterTarget;
  /**
   * ENV: the variable name; ARGUMENT: a flag written before the value; LABEL: the label key (required).
   * @default - ENV: the parameter's name; ARGUMENT: none (the value alone)
   */
  readonly key?: string;
  /**
   * ARGUMENT: the container whose args receive the value.
   * @default - the first container
   */
  readonly container?: string;
}

/** Props of `JobTemplate`: every `Job` prop, with the same defaults, plus the parameters. */
export interface JobTemplateProps extends JobProps {
  /**
   * The parameters a launch gives; more can be added with `addParameter`.
   * @default - none: every launch creates the same Job
   */
  readonly parameters?: JobTemplateParameter[];
}

export class JobTemplate extends BatchWorkload {
  /** How long each launched Job may run, after defaults. */
  public readonly activeDeadline: Duration;
  /** How long each finished Job is kept, after defaults. */
  public readonly ttlAfterFinished: Duration;
  public readonly resourceType = 'jobtemplates';
  protected readonly apiObject: ApiObject;
  private readonly options: ResolvedJobOptions;
  private readonly suspend?: boolean;
  private readonly parameters: JobTemplateParameter[];
  /** Suppressions, also written on every launched Job (see suppressRule). */
  private readonly jobSuppressions: { [key: string]: string } = {};

  public constructor(scope: Construct, id: string, props: JobTemplateProps = {}) {
    super(scope, id, props);
    // The Job's own defaults, from the one place they are applied.
    this.options = resolveJobOptions(props);
    this.activeDeadline = this.options.activeDeadline;
    this.ttlAfterFinished = this.options.ttlAfterFinished;
    this.suspend = props.suspend;
    this.parameters = [...(props.parameters ?? [])];

    this.apiObject = new BatchApiObject(this, 'Resource', {
      apiVersion: JOB_TEMPLATE_API_VERSION,
      kind: JOB_TEMPLATE_KIND,
      metadata: props.metadata,
      spec: lazyValue(() => this.renderSpec()),
    });
    this._addConstructRules(JOB_TEMPLATE_RULES, () => this.renderSpec());
    this.placePods();
  }

  /** Adds a parameter after those given in props. */
  public addParameter(parameter: JobTemplateParameter): void {
    this.parameters.push(parameter);
  }

  /**
   * Suppresses one best-practice rule, with the reason a reviewer will read: on the template (for
   * synth-time validation) and on every launched Job, so `cdk8s-batch lint` of those Jobs honours it too.
   */
  public suppressRule(ruleId: string, reason: string): void {
    super.suppressRule(ruleId, reason);
    this.jobSuppressions[suppressionAnnotation(ruleId)] = reason;
  }

  /** The rules judge the Job a keyed launch creates (its name is that long), at the Job's own field paths. */
  protected validatedObject(manifest: unknown): unknown {
    const { metadata, spec } = manifest as {
      metadata: { name: string; namespace?: string };
      spec: JobTemplateObjectSpec;
    };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        ...spec.job.metadata,
        name: idempotentJobName(metadata.name, 'synth'),
        namespace: metadata.namespace,
      },
      spec: spec.job.spec,
    };
  }

  private renderSpec(): JobTemplateObjectSpec {
    const labels = (this.metadata.toJson() as { labels?: { [key: string]: string } }).labels;
    const annotations = this.jobSuppressions;
    return {
      parameters: this.parameters.map(toResource),
      job: {
        metadata: {
          ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
          ...(Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
        },
        spec: { ...renderJobSpec(this.options, this.suspend), template: this.renderPodTemplate() },
      },
    };
  }
}

function toResource(parameter: JobTemplateParameter): TemplateParameterResource {
  return {
    name: parameter.name,
    description: parameter.description,
    required: parameter.required,
    default: parameter.defaultValue,
    pattern: parameter.pattern,
    enum: parameter.allowedValues,
    target: parameter.target ?? ParameterTarget.ENV,
    key: parameter.key,
    container: parameter.container,
  };
}
