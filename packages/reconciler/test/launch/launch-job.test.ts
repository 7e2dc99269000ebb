/**
 * launchJob against the API server double, with the examples app's invoice template: created once
 * per idempotency key (a retry, a lost answer, a changed template), a new Job per launch without a
 * key, refusals that create nothing, and every request it makes allowed by the Role
 * `JobTemplateAccess` emits, which grants nothing it does not use.
 */
import { Testing } from 'cdk8s';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';
import { JobTemplateObject } from 'cdk8s-batch/lib/src/reconciler/template/job-template-object';
import { InvoiceGeneratorChart } from '../../../../examples/invoice-generator';
import { quietApp } from '../../../../test/constructs/helpers';
import { ClusterErrorReason } from '../../src/cluster/errors';
import { launchJob, LaunchOptions } from '../../src/launch/launch-job';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, RequestInfo, Verb } from '../support/api-server-double/faults';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiRequest, grantedVerbs, grantsOfSubject, isAllowed } from '../constructs/support/rbac';

const manifests = Testing.synth(new InvoiceGeneratorChart(quietApp(), 'invoice-generator'));
const TEMPLATE: JobTemplateObject = manifests.find((o) => o.kind === 'JobTemplate');
const LAUNCHER = 'lambda';
const INVOICE: LaunchOptions = {
  namespace: 'billing',
  template: 'invoice-generator',
  parameters: { SUBSCRIPTION_ID: 'sub-1', BILLING_PERIOD: '2026-11' },
  idempotencyKey: 'evt-1',
};

async function cluster(): Promise<ApiServerDouble> {
  const api = new ApiServerDouble({ clock: new SimulatedClock(Date.UTC(2026, 10, 30, 12)) });
  await api.client('admin').create(ResourceKind.JOB_TEMPLATE, TEMPLATE);
  return api;
}

const launch = (api: ApiServerDouble, options: Partial<LaunchOptions> = {}) =>
  launchJob(api.client(LAUNCHER), { ...INVOICE, ...options });

test('creates the Job: the template rendered with the values, in its namespace', async () => {
  const api = await cluster();
  const result = await launch(api);
  expect(result.outcome).toBe('created');
  const jobs = api.objects(ResourceKind.JOB);
  expect(jobs).toHaveLength(1);
  expect(jobs[0].metadata.name).toMatch(/^invoice-generator-[0-9a-f]{10}$/);
  expect(jobs[0].metadata.namespace).toBe('billing');
  expect((jobs[0].spec as any).template.spec.containers[0].env).toEqual([
    { name: 'OUTPUT_BUCKET', value: 'acme-invoices' },
    { name: 'SUBSCRIPTION_ID', value: 'sub-1' },
    { name: 'BILLING_PERIOD', value: '2026-11' },
  ]);
});

test('the same key again finds the Job instead of creating a second', async () => {
  const api = await cluster();
  const first = await launch(api);
  const retry = await launch(api);
  expect(retry).toEqual({ outcome: 'found', job: (first as { job: unknown }).job, templateChanged: false });
  expect(api.count(ResourceKind.JOB)).toBe(1);
});

test('an answer lost after the Job was created: the retry finds it', async () => {
  const api = await cluster();
  api.faults.inject({ fault: FaultKind.TIMEOUT_APPLIED, verbs: [Verb.CREATE], kinds: [ResourceKind.JOB] });
  await expect(launch(api)).rejects.toMatchObject({ reason: ClusterErrorReason.TIMEOUT });
  expect((await launch(api)).outcome).toBe('found');
  expect(api.count(ResourceKind.JOB)).toBe(1);
});

test('the template changed between the first launch and the retry: the existing Job is kept, and the result says so', async () => {
  const api = await cluster();
  await launch(api);
  const admin = api.client('admin');
  const stored = await admin.get(ResourceKind.JOB_TEMPLATE, 'billing', 'invoice-generator');
  const spec = structuredClone(stored.spec!) as any;
  spec.job.spec.template.spec.containers[0].image = 'registry.example/invoice-generator:3.3.0';
  await admin.update(ResourceKind.JOB_TEMPLATE, { ...stored, spec });
  const retry = await launch(api);
  expect(retry).toMatchObject({ outcome: 'found', templateChanged: true });
  expect((api.objects(ResourceKind.JOB)[0].spec as any).template.spec.containers[0].image).toBe(
    'registry.example/invoice-generator:3.2.0',
  );
});

test('the same key with other parameters creates nothing and says the key was reused', async () => {
  const api = await cluster();
  await launch(api);
  const reused = await launch(api, { parameters: { SUBSCRIPTION_ID: 'sub-2', BILLING_PERIOD: '2026-11' } });
  expect(reused.outcome).toBe('key-reused');
  expect(api.count(ResourceKind.JOB)).toBe(1);
});

test('without a key each launch is a new Job (generateName)', async () => {
  const api = await cluster();
  await launch(api, { idempotencyKey: undefined });
  await launch(api, { idempotencyKey: undefined });
  const names = api.objects(ResourceKind.JOB).map((j) => j.metadata.name);
  expect(names).toHaveLength(2);
  for (const name of names) expect(name).toMatch(/^invoice-generator-[a-z0-9]{5}$/);
});

test('a refused parameter or a missing template creates nothing', async () => {
  const api = await cluster();
  const refused = await launch(api, { parameters: { SUBSCRIPTION_ID: 'SUB 1', BILLING_PERIOD: '2026-11' } });
  expect(refused).toEqual({
    outcome: 'refused',
    problems: [
      {
        parameter: 'SUBSCRIPTION_ID',
        message: 'parameter SUBSCRIPTION_ID: the value "SUB 1" does not match the pattern sub-[a-z0-9]{1,32}',
      },
    ],
  });
  expect(await launch(api, { template: 'invoices' })).toEqual({
    outcome: 'template-not-found',
    namespace: 'billing',
    template: 'invoices',
  });
  expect(api.count(ResourceKind.JOB)).toBe(0);
});

test('every request a launch makes is allowed by the JobTemplateAccess Role, which grants nothing unused', async () => {
  const api = await cluster();
  await launch(api); // get template, create Job
  await launch(api); // get template, create Job (AlreadyExists), get Job
  await launch(api, { idempotencyKey: undefined });
  const requests = api
    .requestLog()
    .filter((r) => r.client === LAUNCHER)
    .map(asAuthorized);
  const grants = grantsOfSubject(manifests, { kind: 'Group', name: 'invoice-launchers' });
  expect(requests.filter((r) => !isAllowed(grants, r))).toEqual([]);
  const used = new Set(requests.map((r) => `${r.group}/${r.resource} ${r.verb}`));
  expect(grantedVerbs(grants).filter((granted) => !used.has(granted))).toEqual([]);
  // The template is read by name; another template in the namespace is not.
  expect(
    isAllowed(grants, {
      verb: 'get',
      group: 'scheduling.cdk8s-batch.io',
      resource: 'jobtemplates',
      namespace: 'billing',
      name: 'other',
    }),
  ).toBe(false);
  expect(isAllowed(grants, { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'default' })).toBe(false);
});

/** A request of the double as the authorizer sees it. */
function asAuthorized(request: RequestInfo): ApiRequest {
  const type = RESOURCE_TYPES[request.kind];
  const status = request.verb === Verb.UPDATE_STATUS;
  return {
    verb: status ? 'update' : request.verb,
    group: type.group,
    resource: status ? `${type.plural}/status` : type.plural,
    namespace: request.namespace,
    name: request.name,
  };
}
