import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb, WRITE_VERBS } from '../support/api-server-double/faults';
import { ClusterError, ClusterErrorReason } from '../../src/cluster/errors';
import { flush, job, NAMESPACE, START, WatchRecorder } from '../cluster/support/objects';

function setUp(seed = 1) {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock, seed });
  return { clock, api, client: api.client('reconciler'), other: api.client('other') };
}

async function outcome(promise: Promise<unknown>): Promise<ClusterErrorReason | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as ClusterError).reason;
  }
}

test.each([
  [FaultKind.NOT_FOUND, ClusterErrorReason.NOT_FOUND, 404],
  [FaultKind.CONFLICT, ClusterErrorReason.CONFLICT, 409],
  [FaultKind.SERVER_ERROR, ClusterErrorReason.SERVER_ERROR, 500],
  [FaultKind.TIMEOUT_NOT_APPLIED, ClusterErrorReason.TIMEOUT, 0],
])('%s on create fails with %s and stores nothing', async (fault, reason, code) => {
  const { client, api } = setUp();
  api.faults.inject({ fault, verbs: [Verb.CREATE] });
  const error = await client.create(ResourceKind.JOB, job('a')).catch((e: ClusterError) => e);
  expect(error).toBeInstanceOf(ClusterError);
  expect((error as ClusterError).reason).toBe(reason);
  expect((error as ClusterError).code).toBe(code);
  expect(api.count(ResourceKind.JOB)).toBe(0);
  expect(await outcome(client.create(ResourceKind.JOB, job('a')))).toBe('ok');
});

test('a timeout after storage: the create happened (and was announced), only the answer is lost', async () => {
  const { client, api } = setUp();
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '0' }, recorder);
  await flush();
  api.faults.inject({ fault: FaultKind.TIMEOUT_APPLIED, verbs: [Verb.CREATE], name: 'a' });
  expect(await outcome(client.create(ResourceKind.JOB, job('a')))).toBe(ClusterErrorReason.TIMEOUT);
  await flush();
  expect(recorder.summary()).toEqual(['ADDED a@1']);
  expect(await outcome(client.create(ResourceKind.JOB, job('a')))).toBe(ClusterErrorReason.ALREADY_EXISTS);
});

test('a timeout after storage on an update that would conflict still reports only the timeout', async () => {
  const { client, api } = setUp();
  const created = await client.create(ResourceKind.JOB, job('a'));
  await client.update(ResourceKind.JOB, { ...created, metadata: { ...created.metadata, labels: { v: '1' } } });
  api.faults.inject({ fault: FaultKind.TIMEOUT_APPLIED });
  expect(await outcome(client.update(ResourceKind.JOB, created))).toBe(ClusterErrorReason.TIMEOUT);
  expect(api.object(ResourceKind.JOB, NAMESPACE, 'a')?.metadata.labels).toEqual({ v: '1' });
});

test('rules select by verb, kind, client and name, and hit `times` requests', async () => {
  const { client, other, api } = setUp();
  api.faults.inject({
    fault: FaultKind.SERVER_ERROR,
    verbs: [Verb.GET],
    kinds: [ResourceKind.LEASE],
    clients: ['reconciler'],
    name: 'l',
    times: 2,
  });
  await client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: NAMESPACE }, spec: {} });
  await client.create(ResourceKind.LEASE, { metadata: { name: 'm', namespace: NAMESPACE }, spec: {} });
  const results = [
    await outcome(other.get(ResourceKind.LEASE, NAMESPACE, 'l')),
    await outcome(client.get(ResourceKind.LEASE, NAMESPACE, 'm')),
    await outcome(client.get(ResourceKind.LEASE, NAMESPACE, 'l')),
    await outcome(client.get(ResourceKind.LEASE, NAMESPACE, 'l')),
    await outcome(client.get(ResourceKind.LEASE, NAMESPACE, 'l')),
  ];
  expect(results).toEqual(['ok', 'ok', ClusterErrorReason.SERVER_ERROR, ClusterErrorReason.SERVER_ERROR, 'ok']);
  expect(api.faults.injected()).toEqual({ [FaultKind.SERVER_ERROR]: 2 });
});

test('a rule with `until` hits every matching request until that simulated instant (a partition)', async () => {
  const { client, other, api, clock } = setUp();
  api.faults.inject({ fault: FaultKind.TIMEOUT_NOT_APPLIED, clients: ['reconciler'], until: START + 10_000 });
  expect(await outcome(client.list(ResourceKind.JOB))).toBe(ClusterErrorReason.TIMEOUT);
  expect(await outcome(client.list(ResourceKind.JOB))).toBe(ClusterErrorReason.TIMEOUT);
  expect(await outcome(other.list(ResourceKind.JOB))).toBe('ok');
  await clock.advance(10_000);
  expect(await outcome(client.list(ResourceKind.JOB))).toBe('ok');
});

test('delayMs holds the answer on the simulated clock; SLOW answers late but correctly', async () => {
  const { client, api, clock } = setUp();
  api.faults.inject({ fault: FaultKind.SLOW, delayMs: 5000 });
  api.faults.inject({ fault: FaultKind.TIMEOUT_NOT_APPLIED, delayMs: 30_000 });
  let slow = 'pending';
  let timedOut = 'pending';
  void outcome(client.create(ResourceKind.JOB, job('a'))).then((r) => (slow = r));
  void outcome(client.create(ResourceKind.JOB, job('b'))).then((r) => (timedOut = r));
  await flush();
  expect([slow, timedOut]).toEqual(['pending', 'pending']);
  expect(api.count(ResourceKind.JOB)).toBe(1);
  await clock.advance(5000);
  expect([slow, timedOut]).toEqual(['ok', 'pending']);
  await clock.advance(25_000);
  expect(timedOut).toBe(ClusterErrorReason.TIMEOUT);
  expect(api.count(ResourceKind.JOB)).toBe(1);
});

test('rates: about the configured share of matching requests fail, the same ones for the same seed', async () => {
  const run = async (seed: number) => {
    const { client, api } = setUp(seed);
    api.faults.setRates({ verbs: WRITE_VERBS, serverError: 0.05, timeoutApplied: 0.05 });
    const results: (ClusterErrorReason | 'ok')[] = [];
    for (let i = 0; i < 1000; i++) results.push(await outcome(client.create(ResourceKind.JOB, job(`j-${i}`))));
    for (let i = 0; i < 100; i++) results.push(await outcome(client.get(ResourceKind.JOB, NAMESPACE, `j-${i}`)));
    return { results, stored: api.count(ResourceKind.JOB), injected: api.faults.injected() };
  };
  const first = await run(11);
  const failures = first.results.slice(0, 1000).filter((r) => r !== 'ok').length;
  expect(failures).toBeGreaterThan(60);
  expect(failures).toBeLessThan(140);
  expect(first.stored).toBe(1000 - (first.injected[FaultKind.SERVER_ERROR] ?? 0));
  expect(
    first.results.slice(1000).filter((r) => r === ClusterErrorReason.SERVER_ERROR || r === ClusterErrorReason.TIMEOUT),
  ).toEqual([]);
  expect(await run(11)).toEqual(first);
  expect((await run(12)).results).not.toEqual(first.results);
});

test('clear() removes rules and rates', async () => {
  const { client, api } = setUp();
  api.faults.inject({ fault: FaultKind.SERVER_ERROR });
  api.faults.setRates({ serverError: 1 });
  api.faults.clear();
  expect(await outcome(client.list(ResourceKind.JOB))).toBe('ok');
});
