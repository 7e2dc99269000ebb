import {
  JobObject,
  LeaseObject,
  PropagationPolicy,
  ResourceKind,
} from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { ClusterError, ClusterErrorReason } from '../../src/cluster/errors';
import { flush, job, NAMESPACE, ownedBy, scheduledJob, START, WatchRecorder } from '../cluster/support/objects';

function setUp(seed = 1) {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock, seed });
  return { clock, api, client: api.client() };
}

async function failure(promise: Promise<unknown>): Promise<ClusterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClusterError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('create', () => {
  test('assigns uid, resourceVersion, creationTimestamp and generation', async () => {
    const { clock, client } = setUp();
    await clock.advance(1500);
    const created = await client.create(ResourceKind.JOB, job('a'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.metadata.resourceVersion).toBe('1');
    expect(created.metadata.creationTimestamp).toBe('2026-01-01T00:00:01Z');
    expect(created.metadata.generation).toBe(1);
    expect(created.apiVersion).toBe('batch/v1');
  });

  test('resourceVersions increase across kinds, one per write', async () => {
    const { client, api } = setUp();
    const a = await client.create(ResourceKind.JOB, job('a'));
    const b = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('s'));
    const c = await client.create(ResourceKind.JOB, job('c'));
    expect([a, b, c].map((o) => Number(o.metadata.resourceVersion))).toEqual([1, 2, 3]);
    expect(api.resourceVersion).toBe('3');
  });

  test('ALREADY_EXISTS (409) for a taken name, leaving the stored object alone', async () => {
    const { client, api } = setUp();
    const first = await client.create(ResourceKind.JOB, job('a', { labels: { v: '1' } }));
    const error = await failure(client.create(ResourceKind.JOB, job('a', { labels: { v: '2' } })));
    expect(error.reason).toBe(ClusterErrorReason.ALREADY_EXISTS);
    expect(error.code).toBe(409);
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'a')).toEqual(first);
  });

  test('the same name in another namespace or of another kind is free', async () => {
    const { client } = setUp();
    await client.create(ResourceKind.JOB, job('a'));
    await expect(
      client.create(ResourceKind.JOB, { ...job('a'), metadata: { name: 'a', namespace: 'other' } }),
    ).resolves.toBeDefined();
    await expect(client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('a'))).resolves.toBeDefined();
  });

  test('generateName completes the prefix with five characters, deterministically per seed', async () => {
    const names = async (seed: number) => {
      const { client } = setUp(seed);
      const created = [];
      for (let i = 0; i < 3; i++)
        created.push(
          (
            await client.create(ResourceKind.JOB, {
              ...job(''),
              metadata: { generateName: 'run-', namespace: NAMESPACE },
            })
          ).metadata.name,
        );
      return created;
    };
    const first = await names(5);
    expect(first.every((n) => /^run-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n!))).toBe(true);
    expect(new Set(first).size).toBe(3);
    expect(await names(5)).toEqual(first);
    expect(await names(6)).not.toEqual(first);
  });

  test.each([
    ['no name', { namespace: NAMESPACE }, 'metadata.name: Required value'],
    ['no namespace', { name: 'a' }, 'metadata.namespace: Required value'],
    ['a name that is not a subdomain', { name: 'Bad_Name', namespace: NAMESPACE }, 'metadata.name: Invalid value'],
    [
      'a Job name too long for the job-name label',
      { name: 'x'.repeat(64), namespace: NAMESPACE },
      'must be no more than 63 characters',
    ],
    ['a resourceVersion', { name: 'a', namespace: NAMESPACE, resourceVersion: '7' }, 'metadata.resourceVersion'],
  ])('INVALID (422) for %s', async (_title, metadata, message) => {
    const { client, api } = setUp();
    const error = await failure(client.create(ResourceKind.JOB, { ...job('a'), metadata }));
    expect(error.reason).toBe(ClusterErrorReason.INVALID);
    expect(error.code).toBe(422);
    expect(error.message).toContain(message);
    expect(api.count(ResourceKind.JOB)).toBe(0);
    expect(api.resourceVersion).toBe('0');
  });

  test('INVALID for a Job without containers, and for a body of another kind', async () => {
    const { client } = setUp();
    expect(
      (await failure(client.create(ResourceKind.JOB, { metadata: { name: 'a', namespace: NAMESPACE }, spec: {} })))
        .message,
    ).toContain('spec.template.spec.containers: Required value');
    expect((await failure(client.create(ResourceKind.JOB, { ...job('a'), kind: 'CronJob' }))).message).toContain(
      'kind: must be Job',
    );
  });

  test('a 63-character Job name and a long ScheduledJob name are accepted', async () => {
    const { client } = setUp();
    await expect(client.create(ResourceKind.JOB, job('x'.repeat(63)))).resolves.toBeDefined();
    await expect(client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('x'.repeat(200)))).resolves.toBeDefined();
  });

  test('status sent on create is dropped where status is a subresource, kept on a Lease spec', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.JOB, { ...job('a'), status: { succeeded: 1 } });
    expect(created.status).toBeUndefined();
    const lease = await client.create(ResourceKind.LEASE, {
      metadata: { name: 'l', namespace: NAMESPACE },
      spec: { holderIdentity: 'me' },
    });
    expect(lease.spec?.holderIdentity).toBe('me');
  });

  test('the caller keeps its object: the server copies on the way in and out', async () => {
    const { client, api } = setUp();
    const mine = job('a', { labels: { v: '1' } });
    const created = await client.create(ResourceKind.JOB, mine);
    (mine.metadata.labels as Record<string, string>).v = 'changed';
    (created.metadata.labels as Record<string, string>).v = 'changed too';
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'a')?.metadata.labels).toEqual({ v: '1' });
    expect(mine.metadata.resourceVersion).toBeUndefined();
  });
});

describe('get and list', () => {
  test('NOT_FOUND (404) for a missing object', async () => {
    const { client } = setUp();
    const error = await failure(client.get(ResourceKind.JOB, NAMESPACE, 'missing'));
    expect(error.reason).toBe(ClusterErrorReason.NOT_FOUND);
    expect(error.code).toBe(404);
    expect(error.message).toBe('jobs.batch "missing" not found');
  });

  test('list selects by namespace and labels, ordered by namespace and name, with the current resourceVersion', async () => {
    const { client } = setUp();
    await client.create(ResourceKind.JOB, job('b', { labels: { app: 'x' } }));
    await client.create(ResourceKind.JOB, job('a', { labels: { app: 'x', tier: 'batch' } }));
    await client.create(ResourceKind.JOB, {
      ...job('c', { labels: { app: 'x' } }),
      metadata: { name: 'c', namespace: 'aaa', labels: { app: 'x' } },
    });
    await client.create(ResourceKind.JOB, job('d', { labels: { app: 'y' } }));
    const all = await client.list(ResourceKind.JOB, { labels: { app: 'x' } });
    expect(all.items.map((j) => `${j.metadata.namespace}/${j.metadata.name}`)).toEqual(['aaa/c', 'batch/a', 'batch/b']);
    expect(all.resourceVersion).toBe('4');
    const mine = await client.list(ResourceKind.JOB, { namespace: NAMESPACE, labels: { app: 'x', tier: 'batch' } });
    expect(mine.items.map((j) => j.metadata.name)).toEqual(['a']);
    expect((await client.list(ResourceKind.LEASE)).items).toEqual([]);
  });
});

describe('update', () => {
  test('CONFLICT (409) for a stale resourceVersion; the current one wins', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('s'));
    const first = await client.update(ResourceKind.SCHEDULED_JOB, { ...created, spec: { schedule: '0 * * * *' } });
    expect(Number(first.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    const error = await failure(
      client.update(ResourceKind.SCHEDULED_JOB, { ...created, spec: { schedule: '1 * * * *' } }),
    );
    expect(error.reason).toBe(ClusterErrorReason.CONFLICT);
    expect(error.code).toBe(409);
    expect((await client.get(ResourceKind.SCHEDULED_JOB, NAMESPACE, 's')).spec).toEqual({ schedule: '0 * * * *' });
  });

  test('without a resourceVersion the update is unconditional', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.LEASE, {
      metadata: { name: 'l', namespace: NAMESPACE },
      spec: { holderIdentity: 'a' },
    });
    await client.update(ResourceKind.LEASE, { ...created, spec: { holderIdentity: 'b' } });
    const { resourceVersion: _ignored, ...metadata } = created.metadata;
    const updated = await client.update(ResourceKind.LEASE, { metadata, spec: { holderIdentity: 'c' } });
    expect(updated.spec?.holderIdentity).toBe('c');
  });

  test('NOT_FOUND for an update of a missing object, CONFLICT for a different uid', async () => {
    const { client } = setUp();
    expect((await failure(client.update(ResourceKind.JOB, job('missing')))).reason).toBe(ClusterErrorReason.NOT_FOUND);
    const created = await client.create(ResourceKind.JOB, job('a'));
    expect(
      (
        await failure(
          client.update(ResourceKind.JOB, { ...created, metadata: { ...created.metadata, uid: 'someone-else' } }),
        )
      ).reason,
    ).toBe(ClusterErrorReason.CONFLICT);
  });

  test('an update ignores status changes and keeps server-owned metadata; generation counts spec changes', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('s'));
    const withStatus = await client.updateStatus(ResourceKind.SCHEDULED_JOB, {
      ...created,
      status: { active: ['s-1'] },
    });
    const updated = await client.update(ResourceKind.SCHEDULED_JOB, {
      ...withStatus,
      metadata: {
        ...withStatus.metadata,
        uid: undefined,
        creationTimestamp: '1999-01-01T00:00:00Z',
        generation: 40,
        labels: { new: 'label' },
      },
      spec: { schedule: '0 0 * * *' },
      status: { active: [] },
    });
    expect(updated.status).toEqual({ active: ['s-1'] });
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    expect(updated.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(updated.metadata.labels).toEqual({ new: 'label' });
    expect(updated.metadata.generation).toBe(2);
    const labelsOnly = await client.update(ResourceKind.SCHEDULED_JOB, {
      ...updated,
      metadata: { ...updated.metadata, labels: { other: 'x' } },
    });
    expect(labelsOnly.metadata.generation).toBe(2);
  });

  test('a status update changes only the status', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('s'));
    const updated = await client.updateStatus(ResourceKind.SCHEDULED_JOB, {
      ...created,
      metadata: { ...created.metadata, labels: { ignored: 'yes' } },
      spec: { schedule: 'ignored' },
      status: { lastScheduleTime: '2026-01-01T00:00:00Z' },
    });
    expect(updated.spec).toEqual({ schedule: '*/5 * * * *' });
    expect(updated.metadata.labels).toBeUndefined();
    expect(updated.metadata.generation).toBe(1);
    expect(updated.status).toEqual({ lastScheduleTime: '2026-01-01T00:00:00Z' });
  });

  test('a status update is conditional on the resourceVersion too', async () => {
    const { client } = setUp();
    const created = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('s'));
    await client.updateStatus(ResourceKind.SCHEDULED_JOB, { ...created, status: { n: 1 } });
    expect(
      (await failure(client.updateStatus(ResourceKind.SCHEDULED_JOB, { ...created, status: { n: 2 } }))).reason,
    ).toBe(ClusterErrorReason.CONFLICT);
  });

  test('kinds without a status subresource answer NOT_FOUND to a status update', async () => {
    const { client } = setUp();
    const lease = await client.create(ResourceKind.LEASE, { metadata: { name: 'l', namespace: NAMESPACE }, spec: {} });
    expect((await failure(client.updateStatus(ResourceKind.LEASE, lease))).reason).toBe(ClusterErrorReason.NOT_FOUND);
  });

  test('an update that changes nothing keeps the resourceVersion', async () => {
    const { client, api } = setUp();
    const created = await client.create(ResourceKind.JOB, job('a'));
    const same = await client.update(ResourceKind.JOB, created);
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(api.resourceVersion).toBe(created.metadata.resourceVersion);
  });
});

describe('delete and garbage collection', () => {
  async function ownerWithJobs(client: ReturnType<typeof setUp>['client'], count: number) {
    const owner = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('owner'));
    for (let i = 0; i < count; i++)
      await client.create(ResourceKind.JOB, job(`owner-${i}`, { owners: [ownedBy(owner)] }));
    return owner;
  }

  test('NOT_FOUND for a missing object; CONFLICT when a precondition fails', async () => {
    const { client } = setUp();
    expect((await failure(client.delete(ResourceKind.JOB, NAMESPACE, 'missing'))).reason).toBe(
      ClusterErrorReason.NOT_FOUND,
    );
    const created = await client.create(ResourceKind.JOB, job('a'));
    expect((await failure(client.delete(ResourceKind.JOB, NAMESPACE, 'a', { uid: 'other' }))).reason).toBe(
      ClusterErrorReason.CONFLICT,
    );
    expect((await failure(client.delete(ResourceKind.JOB, NAMESPACE, 'a', { resourceVersion: '999' }))).reason).toBe(
      ClusterErrorReason.CONFLICT,
    );
    await client.delete(ResourceKind.JOB, NAMESPACE, 'a', {
      uid: created.metadata.uid,
      resourceVersion: created.metadata.resourceVersion,
    });
    expect((await failure(client.get(ResourceKind.JOB, NAMESPACE, 'a'))).reason).toBe(ClusterErrorReason.NOT_FOUND);
  });

  test('deleting the owner (background, its default) deletes the Jobs it owns, and only those', async () => {
    const { client, api } = setUp();
    await ownerWithJobs(client, 3);
    await client.create(ResourceKind.JOB, job('unowned'));
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner');
    expect(api.objects(ResourceKind.JOB).map((j) => j.metadata.name)).toEqual(['unowned']);
  });

  test('an ownerReference with the right name but another uid does not make a dependent', async () => {
    const { client, api } = setUp();
    const owner = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('owner'));
    await client.create(ResourceKind.JOB, job('stale', { owners: [{ ...ownedBy(owner), uid: 'old-uid' }] }));
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner');
    expect(api.count(ResourceKind.JOB)).toBe(1);
  });

  test('orphan propagation keeps the Jobs and strips the ownerReference', async () => {
    const { client, api } = setUp();
    await ownerWithJobs(client, 2);
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner', {
      propagationPolicy: PropagationPolicy.ORPHAN,
    });
    const jobs = api.objects(ResourceKind.JOB);
    expect(jobs).toHaveLength(2);
    expect(jobs.every((j) => j.metadata.ownerReferences === undefined)).toBe(true);
  });

  test('foreground propagation deletes the dependents before the owner, which waits marked deleted', async () => {
    const { client, api } = setUp();
    const owner = await ownerWithJobs(client, 2);
    const jobs = new WatchRecorder();
    const owners = new WatchRecorder();
    client.watch(ResourceKind.JOB, { resourceVersion: api.resourceVersion }, jobs);
    client.watch(ResourceKind.SCHEDULED_JOB, { resourceVersion: api.resourceVersion }, owners);
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner', {
      propagationPolicy: PropagationPolicy.FOREGROUND,
    });
    await flush();
    const base = Number(owner.metadata.resourceVersion) + 2;
    expect(jobs.summary()).toEqual([`DELETED owner-0@${base + 2}`, `DELETED owner-1@${base + 3}`]);
    expect(owners.summary()).toEqual([`MODIFIED owner@${base + 1}`, `DELETED owner@${base + 4}`]);
  });

  test('an owner deleted in the foreground waits for a dependent that blocks its deletion and holds a finalizer', async () => {
    const { client, api } = setUp();
    const owner = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('owner'));
    await client.create(
      ResourceKind.JOB,
      job('held', { owners: [{ ...ownedBy(owner), blockOwnerDeletion: true }], finalizers: ['example.com/hold'] }),
    );
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner', {
      propagationPolicy: PropagationPolicy.FOREGROUND,
    });
    const waiting = api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner')!;
    expect(waiting.metadata.deletionTimestamp).toBeDefined();
    expect(waiting.metadata.finalizers).toEqual(['foregroundDeletion']);
    const held = await client.get(ResourceKind.JOB, NAMESPACE, 'held');
    expect(held.metadata.deletionTimestamp).toBeDefined();
    await client.update(ResourceKind.JOB, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'held')).toBeUndefined();
    expect(api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner')).toBeUndefined();
  });

  test('a dependent with another living owner loses only the dangling reference', async () => {
    const { client, api } = setUp();
    const a = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('a'));
    const b = await client.create(ResourceKind.SCHEDULED_JOB, scheduledJob('b'));
    await client.create(
      ResourceKind.JOB,
      job('shared', { owners: [ownedBy(a), { ...ownedBy(b), controller: false }] }),
    );
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'a');
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'shared')?.metadata.ownerReferences?.map((r) => r.name)).toEqual([
      'b',
    ]);
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'b');
    expect(api.count(ResourceKind.JOB)).toBe(0);
  });

  test('a Job deleted without a policy orphans (the batch/v1 default), so its own dependents stay', async () => {
    const { client, api } = setUp();
    const parent = await client.create(ResourceKind.JOB, job('parent'));
    await client.create(ResourceKind.LEASE, {
      metadata: {
        name: 'child',
        namespace: NAMESPACE,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'parent', uid: parent.metadata.uid! }],
      },
      spec: {},
    });
    await client.delete(ResourceKind.JOB, NAMESPACE, 'parent');
    expect(api.object(ResourceKind.LEASE, NAMESPACE, 'child')?.metadata.ownerReferences).toBeUndefined();
  });

  test('finalizers hold a deletion until they are removed', async () => {
    const { clock, client, api } = setUp();
    await client.create(ResourceKind.JOB, job('a', { finalizers: ['example.com/hold'] }));
    await clock.advance(5000);
    await client.delete(ResourceKind.JOB, NAMESPACE, 'a');
    const held = await client.get(ResourceKind.JOB, NAMESPACE, 'a');
    expect(held.metadata.deletionTimestamp).toBe('2026-01-01T00:00:05Z');
    await client.delete(ResourceKind.JOB, NAMESPACE, 'a');
    expect((await client.get(ResourceKind.JOB, NAMESPACE, 'a')).metadata.resourceVersion).toBe(
      held.metadata.resourceVersion,
    );
    await client.update(ResourceKind.JOB, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'a')).toBeUndefined();
  });

  test('an object being deleted takes no new finalizer, as the API server refuses it', async () => {
    const { client, api } = setUp();
    await client.create(ResourceKind.JOB, job('a', { finalizers: ['example.com/hold'] }));
    await client.delete(ResourceKind.JOB, NAMESPACE, 'a');
    const held = await client.get(ResourceKind.JOB, NAMESPACE, 'a');
    await expect(
      client.update(ResourceKind.JOB, {
        ...held,
        metadata: { ...held.metadata, finalizers: ['example.com/hold', 'example.com/more'] },
      }),
    ).rejects.toMatchObject({ reason: 'Invalid', message: expect.stringContaining('no new finalizers') });
    expect(api.object(ResourceKind.JOB, NAMESPACE, 'a')?.metadata.finalizers).toEqual(['example.com/hold']);
  });

  test('a deleted object can be created again with a new uid', async () => {
    const { client } = setUp();
    const first = await client.create(ResourceKind.JOB, job('a'));
    await client.delete(ResourceKind.JOB, NAMESPACE, 'a');
    const second = await client.create(ResourceKind.JOB, job('a'));
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
  });

  test('GC of ten thousand Jobs on one owner deletion is quick (owner index, not a scan per Job)', async () => {
    const { client, api } = setUp();
    await ownerWithJobs(client, 10_000);
    const started = Date.now();
    await client.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'owner');
    expect(api.count(ResourceKind.JOB)).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('Events', () => {
  test('expire after their time to live', async () => {
    const clock = new SimulatedClock(START);
    const api = new ApiServerDouble({ clock, eventTtlMs: 60_000 });
    const client = api.client();
    const event = (name: string) => ({
      metadata: { name, namespace: NAMESPACE },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reason: 'Test',
      note: 'n',
    });
    await client.create(ResourceKind.EVENT, event('e1'));
    await clock.advance(30_000);
    await client.create(ResourceKind.EVENT, event('e2'));
    await clock.advance(30_000);
    expect((await client.list(ResourceKind.EVENT)).items.map((e) => e.metadata.name)).toEqual(['e2']);
    await clock.advance(30_000);
    expect((await client.list(ResourceKind.EVENT)).items).toEqual([]);
  });
});

describe('determinism', () => {
  test('the same seed and requests give the same objects, uids included', async () => {
    const run = async (seed: number) => {
      const { client, api, clock } = setUp(seed);
      for (let i = 0; i < 20; i++) {
        await client.create(ResourceKind.JOB, { ...job(''), metadata: { generateName: 'j-', namespace: NAMESPACE } });
        await clock.advance(777);
      }
      return api.objects(ResourceKind.JOB);
    };
    const first: JobObject[] = await run(3);
    expect(await run(3)).toEqual(first);
    expect((await run(4)).map((j) => j.metadata.uid)).not.toEqual(first.map((j) => j.metadata.uid));
  });

  test("the typed client returns the kind's object type", async () => {
    const { client } = setUp();
    const lease: LeaseObject = await client.create(ResourceKind.LEASE, {
      metadata: { name: 'l', namespace: NAMESPACE },
      spec: { holderIdentity: 'x' },
    });
    expect(lease.spec?.holderIdentity).toBe('x');
  });
});
