/**
 * The invoice example's Lambda handler (examples/handlers/invoice-handler.ts) against the API
 * server double holding the examples app's template: an event delivered twice makes one Job, a
 * parameter that fails its pattern is refused without a Job (and without an error EventBridge
 * would retry), and an unreachable cluster is an error, so the delivery is retried.
 */
import { Testing } from 'cdk8s';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { invoiceHandler, SubscriptionRenewedEvent } from '../../../../examples/handlers/invoice-handler';
import { InvoiceGeneratorChart } from '../../../../examples/invoice-generator';
import { quietApp } from '../../../../test/constructs/helpers';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind } from '../support/api-server-double/faults';
import { SimulatedClock } from '../support/simulated-clock';

const TEMPLATE = Testing.synth(new InvoiceGeneratorChart(quietApp(), 'invoice-generator')).find(
  (o) => o.kind === 'JobTemplate',
);

function renewed(id: string, billingPeriod = '2026-11'): SubscriptionRenewedEvent {
  return {
    id,
    'detail-type': 'Subscription Renewed',
    source: 'billing.subscriptions',
    time: '2026-11-30T12:00:00Z',
    detail: { subscriptionId: 'sub-7f3a9c', billingPeriod },
  };
}

async function setUp() {
  const api = new ApiServerDouble({ clock: new SimulatedClock(Date.UTC(2026, 10, 30, 12)) });
  await api.client('admin').create(ResourceKind.JOB_TEMPLATE, TEMPLATE);
  return { api, handle: invoiceHandler(() => Promise.resolve(api.client('lambda'))) };
}

test('an event delivered twice creates one invoice Job', async () => {
  const { api, handle } = await setUp();
  const event = renewed('6f4d1b2e-0c7a-4e8e-9d55-1a2b3c4d5e6f');
  const first = await handle(event);
  const redelivered = await handle(event);
  expect(first.outcome).toBe('created');
  expect(redelivered).toEqual({ outcome: 'found', job: first.job });
  const jobs = api.objects(ResourceKind.JOB);
  expect(jobs.map((j) => j.metadata.name)).toEqual([first.job]);
  expect((jobs[0].spec as any).template.spec.containers[0].env).toContainEqual({
    name: 'SUBSCRIPTION_ID',
    value: 'sub-7f3a9c',
  });
  // Another event for the same subscription is another invoice.
  expect((await handle(renewed('a1b2c3d4-0000-4000-8000-000000000001'))).outcome).toBe('created');
  expect(api.count(ResourceKind.JOB)).toBe(2);
});

test('a billing period that fails its pattern is refused, naming it; no Job, no error to retry', async () => {
  const { api, handle } = await setUp();
  expect(await handle(renewed('evt-bad', '2026-13'))).toEqual({
    outcome: 'refused',
    problems: ['parameter BILLING_PERIOD: the value "2026-13" does not match the pattern 20[0-9]{2}-(0[1-9]|1[0-2])'],
  });
  expect(api.count(ResourceKind.JOB)).toBe(0);
});

test('an API server that fails is an error (EventBridge retries; the key keeps the retry safe)', async () => {
  const { api, handle } = await setUp();
  api.faults.inject({ fault: FaultKind.SERVER_ERROR, clients: ['lambda'] });
  await expect(handle(renewed('evt-1'))).rejects.toThrow('InternalError');
  expect((await handle(renewed('evt-1'))).outcome).toBe('created');
});
