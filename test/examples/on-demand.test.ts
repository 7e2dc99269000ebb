/**
 * The on-demand invoice example (examples/invoice-generator.ts): its YAML (snapshot), the guide's
 * settings (template name, required env parameters, fixed OUTPUT_BUCKET, 5-minute deadline, TTL,
 * backoff 3), nothing that runs at apply time, and the Job a launch creates passing every rule with
 * no warning. (The handler is tested against the API server double in the runtime's tests.)
 */
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { buildExamplesApp } from '../../examples/app';
import { validateBatchObject } from '../../src/rules/registry';
import { planLaunch } from '../../src/reconciler/template/render-job';

const app: App = buildExamplesApp();
const objects = Testing.synth(app.node.findChild('invoice-generator') as Chart);
const template = objects.find((o) => o.kind === 'JobTemplate');

test('its YAML', () => {
  expect(Yaml.stringify(...objects)).toMatchSnapshot();
});

test("the guide's invoice Job: required SUBSCRIPTION_ID and BILLING_PERIOD as env vars, OUTPUT_BUCKET fixed, 5 minutes, TTL, backoff 3", () => {
  expect(template.metadata).toMatchObject({ name: 'invoice-generator', namespace: 'billing' });
  expect(template.spec.parameters.map((p: any) => [p.name, p.required, p.target])).toEqual([
    ['SUBSCRIPTION_ID', true, 'Env'],
    ['BILLING_PERIOD', true, 'Env'],
  ]);
  const job = template.spec.job.spec;
  expect(job).toMatchObject({ activeDeadlineSeconds: 300, backoffLimit: 3, ttlSecondsAfterFinished: 172800 });
  expect(job.template.spec.containers[0].env).toEqual([{ name: 'OUTPUT_BUCKET', value: 'acme-invoices' }]);
});

test('nothing runs at apply time: no Job, CronJob or Pod, only the template, its definition, account and access', () => {
  expect(objects.map((o) => o.kind).sort()).toEqual([
    'CustomResourceDefinition',
    'JobTemplate',
    'Role',
    'RoleBinding',
    'ServiceAccount',
  ]);
});

test('the Job a launch creates passes every rule (PSS restricted included), with no warning', () => {
  const plan = planLaunch({
    template,
    parameters: { SUBSCRIPTION_ID: 'sub-1', BILLING_PERIOD: '2026-11' },
    idempotencyKey: 'evt-1',
  });
  expect(plan.outcome).toBe('create');
  if (plan.outcome === 'create') expect(validateBatchObject(plan.job, { now: Date.UTC(2026, 0, 1) })).toEqual([]);
});
