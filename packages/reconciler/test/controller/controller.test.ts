/** The controller loop against the API server double, on a simulated clock. */
import { ClusterClient } from '../../src/cluster/client';
import { JobObject, PropagationPolicy, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { ClusterError, ClusterErrorReason } from '../../src/cluster/errors';
import { SyncResult } from '../../src/controller/observer';
import { runNowJobName } from 'cdk8s-batch/lib/src/reconciler/plan/job-names';
import { RunKind } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import { CrashableClient } from './support/crashable-client';
import { Harness, NAMESPACE, ownedJob, scheduledJob, START } from './support/harness';

const at = (iso: string) => Date.parse(iso);

async function started(h: Harness, ...objects: ReturnType<typeof scheduledJob>[]): Promise<void> {
  for (const o of objects) await h.create(o);
  h.controller.start();
  await h.advance(0);
}

test('creates each run at its time (+100 ms), records the status with the printer-column fields', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T02:30:00Z');
  expect(h.jobNames()).toEqual(['hourly-29538780', 'hourly-29538840']);
  const job = h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538840')!;
  expect(job.metadata.creationTimestamp).toBe('2026-03-01T02:00:00Z');
  expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-01T02:00:00Z');
  expect(h.get('hourly')!.status).toMatchObject({
    active: [{ name: 'hourly-29538780' }, { name: 'hourly-29538840' }],
    activeCount: 2,
    lastScheduleTime: '2026-03-01T02:00:00Z',
    nextScheduleTime: '2026-03-01T03:00:00Z',
    observedGeneration: 1,
  });
  expect(h.observer.created).toEqual([
    { kind: RunKind.SCHEDULED, lagSeconds: 0.1 },
    { kind: RunKind.SCHEDULED, lagSeconds: 0.1 },
  ]);
  await h.controller.stop();
});

test('finished Jobs leave status.active; history cleanup deletes the oldest after the status is written', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *', successfulJobsHistoryLimit: 1 }));
  for (const hour of ['01', '02', '03']) {
    await h.until(`2026-03-01T${hour}:00:01Z`);
    await h.finish(
      h.jobNames().find((n) => !h.api.object(ResourceKind.JOB, NAMESPACE, n)!.status)!,
      true,
    );
    await h.advance(1000);
  }
  expect(h.jobNames()).toEqual(['hourly-29538900']);
  expect(h.get('hourly')!.status).toMatchObject({ activeCount: 0, lastSuccessfulTime: '2026-03-01T03:00:01Z' });
  expect(h.observer.finished).toEqual(['succeeded', 'succeeded', 'succeeded']);
  await h.controller.stop();
});

test('CancelOther deletes the active Job with Background propagation before creating the next', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('replace', { schedule: '0 * * * *', overlapPolicy: 'CancelOther' }));
  await h.until('2026-03-01T02:00:01Z');
  expect(h.jobNames()).toEqual(['replace-29538840']);
  expect(h.get('replace')!.status).toMatchObject({ active: [{ name: 'replace-29538840' }] });
  await h.controller.stop();
});

test('Skip holds the run while a Job runs, and starts it as soon as that Job finishes', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('skip', { schedule: '0 * * * *', overlapPolicy: 'Skip' }));
  await h.until('2026-03-01T02:10:00Z');
  expect(h.jobNames()).toEqual(['skip-29538780']);
  expect(h.observer.skipped).toContain('forbidConcurrent');
  await h.finish('skip-29538780', true);
  await h.advance(1);
  expect(h.jobNames()).toEqual(['skip-29538780', 'skip-29538840']);
  await h.controller.stop();
});

test('a create that timed out after it was applied is found again and adopted: one Job, recorded once', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  h.api.faults.inject({ verbs: [Verb.CREATE], kinds: [ResourceKind.JOB], fault: FaultKind.TIMEOUT_APPLIED });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T01:00:05Z');
  expect(h.jobNames()).toEqual(['hourly-29538780']);
  expect(h.get('hourly')!.status).toMatchObject({
    active: [{ name: 'hourly-29538780' }],
    lastScheduleTime: '2026-03-01T01:00:00Z',
  });
  expect(h.observer.syncs).toContain(SyncResult.ERROR);
  // The retry finds the Job holding the run-record finalizer and records its run, then releases it.
  const reasons = h.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE }).map((e) => e.reason);
  expect(reasons).toContain('RecordedRun');
  expect(h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!.metadata.finalizers).toEqual([]);
  await h.controller.stop();
});

describe('the run-record finalizer (issue 15, finding 4)', () => {
  const FINALIZER = 'scheduling.cdk8s-batch.io/run-record';

  /** `hourly`'s first reconciler died right after its 01:00 Job reached storage, before the status write. */
  async function crashedAfterCreate(): Promise<Harness> {
    const h = new Harness({ resyncMs: 86_400_000 });
    const doomed = new CrashableClient(h.api.client('first'));
    h.controller = h.newController({ client: doomed });
    await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
    doomed.crashAfterNextJobCreate();
    await h.until('2026-03-01T01:00:05Z');
    expect(doomed.crashed).toBe(true);
    return h;
  }

  test('each Job is created holding it and released in the same sync, once its run is recorded', async () => {
    const h = new Harness({ resyncMs: 86_400_000 });
    const seen: (readonly string[] | undefined)[] = [];
    const watcher = h.api.client('watcher');
    watcher.watch(
      ResourceKind.JOB,
      { namespace: NAMESPACE },
      { onEvent: (e) => seen.push(e.object.metadata.finalizers), onClose: () => undefined },
    );
    await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
    await h.until('2026-03-01T01:00:01Z');
    expect(seen[0]).toEqual([FINALIZER]);
    expect(h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!.metadata.finalizers).toEqual([]);
    await h.controller.stop();
  });

  test('a crash after the create, then the Job finished and deleted (TTL) before anyone looked: recorded, never run twice', async () => {
    const h = await crashedAfterCreate();
    await h.finish('hourly-29538780', true);
    const admin = h.api.client('ttl-after-finished');
    await admin.delete(ResourceKind.JOB, NAMESPACE, 'hourly-29538780', {
      propagationPolicy: PropagationPolicy.BACKGROUND,
    });
    // Held: the deletion waits for the finalizer.
    expect(h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!.metadata.deletionTimestamp).toBeDefined();

    const restarted = h.newController();
    restarted.start();
    await h.advance(1000);
    // One sync later the run is on record and the Job is gone; it was not created again.
    expect(h.jobNames()).toEqual([]);
    expect(h.get('hourly')!.status).toMatchObject({ lastScheduleTime: '2026-03-01T01:00:00Z' });
    await h.until('2026-03-01T02:00:01Z');
    expect(h.jobNames()).toEqual(['hourly-29538840']);
    await restarted.stop();
  });

  test('deleting the ScheduledJob in the background: its Jobs still holding the finalizer are released, nothing hangs', async () => {
    const h = await crashedAfterCreate();
    const restarted = h.newController();
    const admin = h.api.client('admin');
    // The successor starts only after the owner is gone: the garbage collector marks the Job deleted.
    await admin.delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly', {
      propagationPolicy: PropagationPolicy.BACKGROUND,
    });
    expect(h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!.metadata.deletionTimestamp).toBeDefined();
    restarted.start();
    await h.advance(1000);
    expect(h.jobNames()).toEqual([]);
    await restarted.stop();
  });

  test('deleting the ScheduledJob in the foreground: it waits for its held Job until a sync releases it, then both go', async () => {
    const h = await crashedAfterCreate();
    await h.api.client('admin').delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly', {
      propagationPolicy: PropagationPolicy.FOREGROUND,
    });
    // No reconciler running: both wait (the owner for its blocking dependent, the Job for the finalizer).
    expect(h.get('hourly')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!.metadata.deletionTimestamp).toBeDefined();
    const restarted = h.newController();
    restarted.start();
    await h.advance(1000);
    expect(h.jobNames()).toEqual([]);
    expect(h.get('hourly')).toBeUndefined();
    await restarted.stop();
  });

  test('deleting the ScheduledJob orphaning its Jobs: a Job left holding the finalizer without an owner is released', async () => {
    const h = await crashedAfterCreate();
    await h.api.client('admin').delete(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'hourly', {
      propagationPolicy: PropagationPolicy.ORPHAN,
    });
    const restarted = h.newController();
    restarted.start();
    await h.advance(1000);
    const job = h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!;
    expect(job.metadata.ownerReferences).toBeUndefined();
    expect(job.metadata.finalizers).toEqual([]);
    await restarted.stop();
  });
});

test('a reconciler that dies after its create is applied but before the status write: the restarted one adopts the Job', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  const doomed = new CrashableClient(h.api.client('first'));
  h.controller = h.newController({ client: doomed });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *', overlapPolicy: 'Skip' }));
  doomed.crashAfterNextJobCreate();
  await h.until('2026-03-01T01:00:05Z');
  expect(doomed.crashed).toBe(true);
  expect(h.jobNames()).toEqual(['hourly-29538780']);
  expect(h.get('hourly')!.status).toEqual({
    activeCount: 0,
    nextScheduleTime: '2026-03-01T01:00:00Z',
    conditions: expect.any(Array),
    observedGeneration: 1,
  });

  const restarted = h.newController();
  restarted.start();
  await h.advance(1000);
  expect(h.jobNames()).toEqual(['hourly-29538780']);
  expect(h.get('hourly')!.status).toMatchObject({
    active: [{ name: 'hourly-29538780' }],
    lastScheduleTime: '2026-03-01T01:00:00Z',
  });
  await restarted.stop();
});

test('a Job the rules reject is never created; the status and a Warning Event say why', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  const broken = {
    spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
  };
  await started(h, scheduledJob('broken', { schedule: '0 * * * *', jobTemplate: broken }));
  await h.until('2026-03-01T01:00:05Z');
  expect(h.jobNames()).toEqual([]);
  const condition = (h.get('broken')!.status as { conditions: { type: string }[] }).conditions.find(
    (c) => c.type === 'JobTemplateValid',
  );
  expect(condition).toMatchObject({
    status: 'False',
    reason: 'LintErrors',
    message: expect.stringContaining('job-restart-policy-invalid at spec.template.spec.restartPolicy'),
  });
  const events = h.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE });
  expect(events.find((e) => e.reason === 'JobTemplateInvalid')).toMatchObject({
    type: 'Warning',
    regarding: { kind: 'ScheduledJob', name: 'broken' },
    related: { name: 'broken-29538780' },
  });
  expect(h.observer.skipped).toEqual(['jobTemplateInvalid']);
  await h.controller.stop();
});

test('Events record what was done, on the ScheduledJob, from this replica', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T01:00:01Z');
  const [event] = h.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE });
  expect(event).toMatchObject({
    type: 'Normal',
    reason: 'SuccessfulCreate',
    action: 'Create',
    regarding: {
      apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
      kind: 'ScheduledJob',
      namespace: NAMESPACE,
      name: 'hourly',
    },
    related: { kind: 'Job', name: 'hourly-29538780' },
    reportingController: 'scheduling.cdk8s-batch.io/reconciler',
    reportingInstance: 'replica-a',
  });
  expect(event.metadata.name).toMatch(/^hourly\./);
  await h.controller.stop();
});

test('a replica that does not lead creates and writes nothing; once it leads, it catches up', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  h.leadership.leading = false;
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T01:30:00Z');
  expect(h.jobNames()).toEqual([]);
  expect(h.get('hourly')!.status).toBeUndefined();
  h.leadership.leading = true;
  h.controller.resyncAll();
  await h.advance(1);
  expect(h.jobNames()).toEqual(['hourly-29538780']);
  await h.controller.stop();
});

test('leadership lost in the middle of a sync: the next write is not made', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  // The live read before the create is slow; leadership ends while it is in flight.
  h.api.faults.inject({ verbs: [Verb.GET], kinds: [ResourceKind.SCHEDULED_JOB], fault: FaultKind.SLOW, delayMs: 5000 });
  await h.until('2026-03-01T01:00:01Z');
  h.leadership.leading = false;
  await h.advance(10_000);
  expect(h.jobNames()).toEqual([]);
  expect(h.observer.syncs).toContain(SyncResult.NOT_LEADER);
  await h.controller.stop();
});

test('a run-now request the cache has not seen is found by the live read before the create', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('report', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T00:59:00Z');
  // The controller's watches break and stay broken: its cache will not hear of the request.
  h.api.faults.inject({
    verbs: [Verb.WATCH],
    clients: ['controller'],
    fault: FaultKind.SERVER_ERROR,
    until: at('2026-03-02T00:00:00Z'),
  });
  h.api.dropWatches();
  const fresh = h.get('report')!;
  await h.admin.update(ResourceKind.SCHEDULED_JOB, {
    ...fresh,
    spec: { ...fresh.spec, runNowAt: '2026-03-01T00:59:30Z' },
  });
  await h.until('2026-03-01T01:00:01Z');
  // The sync due at 01:00 planned from the stale copy, read the object before creating, and planned again.
  expect(h.jobNames()).toEqual(['report-29538780', runNowJobName('report', at('2026-03-01T00:59:30Z'))].sort());
  expect(h.get('report')!.status).toMatchObject({
    lastRunNowAt: '2026-03-01T00:59:30Z',
    lastScheduleTime: '2026-03-01T01:00:00Z',
    activeCount: 2,
  });
  await h.controller.stop();
});

test("a status write that conflicts is merged into the fresh object: the plan's fields win, others are kept", async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *', pauseAfterFailures: 5 }));
  await h.until('2026-03-01T00:30:00Z');
  // A person sets a status field the plan does not change in the next sync...
  const before = h.get('hourly')!;
  await h.admin.updateStatus(ResourceKind.SCHEDULED_JOB, {
    ...before,
    status: { ...before.status, consecutiveFailures: 0, lastSuccessfulTime: '2026-02-28T00:00:00Z' },
  });
  // ...and the controller's next status write hits a conflict (its cache has not seen that change yet).
  h.api.faults.inject({ verbs: [Verb.UPDATE_STATUS], kinds: [ResourceKind.SCHEDULED_JOB], fault: FaultKind.CONFLICT });
  await h.until('2026-03-01T01:00:01Z');
  expect(h.get('hourly')!.status).toMatchObject({
    active: [{ name: 'hourly-29538780' }],
    lastScheduleTime: '2026-03-01T01:00:00Z',
    lastSuccessfulTime: '2026-02-28T00:00:00Z',
    consecutiveFailures: 0,
  });
  await h.controller.stop();
});

test('stop() lets the sync in progress finish, then hands out nothing more', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  h.api.faults.inject({ verbs: [Verb.CREATE], kinds: [ResourceKind.JOB], fault: FaultKind.SLOW, delayMs: 3000 });
  await h.until('2026-03-01T01:00:01Z');
  let stopped = false;
  const stopping = h.controller.stop().then(() => (stopped = true));
  await h.advance(1000);
  expect(stopped).toBe(false);
  await h.advance(3000);
  await stopping;
  expect(h.get('hourly')!.status).toMatchObject({ active: [{ name: 'hourly-29538780' }] });
  await h.until('2026-03-01T03:00:01Z');
  expect(h.jobNames()).toEqual(['hourly-29538780']);
});

test('the periodic resync looks at every object again', async () => {
  const h = new Harness({ resyncMs: 60_000 });
  await started(h, scheduledJob('a', { schedule: '0 0 1 1 *' }), scheduledJob('b', { schedule: '0 0 1 1 *' }));
  const before = h.observer.syncs.length;
  await h.advance(180_000);
  expect(h.observer.syncs.length - before).toBe(6);
  await h.controller.stop();
});

test("only Jobs this object controls (by uid) are its Jobs: a foreign Job with the run's name is not adopted", async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  const foreign: JobObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'hourly-29538780', namespace: NAMESPACE },
    spec: { template: { spec: { containers: [{ name: 'x', image: 'x' }] } } },
  };
  await h.admin.create(ResourceKind.JOB, foreign);
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await h.until('2026-03-01T01:00:01Z');
  expect(h.get('hourly')!.status).toMatchObject({ activeCount: 0 });
  expect(h.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE }).map((e) => e.reason)).toContain('JobNameTaken');
  await h.controller.stop();
});

test('the start of the week is where the clock starts', () => expect(START).toBe(at('2026-03-01T00:00:00Z')));

test('the Job events of its own creates and deletes, and Job progress updates, cause no extra sync; a finished Job does', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *', successfulJobsHistoryLimit: 0 }));
  const syncsAt = () => h.observer.syncs.length;
  await h.until('2026-03-01T00:59:00Z');
  const before = syncsAt();
  await h.until('2026-03-01T01:00:01Z');
  expect(syncsAt() - before).toBe(1);
  // The Job controller reports a pod running: nothing the plan reads changed.
  const job = h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!;
  await h.admin.updateStatus(ResourceKind.JOB, { ...job, status: { active: 1, startTime: '2026-03-01T01:00:00Z' } });
  await h.advance(1000);
  expect(syncsAt() - before).toBe(2);
  const running = h.api.object(ResourceKind.JOB, NAMESPACE, 'hourly-29538780')!;
  await h.admin.updateStatus(ResourceKind.JOB, { ...running, status: { ...running.status, active: 2 } });
  await h.advance(1000);
  expect(syncsAt() - before).toBe(2);
  // It finishes: one sync, which deletes it (history limit 0) without another sync for the deletion.
  await h.finish('hourly-29538780', true);
  await h.advance(1000);
  expect(syncsAt() - before).toBe(3);
  expect(h.jobNames()).toEqual([]);
  // A Job deleted by someone else is noticed.
  await h.until('2026-03-01T02:00:01Z');
  await h.admin.delete(ResourceKind.JOB, NAMESPACE, 'hourly-29538840');
  const beforeDelete = syncsAt();
  await h.advance(1000);
  expect(syncsAt() - beforeDelete).toBe(1);
  expect(h.get('hourly')!.status).toMatchObject({ activeCount: 0 });
  await h.controller.stop();
});

test('a create the API refuses for good (forbidden) is retried and reported with a FailedCreate Warning; a flaky one is not reported', async () => {
  const h = new Harness({ resyncMs: 86_400_000 });
  await started(h, scheduledJob('hourly', { schedule: '0 * * * *' }));
  h.api.faults.inject({ verbs: [Verb.CREATE], kinds: [ResourceKind.JOB], fault: FaultKind.SERVER_ERROR });
  await h.until('2026-03-01T01:00:01Z');
  expect(h.jobNames()).toEqual(['hourly-29538780']);
  const reasons = () => h.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE }).map((e) => e.reason);
  expect(reasons()).not.toContain('FailedCreate');
  await h.controller.stop();

  const forbidden = new Harness({ resyncMs: 86_400_000 });
  // RBAC without `create` on jobs: every Job create answers 403.
  const client = forbidden.api.client('controller');
  const denied = new ClusterError(ClusterErrorReason.FORBIDDEN, 403, 'jobs.batch is forbidden');
  const refusing: ClusterClient = new Proxy(client, {
    get: (target, property: keyof ClusterClient) =>
      property === 'create'
        ? (kind: ResourceKind, object: JobObject) =>
            kind === ResourceKind.JOB ? Promise.reject(denied) : target.create(kind, object)
        : target[property].bind(target),
  });
  forbidden.controller = forbidden.newController({ client: refusing });
  await started(forbidden, scheduledJob('hourly', { schedule: '0 * * * *' }));
  await forbidden.until('2026-03-01T01:00:01Z');
  expect(forbidden.jobNames()).toEqual([]);
  expect(
    forbidden.api.objects(ResourceKind.EVENT, { namespace: NAMESPACE }).find((e) => e.reason === 'FailedCreate'),
  ).toMatchObject({ type: 'Warning', note: 'jobs.batch is forbidden' });
  expect(forbidden.observer.syncs.filter((r) => r === SyncResult.ERROR).length).toBeGreaterThan(1);
  await forbidden.controller.stop();
});

test('a lasting cause is one Event, not one per sync: UnexpectedJob once per Job, renewed after the Event TTL (issue 15)', async () => {
  const h = new Harness({ resyncMs: 60_000 });
  const created = await h.create(scheduledJob('hourly', { schedule: '0 * * * *' }));
  // Running Jobs this object controls but never listed (made by hand, without the run-record finalizer).
  await h.admin.create(ResourceKind.JOB, ownedJob(created, 'by-hand-a'));
  await h.admin.create(ResourceKind.JOB, ownedJob(created, 'by-hand-b'));
  h.controller.start();
  await h.advance(0);
  const unexpected = () =>
    h.api
      .objects(ResourceKind.EVENT, { namespace: NAMESPACE })
      .filter((e) => e.reason === 'UnexpectedJob')
      .map((e) => e.related?.name)
      .sort();
  await h.until('2026-03-01T00:30:00Z');
  expect(h.observer.syncs.length).toBeGreaterThan(25);
  expect(unexpected()).toEqual(['by-hand-a', 'by-hand-b']);
  // The first two expired with the API server's one-hour TTL; the cause lasts, so it is renewed.
  await h.until('2026-03-01T01:00:30Z');
  expect(unexpected()).toEqual(['by-hand-a', 'by-hand-b']);
  const renewed = h.api
    .objects(ResourceKind.EVENT, { namespace: NAMESPACE })
    .filter((e) => e.reason === 'UnexpectedJob' && Date.parse(e.eventTime!) >= at('2026-03-01T01:00:00Z'));
  expect(renewed).toHaveLength(2);
  await h.controller.stop();
});
