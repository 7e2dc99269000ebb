import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { ClusterErrorReason } from '../../src/cluster/errors';
import { InstrumentedClient } from '../../src/runtime/instrumented-client';

test('failed requests are counted by verb and reason and still fail; successes pass through', async () => {
  const clock = new SimulatedClock(0);
  const api = new ApiServerDouble({ clock });
  const errors: string[] = [];
  const client = new InstrumentedClient(api.client('c'), (verb, reason) => errors.push(`${verb} ${reason}`));
  await expect(client.get(ResourceKind.JOB, 'ns', 'missing')).rejects.toMatchObject({
    reason: ClusterErrorReason.NOT_FOUND,
  });
  api.faults.inject({ verbs: [Verb.LIST], fault: FaultKind.SERVER_ERROR });
  await expect(client.list(ResourceKind.JOB)).rejects.toMatchObject({ reason: ClusterErrorReason.SERVER_ERROR });
  const lease = await client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: 'ns' } });
  await expect(client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: 'ns' } })).rejects.toMatchObject({
    reason: ClusterErrorReason.ALREADY_EXISTS,
  });
  await expect(
    client.update(ResourceKind.LEASE, { ...lease, metadata: { ...lease.metadata, resourceVersion: '0' } }),
  ).rejects.toMatchObject({ reason: ClusterErrorReason.CONFLICT });
  await expect(client.updateStatus(ResourceKind.LEASE, lease)).rejects.toMatchObject({
    reason: ClusterErrorReason.NOT_FOUND,
  });
  await client.delete(ResourceKind.LEASE, 'ns', 'l');
  await expect(client.delete(ResourceKind.LEASE, 'ns', 'l')).rejects.toMatchObject({
    reason: ClusterErrorReason.NOT_FOUND,
  });
  expect(errors).toEqual([
    'get NotFound',
    'list ServerError',
    'create AlreadyExists',
    'update Conflict',
    'updateStatus NotFound',
    'delete NotFound',
  ]);
});

test('a watch that ends with an error is counted; a clean end is not', async () => {
  const clock = new SimulatedClock(0);
  const api = new ApiServerDouble({ clock });
  const errors: string[] = [];
  const closes: (string | undefined)[] = [];
  const client = new InstrumentedClient(api.client('c'), (verb, reason) => errors.push(`${verb} ${reason}`));
  const handler = { onEvent: () => undefined, onClose: (e?: { reason: string }) => closes.push(e?.reason) };
  client.watch(ResourceKind.JOB, { namespace: 'ns' }, handler);
  client.watch(ResourceKind.JOB, { namespace: 'ns', resourceVersion: 'x' }, handler);
  await clock.advance(0);
  api.dropWatches();
  await clock.advance(0);
  expect(closes.sort()).toEqual([ClusterErrorReason.INVALID, undefined].sort());
  expect(errors).toEqual(['watch Invalid']);
});
