/** One sync, with the cache's view under the test's control and the double as the cluster. */
import { JobObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { EventRecorder } from '../../src/controller/event-recorder';
import { ExpectedEvents } from '../../src/controller/expected-events';
import { NO_OBSERVER, SILENT_LOGGER } from '../../src/controller/observer';
import { OwnedJobIndex } from '../../src/controller/owned-jobs';
import { RecentWrites } from '../../src/controller/recent-writes';
import { ScheduledJobSyncer } from '../../src/controller/scheduled-job-sync';
import { NAMESPACE, ownedJob as ownedJobOf, scheduledJob, Switch } from './support/harness';

async function setUp(status: Record<string, unknown>) {
  const clock = new SimulatedClock(Date.parse('2026-03-01T00:30:00Z'));
  const api = new ApiServerDouble({ clock });
  const admin = api.client('admin');
  const created = await admin.create(ResourceKind.SCHEDULED_JOB, scheduledJob('hourly', { schedule: '0 * * * *' }));
  const object = await admin.updateStatus(ResourceKind.SCHEDULED_JOB, { ...created, status });
  const index = new OwnedJobIndex();
  const enqueued: string[] = [];
  const syncer = new ScheduledJobSyncer({
    client: api.client('controller'),
    clock,
    leadership: new Switch(),
    index,
    recent: new RecentWrites(),
    cached: () => api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly'),
    recorder: new EventRecorder(api.client('controller'), clock, 'test', SILENT_LOGGER),
    expected: new ExpectedEvents(),
    enqueue: (key) => enqueued.push(key),
    observer: NO_OBSERVER,
    logger: SILENT_LOGGER,
    check: {},
  });
  const ownedJob = (name: string): JobObject => ownedJobOf(object, name);
  return { api, admin, syncer, index, object, ownedJob, enqueued };
}

const statusOf = (api: ApiServerDouble) =>
  api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly')!.status as Record<string, unknown>;
const reasons = (api: ApiServerDouble) => api.objects(ResourceKind.EVENT).map((e) => (e as { reason?: string }).reason);

test('an active Job the cache has not seen is fetched live and kept', async () => {
  const { api, admin, syncer, ownedJob } = await setUp({
    active: [{ name: 'hourly-29538720' }],
    lastScheduleTime: '2026-03-01T00:00:00Z',
  });
  await admin.create(ResourceKind.JOB, ownedJob('hourly-29538720'));
  const before = api.requests().get ?? 0;
  await syncer.sync(`${NAMESPACE}/hourly`);
  expect((api.requests().get ?? 0) - before).toBe(1);
  expect(statusOf(api).active).toEqual([{ name: 'hourly-29538720' }]);
  expect(reasons(api)).not.toContain('MissingJob');
});

test('an active Job that the live read does not find either is gone (MissingJob)', async () => {
  const { api, syncer } = await setUp({
    active: [{ name: 'hourly-29538720' }],
    lastScheduleTime: '2026-03-01T00:00:00Z',
  });
  await syncer.sync(`${NAMESPACE}/hourly`);
  expect(statusOf(api).active).toBeUndefined();
  expect(reasons(api)).toContain('MissingJob');
});

test('a failed live read fails the sync (retried later) instead of calling the Job gone', async () => {
  const { api, syncer } = await setUp({
    active: [{ name: 'hourly-29538720' }],
    lastScheduleTime: '2026-03-01T00:00:00Z',
  });
  api.faults.inject({ verbs: [Verb.GET], kinds: [ResourceKind.JOB], fault: FaultKind.SERVER_ERROR });
  await expect(syncer.sync(`${NAMESPACE}/hourly`)).rejects.toThrow(/InternalError/);
  expect(statusOf(api).active).toEqual([{ name: 'hourly-29538720' }]);
});

test('cached Jobs are read from the index, and a Job of another object with the same owner name is not ours', async () => {
  const { api, syncer, index, ownedJob } = await setUp({
    active: [{ name: 'hourly-29538720' }],
    lastScheduleTime: '2026-03-01T00:00:00Z',
  });
  const job = ownedJob('hourly-29538720');
  index.put({
    ...job,
    status: {
      conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-03-01T00:10:00Z' }],
      completionTime: '2026-03-01T00:10:00Z',
    },
  });
  const impostor = ownedJob('hourly-29538660');
  index.put({
    ...impostor,
    metadata: {
      ...impostor.metadata,
      ownerReferences: [{ ...impostor.metadata.ownerReferences![0], uid: 'an-older-object' }],
    },
  });
  const before = api.requests().get ?? 0;
  await syncer.sync(`${NAMESPACE}/hourly`);
  expect((api.requests().get ?? 0) - before).toBe(0);
  expect(statusOf(api)).toMatchObject({ activeCount: 0 });
  expect(reasons(api)).toEqual(['SawCompletedJob']);
});

test('a status write whose echo arrives during the write asks for no further sync; a deleted object is forgotten', async () => {
  const { api, syncer, enqueued } = await setUp({});
  expect(await syncer.sync(`${NAMESPACE}/hourly`)).toBe(1_800_100);
  expect(enqueued).toEqual([]);
  await api.client('admin').delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly');
  expect(await syncer.sync(`${NAMESPACE}/hourly`)).toBeUndefined();
});
