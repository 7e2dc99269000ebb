import { JobObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { ResourceCache } from '../../src/cluster/resource-cache';
import { flush, job, NAMESPACE, START } from './support/objects';

function setUp(options: { seed?: number; historyLimit?: number } = {}) {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock, seed: options.seed ?? 1, historyLimit: options.historyLimit });
  const writer = api.client('writer');
  const heard: string[] = [];
  const cache = new ResourceCache({
    client: api.client('cache'),
    clock,
    kind: ResourceKind.JOB,
    selection: { namespace: NAMESPACE },
    random: () => 0.5,
    listener: {
      added: (j) => heard.push(`added ${j.metadata.name}`),
      updated: (j, before) =>
        heard.push(`updated ${j.metadata.name} ${before.metadata.resourceVersion}->${j.metadata.resourceVersion}`),
      deleted: (j) => heard.push(`deleted ${j.metadata.name}`),
      synced: () => heard.push('synced'),
      failed: (error, retryInMs) => heard.push(`failed ${error.reason} retry in ${retryInMs}`),
    },
  });
  return { clock, api, writer, cache, heard };
}

const names = (cache: ResourceCache<ResourceKind.JOB>) =>
  cache
    .list()
    .map((j) => j.metadata.name)
    .sort();

test('lists, reports each object once, then follows changes', async () => {
  const { writer, cache, heard } = setUp();
  await writer.create(ResourceKind.JOB, job('a'));
  cache.start();
  await flush();
  expect(cache.synced).toBe(true);
  const b = await writer.create(ResourceKind.JOB, job('b'));
  await writer.update(ResourceKind.JOB, { ...b, metadata: { ...b.metadata, labels: { x: '1' } } });
  await writer.delete(ResourceKind.JOB, NAMESPACE, 'a');
  await flush();
  expect(heard).toEqual(['added a', 'synced', 'added b', 'updated b 2->3', 'deleted a']);
  expect(names(cache)).toEqual(['b']);
  expect(cache.get(NAMESPACE, 'b')?.metadata.labels).toEqual({ x: '1' });
  expect(cache.resourceVersion).toBe('4');
  cache.stop();
});

test('a dropped watch resumes where it stopped: nothing missed, nothing twice', async () => {
  const { api, writer, cache, heard } = setUp();
  cache.start();
  await flush();
  await writer.create(ResourceKind.JOB, job('a'));
  await flush();
  api.dropWatches();
  await writer.create(ResourceKind.JOB, job('b'));
  await flush();
  await flush();
  expect(heard).toEqual(['synced', 'added a', 'added b']);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(1);
  cache.stop();
});

test('after GONE it lists again and reports what changed while it was away, deletions included', async () => {
  const { api, writer, cache, heard, clock } = setUp();
  await writer.create(ResourceKind.JOB, job('a'));
  await writer.create(ResourceKind.JOB, job('b'));
  cache.start();
  await clock.advance(5000);
  // Disconnected long enough for the history it would resume from to be compacted.
  api.faults.inject({ verbs: [Verb.WATCH], clients: ['cache'], fault: FaultKind.SERVER_ERROR });
  api.dropWatches();
  await writer.delete(ResourceKind.JOB, NAMESPACE, 'a');
  const b = await writer.get(ResourceKind.JOB, NAMESPACE, 'b');
  await writer.update(ResourceKind.JOB, { ...b, metadata: { ...b.metadata, labels: { v: '2' } } });
  await writer.create(ResourceKind.JOB, job('c'));
  api.compact();
  await clock.advance(1000);
  expect(heard).toEqual([
    'added a',
    'added b',
    'synced',
    'failed ServerError retry in 750',
    'updated b 2->4',
    'added c',
    'deleted a',
    'synced',
  ]);
  expect(names(cache)).toEqual(['b', 'c']);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(1);
  cache.stop();
});

test('a quiet watch that the server ends after a while is resumed at once; one that ends at once waits', async () => {
  const { api, cache, heard, clock } = setUp();
  cache.start();
  await clock.advance(5000);
  api.dropWatches();
  await flush();
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(1);
  api.dropWatches();
  await flush();
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(0);
  expect(heard).toEqual(['synced', 'failed Unknown retry in 750']);
  await clock.advance(750);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(1);
  cache.stop();
});

test('failures back off exponentially on the clock, up to the ceiling, and reset after success', async () => {
  const { api, writer, cache, heard, clock } = setUp();
  await writer.create(ResourceKind.JOB, job('a'));
  api.faults.inject({ verbs: [Verb.LIST], clients: ['cache'], fault: FaultKind.SERVER_ERROR, until: START + 100_000 });
  cache.start();
  await clock.advance(99_000);
  expect(cache.synced).toBe(false);
  await clock.advance(40_000);
  expect(cache.synced).toBe(true);
  const delays = heard.filter((h) => h.startsWith('failed')).map((h) => Number(h.split(' ').pop()));
  expect(delays.slice(0, 7)).toEqual([750, 1500, 3000, 6000, 12_000, 22_500, 22_500]);
  cache.stop();
});

test('a server that keeps closing watches at once is not hammered', async () => {
  const { api, cache, clock } = setUp();
  cache.start();
  await flush();
  api.faults.setRates({ verbs: [Verb.WATCH], clients: ['cache'], serverError: 1 });
  api.dropWatches();
  await clock.advance(60_000);
  expect(api.requests()[Verb.WATCH]).toBeLessThan(12);
  cache.stop();
});

test('with random faults and drops, the cache converges on the server state', async () => {
  const { api, writer, cache, clock } = setUp({ seed: 9, historyLimit: 50 });
  api.faults.setRates({ clients: ['cache'], serverError: 0.1, timeoutNotApplied: 0.1, watchDrop: 0.05 });
  cache.start();
  const live = new Map<string, JobObject>();
  for (let i = 0; i < 400; i++) {
    const name = `j-${i % 37}`;
    const current = live.get(name);
    if (current === undefined) live.set(name, await writer.create(ResourceKind.JOB, job(name)));
    else if (i % 3 === 0) {
      await writer.delete(ResourceKind.JOB, NAMESPACE, name);
      live.delete(name);
    } else
      live.set(
        name,
        await writer.update(ResourceKind.JOB, {
          ...current,
          metadata: { ...current.metadata, labels: { i: String(i) } },
        }),
      );
    if (i % 10 === 0) await clock.advance(500);
  }
  await clock.advance(120_000);
  expect(names(cache)).toEqual([...live.keys()].sort());
  for (const [name, object] of live)
    expect(cache.get(NAMESPACE, name)?.metadata.resourceVersion).toBe(object.metadata.resourceVersion);
  expect(api.faults.injected().watchDrop).toBeGreaterThan(0);
  cache.stop();
});

test('stop() ends the watch and any waiting retry', async () => {
  const { api, cache, clock } = setUp();
  api.faults.inject({ verbs: [Verb.LIST], fault: FaultKind.SERVER_ERROR });
  cache.start();
  await flush();
  cache.stop();
  await clock.advance(10_000);
  expect(api.requests()[Verb.LIST]).toBe(1);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(0);
});
