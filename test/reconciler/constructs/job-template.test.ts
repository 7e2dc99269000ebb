/**
 * JobTemplate, JobTemplateDefinition and JobTemplateAccess: the Job's defaults and synth-time
 * validation carried into the template, typed parameters in the resource, the construct rules
 * (bad input: rule id and field path; good input: nothing), a structural CRD, and the narrowest
 * launch Role. (That the Role is exactly what a launch requests is checked against the API server
 * double in the runtime's tests.)
 */
import { Duration } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import { Severity } from '../../../src/rules/finding';
import { checkConstructRules } from '../../../src/rules/construct-rule';
import { jobTemplateCrd } from '../../../src/reconciler/crd/job-template-crd';
import {
  JOB_TEMPLATE_ACCESS_RULES,
  JobTemplateAccess,
  LaunchSubject,
} from '../../../src/reconciler/constructs/job-template-access';
import { JobTemplate } from '../../../src/reconciler/constructs/job-template';
import { JobTemplateDefinition } from '../../../src/reconciler/constructs/job-template-definition';
import { ParameterTarget } from '../../../src/reconciler/template/job-template-object';
import { planLaunch } from '../../../src/reconciler/template/render-job';
import { CONTAINER, chartIn, errorsOf, objectOf, quietApp, synth, thrownMessage } from '../../constructs/helpers';
import { structuralProblems } from '../crd/support/structural-schema';

function invoice(chart = chartIn(), props: Partial<ConstructorParameters<typeof JobTemplate>[2]> = {}) {
  return new JobTemplate(chart, 'invoice-generator', {
    metadata: { name: 'invoice-generator', namespace: 'billing' },
    activeDeadline: Duration.minutes(5),
    backoffLimit: 3,
    securityContext: { user: 65534, group: 65534 },
    containers: [CONTAINER],
    parameters: [
      { name: 'SUBSCRIPTION_ID', required: true, pattern: 'sub-[a-z0-9]+', description: 'The subscription.' },
      {
        name: 'FORMAT',
        defaultValue: 'pdf',
        allowedValues: ['pdf', 'html'],
        target: ParameterTarget.ARGUMENT,
        key: '--format',
      },
    ],
    ...props,
  });
}

describe('JobTemplate', () => {
  test('emits a JobTemplate holding the Job with the Job defaults and the typed parameters', () => {
    const chart = chartIn();
    invoice(chart, { activeDeadline: undefined, backoffLimit: undefined });
    const resource = objectOf(chart, 'JobTemplate');
    expect(resource.apiVersion).toBe('scheduling.cdk8s-batch.io/v1alpha1');
    expect(resource.metadata).toEqual({ name: 'invoice-generator', namespace: 'billing' });
    expect(resource.spec.job.spec).toMatchObject({
      activeDeadlineSeconds: 3600,
      backoffLimit: 2,
      ttlSecondsAfterFinished: 259200,
    });
    expect(resource.spec.job.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(resource.spec.parameters).toEqual([
      {
        name: 'SUBSCRIPTION_ID',
        description: 'The subscription.',
        required: true,
        pattern: 'sub-[a-z0-9]+',
        target: 'Env',
      },
      { name: 'FORMAT', default: 'pdf', enum: ['pdf', 'html'], target: 'Argument', key: '--format' },
    ]);
    // Nothing runs at apply time: no Job, no CronJob, no Pod in the output.
    expect(
      synth(chart)
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['JobTemplate', 'ServiceAccount']);
  });

  test('the Jobs it launches are lint-clean and carry its suppressions', () => {
    const chart = chartIn();
    const template = invoice(chart);
    template.suppressRule('container-image-not-pinned', 'the registry pins by policy');
    const resource = objectOf(chart, 'JobTemplate');
    const plan = planLaunch({ template: resource, parameters: { SUBSCRIPTION_ID: 'sub-1' }, idempotencyKey: 'evt-1' });
    expect(plan.outcome).toBe('create');
    if (plan.outcome !== 'create') return;
    expect(plan.job.metadata.annotations).toMatchObject({
      'cdk8s-batch.io/suppress-container-image-not-pinned': 'the registry pins by policy',
    });
    expect(errorsOf(plan.job)).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  test('synth validates the Job a launch creates: a problem of the Job fails synth at the Job path', () => {
    const app = quietApp();
    invoice(chartIn(app), { backoffLimit: -1 });
    expect(thrownMessage(() => app.synth())).toContain('spec.backoffLimit');
  });

  test.each<[string, object, string]>([
    ['a parameter name that is not a variable name', { name: 'billing-period' }, 'spec.parameters[0].name'],
    [
      'a default outside its pattern',
      { name: 'A', pattern: '[0-9]+', defaultValue: 'x' },
      'spec.parameters[0].default',
    ],
    ['a variable the container already sets', { name: 'OUTPUT_BUCKET' }, 'spec.parameters[0].key'],
    [
      'an argument for another container',
      { name: 'A', target: ParameterTarget.ARGUMENT, container: 'nope' },
      'spec.parameters[0].container',
    ],
  ])('the rule job-template-parameter-invalid reports %s', (_name, parameter, field) => {
    const app = quietApp();
    invoice(chartIn(app), {
      containers: [{ ...CONTAINER, envVariables: { OUTPUT_BUCKET: EnvValue.fromValue('acme-invoices') } }],
      parameters: [parameter as never],
    });
    const message = thrownMessage(() => app.synth());
    expect(message).toContain(`${field}:`);
    expect(message).toContain('[job-template-parameter-invalid]');
  });

  test('good parameters pass: no construct finding', () => {
    const app = quietApp();
    invoice(chartIn(app));
    expect(thrownMessage(() => app.synth())).toBeUndefined();
  });

  test('addParameter adds after the props', () => {
    const chart = chartIn();
    invoice(chart).addParameter({ name: 'REGION', target: ParameterTarget.LABEL, key: 'example.com/region' });
    expect(objectOf(chart, 'JobTemplate').spec.parameters.map((p: any) => p.name)).toEqual([
      'SUBSCRIPTION_ID',
      'FORMAT',
      'REGION',
    ]);
  });
});

describe('JobTemplateDefinition', () => {
  test('emits the CRD: structural schema, namespaced, no status', () => {
    const chart = chartIn();
    new JobTemplateDefinition(chart, 'definitions');
    const crd = objectOf(chart, 'CustomResourceDefinition');
    expect(crd).toEqual(jobTemplateCrd());
    expect(crd.metadata.name).toBe('jobtemplates.scheduling.cdk8s-batch.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.versions[0].subresources).toBeUndefined();
    expect(structuralProblems(crd.spec.versions[0].schema.openAPIV3Schema)).toEqual([]);
  });
});

describe('JobTemplateAccess', () => {
  test('the narrowest Role: get that one template, create and get Jobs, in its namespace; bound to the subjects', () => {
    const chart = chartIn();
    const template = invoice(chart);
    new JobTemplateAccess(chart, 'launchers', {
      template,
      subjects: [
        LaunchSubject.group('invoice-launchers'),
        LaunchSubject.user('arn:aws:iam::123456789012:role/invoices'),
        LaunchSubject.serviceAccount('webhook', 'billing'),
      ],
    });
    const role = objectOf(chart, 'Role');
    expect(role.metadata.namespace).toBe('billing');
    expect(role.rules).toEqual([
      {
        apiGroups: ['scheduling.cdk8s-batch.io'],
        resources: ['jobtemplates'],
        resourceNames: ['invoice-generator'],
        verbs: ['get'],
      },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'create'] },
    ]);
    const binding = objectOf(chart, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'invoice-launchers' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'arn:aws:iam::123456789012:role/invoices' },
      { kind: 'ServiceAccount', name: 'webhook', namespace: 'billing' },
    ]);
  });

  test.each<[string, LaunchSubject[], string]>([
    ['no subject', [], 'subjects'],
    ['a subject without a name', [LaunchSubject.group(' ')], 'subjects[0]'],
    [
      'a ServiceAccount without a namespace',
      [LaunchSubject.group('a'), LaunchSubject.serviceAccount('webhook', '')],
      'subjects[1]',
    ],
  ])('the rule job-template-access-subject-invalid reports %s', (_name, subjects, field) => {
    const app = quietApp();
    const chart = chartIn(app);
    new JobTemplateAccess(chart, 'launchers', { template: invoice(chart), subjects });
    const message = thrownMessage(() => app.synth());
    expect(message).toContain(`${field}:`);
    expect(message).toContain('[job-template-access-subject-invalid]');
  });

  test('good subjects: no finding', () => {
    const findings = checkConstructRules(
      JOB_TEMPLATE_ACCESS_RULES,
      { subjects: [{ kind: 'Group', name: 'g' }] },
      { levels: {} },
    );
    expect(findings.filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });
});
