/**
 * Issue 15, finding 4: a sync that stops between a Job's create and its status write must not
 * lead to the same run starting twice, nor to a run being missed. Every Job is created holding the
 * run-record finalizer; a sync that observes such a Job not on record records its run (instead of
 * starting it again) and releases the finalizer once its status is stored. One table, one sync
 * decision per row.
 */
import { HeldRun, JobPhase, ObservedJob, RunKind, SkipReason } from '../../../src/reconciler/plan/types';
import { runNowJobName, scheduledJobName } from '../../../src/reconciler/plan/job-names';
import { ScheduledJobObject } from '../../../src/reconciler/resource/objects';
import { decideSync } from '../../../src/reconciler/sync/sync-decision';

const TEMPLATE = {
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
};
const at = (iso: string) => Date.parse(iso);
const T10 = at('2026-03-01T10:00:00Z');
const T11 = at('2026-03-01T11:00:00Z');
const RUN_NOW = at('2026-03-01T10:01:00Z');
const job10 = scheduledJobName('report', T10);
const job11 = scheduledJobName('report', T11);
const runNowJob = runNowJobName('report', RUN_NOW);

function held(name: string, phase: JobPhase, run: HeldRun): ObservedJob {
  return phase === JobPhase.RUNNING
    ? { name, phase, startTime: T10, heldRun: run }
    : { name, phase, startTime: T10, finishedAt: T10 + 60_000, heldRun: run };
}
const scheduled10 = (phase: JobPhase) => held(job10, phase, { kind: RunKind.SCHEDULED, scheduledTime: T10 });

interface Row {
  readonly name: string;
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
  readonly jobs: readonly ObservedJob[];
  readonly now: number;
  /** The Job the sync creates, if any. */
  readonly creates?: string;
  readonly skipReason?: SkipReason;
  /** Status fields after the sync (a subset). */
  readonly statusAfter: Record<string, unknown>;
  /** Jobs whose finalizer comes off once that status is stored. */
  readonly release: readonly string[];
  readonly events: readonly string[];
}

const ROWS: Row[] = [
  {
    name: 'crash after the create; the Job finished and is being deleted (TTL): its run is recorded, not started again',
    jobs: [scheduled10(JobPhase.SUCCEEDED)],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: undefined },
    release: [job10],
    events: ['RecordedRun', 'SawCompletedJob'],
  },
  {
    name: 'crash after the create; the Job still runs: recorded and active, not an UnexpectedJob',
    jobs: [scheduled10(JobPhase.RUNNING)],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: ['RecordedRun'],
  },
  {
    name: 'crash after the create, the next run due by the time anyone looks: the held run recorded, the next one started',
    jobs: [scheduled10(JobPhase.SUCCEEDED)],
    now: T11 + 100,
    creates: job11,
    statusAfter: { lastScheduleTime: '2026-03-01T11:00:00Z', active: [{ name: job11 }] },
    release: [job10, job11],
    events: ['RecordedRun', 'SawCompletedJob', 'SuccessfulCreate'],
  },
  {
    name: 'overlap Skip: the held run, still going, holds the next run back (it is really active)',
    spec: { overlapPolicy: 'Skip' },
    jobs: [scheduled10(JobPhase.RUNNING)],
    now: T11 + 100,
    skipReason: SkipReason.FORBID_CONCURRENT,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: ['RecordedRun', 'JobAlreadyActive'],
  },
  {
    name: 'the usual case: the Job is listed in status: released, nothing recorded twice',
    status: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    jobs: [scheduled10(JobPhase.RUNNING)],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: [],
  },
  {
    name: 'crash after the status write, before the release: released, no second SawCompletedJob',
    status: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    jobs: [scheduled10(JobPhase.FAILED)],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: undefined },
    release: [job10],
    events: [],
  },
  {
    name: 'a run-now Job not on record: lastRunNowAt records it, the request is not run again',
    spec: { runNowAt: '2026-03-01T10:01:00Z' },
    status: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    jobs: [held(runNowJob, JobPhase.SUCCEEDED, { kind: RunKind.RUN_NOW, scheduledTime: RUN_NOW })],
    now: T10 + 120_000,
    statusAfter: { lastRunNowAt: '2026-03-01T10:01:00Z', active: undefined },
    release: [runNowJob],
    events: ['RecordedRun', 'SawCompletedJob'],
  },
  {
    name: 'a queued run not on record: it leaves the queue and moves lastScheduleTime',
    spec: { overlapPolicy: 'BufferOne' },
    status: { lastScheduleTime: '2026-03-01T09:00:00Z', queue: ['2026-03-01T10:00:00Z'] },
    jobs: [held(job10, JobPhase.RUNNING, { kind: RunKind.QUEUED, scheduledTime: T10 })],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', queue: [], active: [{ name: job10 }] },
    release: [job10],
    events: ['RecordedRun'],
  },
  {
    name: 'a backfill run not on record: the progress moves past it, it is not replayed again',
    spec: { backfill: { from: '2026-02-28T00:00:00Z', to: '2026-02-28T02:00:00Z' } },
    status: {
      lastScheduleTime: '2026-03-01T10:00:00Z',
      backfill: {
        from: '2026-02-28T00:00:00Z',
        to: '2026-02-28T02:00:00Z',
        through: '2026-02-28T00:00:00Z',
        created: 1,
        complete: false,
        truncated: false,
      },
    },
    jobs: [
      held(scheduledJobName('report', at('2026-02-28T01:00:00Z')), JobPhase.SUCCEEDED, {
        kind: RunKind.BACKFILL,
        scheduledTime: at('2026-02-28T01:00:00Z'),
      }),
    ],
    now: T10 + 120_000,
    creates: scheduledJobName('report', at('2026-02-28T02:00:00Z')),
    statusAfter: { backfill: expect.objectContaining({ through: '2026-02-28T02:00:00Z', created: 3 }) },
    release: [
      scheduledJobName('report', at('2026-02-28T01:00:00Z')),
      scheduledJobName('report', at('2026-02-28T02:00:00Z')),
    ],
    events: ['RecordedRun', 'SawCompletedJob', 'SuccessfulCreate'],
  },
  {
    name: 'suspended since: the run is still recorded and the Job released (a deletion waits one sync at most)',
    spec: { suspend: true },
    jobs: [scheduled10(JobPhase.SUCCEEDED)],
    now: T10 + 120_000,
    skipReason: SkipReason.SUSPENDED,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    release: [job10],
    events: ['RecordedRun', 'SawCompletedJob'],
  },
  {
    name: 'the ScheduledJob is being deleted (foreground): recorded and released, so the garbage collector can finish',
    metadata: { deletionTimestamp: '2026-03-01T10:01:00Z' },
    jobs: [scheduled10(JobPhase.RUNNING)],
    now: T10 + 120_000,
    skipReason: SkipReason.BEING_DELETED,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    release: [job10],
    events: ['RecordedRun'],
  },
  {
    name: 'a spec that cannot be read: nothing planned, but the run is recorded and the Job released',
    spec: { suspend: 'no' },
    jobs: [scheduled10(JobPhase.SUCCEEDED)],
    now: T10 + 120_000,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: ['RecordedRun', 'InvalidSpec'],
  },
  {
    name: 'labels changed by hand (no run to record it by): released, upstream behaviour',
    jobs: [held(job10, JobPhase.SUCCEEDED, {})],
    now: T10 + 120_000,
    creates: job10,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    release: [job10],
    events: ['SuccessfulCreate'],
  },
  {
    name: 'a Job without the finalizer (made before it existed): upstream UnexpectedJob, not adopted; the run is planned (the create finds it)',
    jobs: [{ name: job10, phase: JobPhase.RUNNING, startTime: T10 }],
    now: T10 + 120_000,
    creates: job10,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: ['UnexpectedJob', 'SuccessfulCreate'],
  },
  {
    name: 'a due run: the Job it creates holds the finalizer, released once the status that records it is stored',
    jobs: [],
    now: T10 + 100,
    creates: job10,
    statusAfter: { lastScheduleTime: '2026-03-01T10:00:00Z', active: [{ name: job10 }] },
    release: [job10],
    events: ['SuccessfulCreate'],
  },
];

function object(row: Row): ScheduledJobObject {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: {
      name: 'report',
      namespace: 'batch',
      uid: 'uid-1',
      creationTimestamp: '2026-03-01T00:00:00Z',
      ...row.metadata,
    },
    spec: { schedule: '0 * * * *', jobTemplate: TEMPLATE, ...row.spec },
    status: row.status ?? { lastScheduleTime: '2026-03-01T09:00:00Z' },
  };
}

test.each<[string, Row]>(ROWS.map((row) => [row.name, row]))('%s', (_name, r) => {
  const d = decideSync({ object: object(r), jobs: r.jobs, now: r.now });
  expect(d.job?.metadata.name).toBe(r.creates);
  if (r.creates !== undefined) expect(d.job?.metadata.finalizers).toEqual(['scheduling.cdk8s-batch.io/run-record']);
  if (r.skipReason !== undefined) expect(d.plan?.skipReason).toBe(r.skipReason);
  for (const [field, value] of Object.entries(r.statusAfter))
    expect([field, (d.status as Record<string, unknown>)[field]]).toEqual([field, value]);
  expect(d.release).toEqual(r.release);
  expect(d.events.map((e) => e.reason)).toEqual(r.events);
});

test('a run recorded late is never recorded twice: the sync after the one that recorded it changes nothing', () => {
  const row = ROWS[1];
  const first = decideSync({ object: object(row), jobs: row.jobs, now: row.now });
  const again = decideSync({
    object: object({ ...row, status: first.status as Record<string, unknown> }),
    jobs: row.jobs,
    now: row.now + 1000,
  });
  expect(again.events).toEqual([]);
  expect(again.status.active).toEqual(first.status.active);
  expect(again.status.lastScheduleTime).toBe(first.status.lastScheduleTime);
});
