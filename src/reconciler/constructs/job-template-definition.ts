/**
 * `JobTemplateDefinition`: the JobTemplate CustomResourceDefinition, once per cluster, before any
 * `JobTemplate` is applied (GitOps tools order CRDs first). Kept apart from `JobTemplate` because a
 * cluster has one definition and any number of templates, and apart from `ScheduleReconciler`
 * because templates need no reconciler.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { jobTemplateCrd } from '../crd/job-template-crd';

export class JobTemplateDefinition extends Construct {
  /** The CustomResourceDefinition. */
  public readonly crd: ApiObject;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.crd = new ApiObject(this, 'Resource', jobTemplateCrd());
  }
}
