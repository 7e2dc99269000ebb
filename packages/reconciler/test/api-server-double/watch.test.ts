import { WatchEventType } from '../../src/cluster/client';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble, ApiServerDoubleOptions } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { ClusterError, ClusterErrorReason } from '../../src/cluster/errors';
import { flush, job, NAMESPACE, START, WatchRecorder } from '../cluster/support/objects';

function setUp(options: Partial<ApiServerDoubleOptions> = {}) {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock, seed: 1, ...options });
  return { clock, api, client: api.client('watcher') };
}

test('delivers ADDED, MODIFIED and DELETED in resourceVersion order, asynchronously', async () => {
  const { client, api } = setUp();
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: api.resourceVersion }, recorder);
  await flush();
  const creating = client.create(ResourceKind.JOB, job('a'));
  expect(recorder.events).toEqual([]);
  const created = await creating;
  await client.update(ResourceKind.JOB, { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
  await client.delete(ResourceKind.JOB, NAMESPACE, 'a');
  await flush();
  expect(recorder.summary()).toEqual(['ADDED a@1', 'MODIFIED a@2', 'DELETED a@3']);
  expect(recorder.events[2].object.metadata.labels).toEqual({ x: 'y' });
});

test('without a resourceVersion, a watch starts with an ADDED event per existing object', async () => {
  const { client } = setUp();
  await client.create(ResourceKind.JOB, job('b'));
  await client.create(ResourceKind.JOB, job('a'));
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, {}, recorder);
  await flush();
  await client.create(ResourceKind.JOB, job('c'));
  await flush();
  expect(recorder.summary()).toEqual(['ADDED a@2', 'ADDED b@1', 'ADDED c@3']);
});

test('selects by namespace; an object that stops or starts matching the labels is DELETED from or ADDED to the watch', async () => {
  const { client, api } = setUp();
  const recorder = new WatchRecorder();
  client.watch(
    ResourceKind.JOB,
    { namespace: NAMESPACE, labels: { team: 'a' }, resourceVersion: api.resourceVersion },
    recorder,
  );
  await client.create(ResourceKind.JOB, {
    ...job('other-namespace', { labels: { team: 'a' } }),
    metadata: { name: 'x', namespace: 'elsewhere', labels: { team: 'a' } },
  });
  const created = await client.create(ResourceKind.JOB, job('j', { labels: { team: 'b' } }));
  const moved = await client.update(ResourceKind.JOB, {
    ...created,
    metadata: { ...created.metadata, labels: { team: 'a' } },
  });
  const changed = await client.update(ResourceKind.JOB, {
    ...moved,
    metadata: { ...moved.metadata, annotations: { n: '1' } },
  });
  await client.update(ResourceKind.JOB, { ...changed, metadata: { ...changed.metadata, labels: { team: 'b' } } });
  await client.delete(ResourceKind.JOB, NAMESPACE, 'j');
  await flush();
  expect(recorder.summary()).toEqual(['ADDED j@3', 'MODIFIED j@4', 'DELETED j@5']);
});

test('a watch resumes from the last resourceVersion seen without losing or repeating events', async () => {
  const { client, api } = setUp();
  const first = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: api.resourceVersion }, first);
  await client.create(ResourceKind.JOB, job('a'));
  await flush();
  api.dropWatches();
  await client.create(ResourceKind.JOB, job('b'));
  await client.create(ResourceKind.JOB, job('c'));
  await flush();
  expect(first.closed).toBe(true);
  expect(first.closeError).toBeUndefined();
  expect(first.summary()).toEqual(['ADDED a@1']);
  const resumed = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: first.lastVersion() }, resumed);
  await flush();
  expect(resumed.summary()).toEqual(['ADDED b@2', 'ADDED c@3']);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(1);
});

test('a drop can carry an error, and discards events not yet delivered', async () => {
  const { client, api } = setUp();
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '0' }, recorder);
  await flush();
  const creating = client.create(ResourceKind.JOB, job('a'));
  api.dropWatches(new ClusterError(ClusterErrorReason.SERVER_ERROR, 500, 'connection reset'));
  await creating;
  await flush();
  expect(recorder.events).toEqual([]);
  expect(recorder.closeError?.reason).toBe(ClusterErrorReason.SERVER_ERROR);
});

test('GONE (410) once the history after the requested version is compacted; a fresh list and watch recover', async () => {
  const { client, api } = setUp();
  await client.create(ResourceKind.JOB, job('a'));
  const old = api.resourceVersion;
  await client.create(ResourceKind.JOB, job('b'));
  api.compact();
  const gone = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: old }, gone);
  await flush();
  expect(gone.closeError?.reason).toBe(ClusterErrorReason.GONE);
  expect(gone.closeError?.code).toBe(410);
  expect(gone.events).toEqual([]);

  const list = await client.list(ResourceKind.JOB);
  const fresh = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: list.resourceVersion }, fresh);
  await client.create(ResourceKind.JOB, job('c'));
  await flush();
  expect(list.items.map((j) => j.metadata.name)).toEqual(['a', 'b']);
  expect(fresh.summary()).toEqual(['ADDED c@3']);
  expect(fresh.closed).toBe(false);
});

test('history is trimmed by count and by age, and a version at the trim point still resumes', async () => {
  const { client, clock, api } = setUp({ historyLimit: 3, historyRetentionMs: 60_000 });
  for (const name of ['a', 'b', 'c', 'd', 'e']) await client.create(ResourceKind.JOB, job(name));
  expect(api.watchState(ResourceKind.JOB).historySize).toBe(3);
  const atEdge = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '2' }, atEdge);
  const beyond = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '1' }, beyond);
  await flush();
  expect(atEdge.summary()).toEqual(['ADDED c@3', 'ADDED d@4', 'ADDED e@5']);
  expect(beyond.closeError?.reason).toBe(ClusterErrorReason.GONE);

  await clock.advance(61_000);
  const late = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '4' }, late);
  await flush();
  expect(late.closeError?.reason).toBe(ClusterErrorReason.GONE);
  expect(api.watchState(ResourceKind.JOB).historySize).toBe(0);
});

test('a watch from a version of another kind resumes: resourceVersions are global', async () => {
  const { client, api } = setUp();
  await client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: NAMESPACE }, spec: {} });
  const afterLease = api.resourceVersion;
  await client.create(ResourceKind.JOB, job('a'));
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: afterLease }, recorder);
  await flush();
  expect(recorder.summary()).toEqual(['ADDED a@2']);
});

test('INVALID for a resourceVersion that is not a number', async () => {
  const { client } = setUp();
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: 'abc' }, recorder);
  await flush();
  expect(recorder.closeError?.reason).toBe(ClusterErrorReason.INVALID);
});

test('bookmarks carry the newest resourceVersion, only to watches that want them', async () => {
  const { client, api } = setUp();
  const wants = new WatchRecorder();
  const doesNot = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '0' }, wants);
  client.watch(ResourceKind.JOB, { resourceVersion: '0', bookmarks: false }, doesNot);
  await client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: NAMESPACE }, spec: {} });
  await flush();
  api.bookmark();
  await flush();
  expect(wants.events).toEqual([
    {
      type: WatchEventType.BOOKMARK,
      object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { resourceVersion: '1' } },
    },
  ]);
  expect(doesNot.events).toEqual([]);
});

test('stop() ends delivery at once and no close is reported', async () => {
  const { client, api } = setUp();
  const recorder = new WatchRecorder();
  const handle = client.watch(ResourceKind.JOB, { resourceVersion: '0' }, recorder);
  await flush();
  const creating = client.create(ResourceKind.JOB, job('a'));
  handle.stop();
  await creating;
  await flush();
  api.dropWatches();
  await flush();
  expect(recorder.events).toEqual([]);
  expect(recorder.closed).toBe(false);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(0);
});

test('a watch request can fail like any other request', async () => {
  const { client, api } = setUp();
  api.faults.inject({ verbs: [Verb.WATCH], fault: FaultKind.SERVER_ERROR });
  const recorder = new WatchRecorder();
  client.watch(ResourceKind.JOB, { resourceVersion: '0' }, recorder);
  await flush();
  expect(recorder.closeError?.reason).toBe(ClusterErrorReason.SERVER_ERROR);
  expect(api.watchState(ResourceKind.JOB).openWatches).toBe(0);
});

test('random drops with resumes lose nothing and repeat nothing (seeded)', async () => {
  const { client, api } = setUp();
  api.faults.setRates({ watchDrop: 0.2 });
  const seen: string[] = [];
  let drops = 0;
  let from = api.resourceVersion;
  const open = () =>
    client.watch(
      ResourceKind.JOB,
      { resourceVersion: from },
      {
        onEvent: (event) => {
          seen.push(`${event.type} ${event.object.metadata.name}`);
          from = event.object.metadata.resourceVersion!;
        },
        onClose: () => {
          drops++;
          open();
        },
      },
    );
  open();
  for (let i = 0; i < 200; i++) {
    await client.create(ResourceKind.JOB, job(`j-${i}`));
    if (i % 7 === 0) await flush();
  }
  await flush();
  await flush();
  expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => `ADDED j-${i}`));
  expect(drops).toBeGreaterThan(10);
  expect(api.faults.injected().watchDrop).toBe(drops);
});
