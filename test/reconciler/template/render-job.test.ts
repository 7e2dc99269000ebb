/**
 * A launch decided without I/O: parameter values checked (each refusal names its parameter),
 * defaults, where each value goes (env, argument, label), the Job name per idempotency key, the
 * rules on the rendered Job, and parameter definitions that cannot work.
 */
import { Severity } from '../../../src/rules/finding';
import { validateBatchObject } from '../../../src/rules/registry';
import { RESOURCE_TYPES } from '../../../src/reconciler/resource/api-resources';
import { ResourceKind } from '../../../src/reconciler/resource/objects';
import {
  IDEMPOTENCY_KEY_ANNOTATION,
  JOB_TEMPLATE_PLURAL,
  JobTemplateObject,
  ParameterTarget,
  TEMPLATE_NAME_LABEL,
  TemplateParameterResource,
} from '../../../src/reconciler/template/job-template-object';
import { definitionProblems } from '../../../src/reconciler/template/parameters';
import {
  idempotentJobName,
  LaunchPlan,
  planLaunch,
  renderedFromOtherTemplate,
  sameLaunch,
} from '../../../src/reconciler/template/render-job';

const CONTAINER = {
  name: 'generate',
  image: 'registry.example/invoice:1.0.0',
  env: [{ name: 'OUTPUT_BUCKET', value: 'acme-invoices' }],
};

function template(
  parameters: TemplateParameterResource[],
  containers: object[] = [CONTAINER],
  extra: object = {},
): JobTemplateObject {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'JobTemplate',
    metadata: { name: 'invoice-generator', namespace: 'billing' },
    spec: {
      parameters,
      job: {
        metadata: { labels: { team: 'billing' } },
        spec: {
          activeDeadlineSeconds: 300,
          backoffLimit: 3,
          ttlSecondsAfterFinished: 86400,
          template: { spec: { restartPolicy: 'Never', containers }, ...extra },
        },
      },
    },
  };
}

const INVOICE = template([
  { name: 'SUBSCRIPTION_ID', required: true, pattern: 'sub-[a-z0-9]{1,32}', target: ParameterTarget.ENV },
  { name: 'BILLING_PERIOD', required: true, pattern: '20[0-9]{2}-(0[1-9]|1[0-2])', target: ParameterTarget.ENV },
  { name: 'FORMAT', default: 'pdf', enum: ['pdf', 'html'], target: ParameterTarget.ARGUMENT, key: '--format' },
  { name: 'REGION', target: ParameterTarget.LABEL, key: 'billing.example.com/region' },
]);

const GOOD = { SUBSCRIPTION_ID: 'sub-1', BILLING_PERIOD: '2026-11' };

function created(plan: LaunchPlan): any {
  if (plan.outcome !== 'create') throw new Error(`expected a Job, got ${JSON.stringify(plan)}`);
  return plan.job;
}

function refusals(plan: LaunchPlan): string[] {
  if (plan.outcome !== 'refused') throw new Error(`expected a refusal, got ${plan.outcome}`);
  return plan.problems.map((p) => `${p.parameter}: ${p.message}`);
}

describe('parameter values', () => {
  test('env values go into every container, after the variables it sets; defaults and arguments apply', () => {
    const job = created(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: 'evt-1' }));
    const container = job.spec.template.spec.containers[0];
    expect(container.env).toEqual([
      { name: 'OUTPUT_BUCKET', value: 'acme-invoices' },
      { name: 'SUBSCRIPTION_ID', value: 'sub-1' },
      { name: 'BILLING_PERIOD', value: '2026-11' },
    ]);
    expect(container.args).toEqual(['--format', 'pdf']);
    expect(job.metadata.labels).toEqual({ team: 'billing', [TEMPLATE_NAME_LABEL]: 'invoice-generator' });
  });

  test('a label parameter labels the Job and its pods', () => {
    const job = created(planLaunch({ template: INVOICE, parameters: { ...GOOD, REGION: 'eu-1' } }));
    expect(job.metadata.labels['billing.example.com/region']).toBe('eu-1');
    expect(job.spec.template.metadata.labels['billing.example.com/region']).toBe('eu-1');
  });

  test.each<[string, { [name: string]: string }, string[]]>([
    [
      'a missing required parameter',
      { BILLING_PERIOD: '2026-11' },
      ['SUBSCRIPTION_ID: parameter SUBSCRIPTION_ID is required'],
    ],
    [
      'an unknown parameter',
      { ...GOOD, COLOUR: 'red' },
      ["COLOUR: unknown parameter COLOUR (the template's parameters: SUBSCRIPTION_ID, BILLING_PERIOD, FORMAT, REGION)"],
    ],
    [
      'a value outside the pattern (anchored: a prefix is not enough)',
      { ...GOOD, SUBSCRIPTION_ID: 'sub-1; rm -rf /' },
      [
        'SUBSCRIPTION_ID: parameter SUBSCRIPTION_ID: the value "sub-1; rm -rf /" does not match the pattern sub-[a-z0-9]{1,32}',
      ],
    ],
    [
      'a value outside the enum',
      { ...GOOD, FORMAT: 'docx' },
      ['FORMAT: parameter FORMAT: the value "docx" is not one of pdf, html'],
    ],
    [
      'a label value a label cannot hold',
      { ...GOOD, REGION: 'eu 1' },
      [expect.stringContaining('REGION: parameter REGION: the value "eu 1" cannot be a label value')],
    ],
    ['a line break', { ...GOOD, BILLING_PERIOD: '2026-11\n' }, [expect.stringContaining('contains a line break')]],
    [
      'several at once',
      { COLOUR: 'red', BILLING_PERIOD: '1999-13' },
      [
        expect.stringMatching(/^COLOUR: unknown parameter/),
        'SUBSCRIPTION_ID: parameter SUBSCRIPTION_ID is required',
        expect.stringMatching(/^BILLING_PERIOD: .*does not match/),
      ],
    ],
  ])('refused: %s, naming the parameter', (_name, parameters, expected) => {
    expect(refusals(planLaunch({ template: INVOICE, parameters }))).toEqual(expected);
  });

  test('an idempotency key that is empty or has a line break is refused', () => {
    expect(refusals(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: '' }))).toEqual([
      expect.stringContaining('idempotency key'),
    ]);
    expect(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: 'a\nb' }).outcome).toBe('refused');
  });
});

describe('names', () => {
  test('the same key always gives the same name; another key another; within 63 characters', () => {
    const name = (key: string) =>
      created(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: key })).metadata.name;
    expect(name('evt-1')).toBe(name('evt-1'));
    expect(name('evt-1')).toBe(idempotentJobName('invoice-generator', 'evt-1'));
    expect(name('evt-1')).toMatch(/^invoice-generator-[0-9a-f]{10}$/);
    expect(name('evt-2')).not.toBe(name('evt-1'));
    expect(idempotentJobName('a'.repeat(200), 'k')).toHaveLength(63);
    expect(idempotentJobName('x'.repeat(51) + '-y', 'k')).toMatch(/^x{51}-[0-9a-f]{10}$/);
  });

  test('without a key every launch is a new Job: generateName, no name', () => {
    const job = created(planLaunch({ template: INVOICE, parameters: GOOD }));
    expect(job.metadata).toMatchObject({ generateName: 'invoice-generator-', namespace: 'billing' });
    expect(job.metadata.name).toBeUndefined();
    expect(job.metadata.annotations[IDEMPOTENCY_KEY_ANNOTATION]).toBeUndefined();
  });

  test('a retry is the same launch; other parameters are not; a changed template is noticed', () => {
    const first = created(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: 'evt-1' }));
    const retry = created(planLaunch({ template: INVOICE, parameters: { ...GOOD }, idempotencyKey: 'evt-1' }));
    const other = created(
      planLaunch({ template: INVOICE, parameters: { ...GOOD, BILLING_PERIOD: '2026-12' }, idempotencyKey: 'evt-1' }),
    );
    expect(sameLaunch(first, retry)).toBe(true);
    expect(sameLaunch(first, other)).toBe(false);
    const changed = template(INVOICE.spec!.parameters as TemplateParameterResource[], [
      { ...CONTAINER, image: 'registry.example/invoice:1.1.0' },
    ]);
    const afterChange = created(planLaunch({ template: changed, parameters: GOOD, idempotencyKey: 'evt-1' }));
    expect(renderedFromOtherTemplate(first, retry)).toBe(false);
    expect(renderedFromOtherTemplate(first, afterChange)).toBe(true);
    expect(sameLaunch(first, afterChange)).toBe(true);
  });
});

describe('the rules judge the rendered Job', () => {
  test('a valid launch is lint-clean', () => {
    const job = created(planLaunch({ template: INVOICE, parameters: GOOD, idempotencyKey: 'evt-1' }));
    expect(validateBatchObject(job).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });

  test('a Job the API server would refuse is rejected with the findings', () => {
    const broken = template([], [{ name: 'generate' }]);
    const plan = planLaunch({ template: broken, parameters: {} });
    expect(plan.outcome).toBe('rejected');
    if (plan.outcome === 'rejected')
      expect(plan.findings.map((f) => [f.rule, f.field])).toContainEqual([
        'pod-container-image-required',
        'spec.template.spec.containers[0].image',
      ]);
  });
});

describe('parameter definitions (the construct rule and every launcher)', () => {
  const fields = (parameters: TemplateParameterResource[], containers: object[] = [CONTAINER]) =>
    definitionProblems(template(parameters, containers).spec!).map((p) => p.field);

  test('good definitions have no problem', () => {
    expect(definitionProblems(INVOICE.spec!)).toEqual([]);
  });

  test.each<[string, TemplateParameterResource[], string[]]>([
    [
      'a name that is not a variable name',
      [{ name: 'billing-period', target: ParameterTarget.ENV }],
      ['spec.parameters[0].name', 'spec.parameters[0].key'],
    ],
    [
      'two parameters of one name',
      [
        { name: 'A', target: ParameterTarget.ENV },
        { name: 'A', target: ParameterTarget.ARGUMENT },
      ],
      ['spec.parameters[1].name'],
    ],
    [
      'required with a default',
      [{ name: 'A', required: true, default: 'x', target: ParameterTarget.ENV }],
      ['spec.parameters[0].default'],
    ],
    [
      'an invalid pattern',
      [{ name: 'A', pattern: '([a-z', target: ParameterTarget.ENV }],
      ['spec.parameters[0].pattern'],
    ],
    [
      'a default outside its pattern',
      [{ name: 'A', pattern: '[0-9]+', default: 'x', target: ParameterTarget.ENV }],
      ['spec.parameters[0].default'],
    ],
    ['an empty enum', [{ name: 'A', enum: [], target: ParameterTarget.ENV }], ['spec.parameters[0].enum']],
    [
      'an allowed value outside the pattern',
      [{ name: 'A', enum: ['1', 'x'], pattern: '[0-9]', target: ParameterTarget.ENV }],
      ['spec.parameters[0].enum'],
    ],
    [
      'a variable a container already sets',
      [{ name: 'OUTPUT_BUCKET', target: ParameterTarget.ENV }],
      ['spec.parameters[0].key'],
    ],
    [
      'two parameters writing one variable',
      [
        { name: 'A', key: 'V', target: ParameterTarget.ENV },
        { name: 'B', key: 'V', target: ParameterTarget.ENV },
      ],
      ['spec.parameters[1].key'],
    ],
    [
      'an argument for a container that does not exist',
      [{ name: 'A', container: 'nope', target: ParameterTarget.ARGUMENT }],
      ['spec.parameters[0].container'],
    ],
    ['a label without a key', [{ name: 'A', target: ParameterTarget.LABEL }], ['spec.parameters[0].key']],
    ['an unknown target', [{ name: 'A', target: 'Volume' as ParameterTarget }], ['spec.parameters[0].target']],
  ])('%s', (_name, parameters, expected) => {
    expect(fields(parameters)).toEqual(expected);
  });

  test('a template read with broken definitions is refused at launch, naming the field', () => {
    const broken = template([{ name: 'A', pattern: '([a-z', target: ParameterTarget.ENV }]);
    expect(refusals(planLaunch({ template: broken, parameters: { A: 'a' } }))).toEqual([
      expect.stringMatching(
        /^spec\.parameters\[0\]\.pattern: JobTemplate invoice-generator: .*not a valid regular expression/,
      ),
    ]);
  });
});

test('the API table and the resource agree on the plural', () => {
  expect(RESOURCE_TYPES[ResourceKind.JOB_TEMPLATE].plural).toBe(JOB_TEMPLATE_PLURAL);
});
