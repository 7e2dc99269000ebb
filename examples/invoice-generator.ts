/**
 * An on-demand Job, the guide's invoice example done right: when a subscription renews, EventBridge
 * calls a Lambda (examples/handlers/invoice-handler.ts) that launches this template with the
 * subscription and the billing period. The Job is validated here, at synth, like any other; the
 * template holds it and the parameter schema, and applying it runs nothing. A launch checks the
 * parameters (unknown ones refused, each value against its pattern), renders the Job, judges it by
 * the rules and creates it, once per EventBridge event id.
 */
import { Chart, Duration } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { JobTemplate, JobTemplateAccess, JobTemplateDefinition, LaunchSubject } from '../src';

export class InvoiceGeneratorChart extends Chart {
  public constructor(scope: Construct, id: string) {
    // No chart namespace: the CRD is cluster-scoped; the template, its Jobs and its Role live in billing.
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'billing' } });
    // Once per cluster, before any JobTemplate (GitOps tools apply CRDs first).
    new JobTemplateDefinition(this, 'job-templates');
    const template = new JobTemplate(this, 'invoice-generator', {
      metadata: { name: 'invoice-generator', namespace: 'billing' },
      activeDeadline: Duration.minutes(5),
      backoffLimit: 3,
      // Longer than EventBridge's longest retry window (24 hours): a retried event still finds its Job.
      ttlAfterFinished: Duration.days(2),
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'generate',
          image: 'registry.example/invoice-generator:3.2.0',
          envVariables: { OUTPUT_BUCKET: EnvValue.fromValue('acme-invoices') },
        },
      ],
      parameters: [
        {
          name: 'SUBSCRIPTION_ID',
          description: 'The subscription that renewed, e.g. sub-7f3a9c.',
          required: true,
          pattern: 'sub-[a-z0-9]{1,32}',
        },
        {
          name: 'BILLING_PERIOD',
          description: 'The billed month, YYYY-MM.',
          required: true,
          pattern: '20[0-9]{2}-(0[1-9]|1[0-2])',
        },
      ],
    });
    // The Lambda's IAM role is mapped to this group by an EKS access entry; it may launch this
    // template and nothing else of it (see the README on what `create jobs` still allows).
    new JobTemplateAccess(this, 'launchers', { template, subjects: [LaunchSubject.group('invoice-launchers')] });
  }
}
