/**
 * The reconciler's acceptance soak test (issue 5, item 7): 1,000 ScheduledJobs over a simulated
 * week on the API server double, with two replicas electing a leader, 10% of their API requests
 * failing (500s, 409s, timeouts that did and did not apply), watches dropping and history
 * compacted, a replica killed right after a Job create reached storage (before its status write)
 * and restarted, the same with the Job finished and deleted before any replica recorded it, a graceful handover and a network partition of the leader; a fake Job runner
 * completes the Jobs (successes and failures). Every created Job is compared with an expectation
 * computed independently of the plan (support/expectation.ts says exactly what counts as missed).
 *
 * Idle time is skipped: the simulated clock jumps from one sleeper's wake-up to the next.
 */
import { PropagationPolicy, ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind } from '../support/api-server-double/faults';
import { ClusterError } from '../../src/cluster/errors';
import { runNowJobName } from 'cdk8s-batch/lib/src/reconciler/plan/job-names';
import {
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { controllerSchedule } from 'cdk8s-batch/lib/src/schedule/controller-schedule';
import { actingLeader, classify, fireTimes, lateRuns, overlapViolations } from './support/expectation';
import { buildFleet, FleetMember } from './support/fleet';
import { JobLife, JobRunner } from './support/job-runner';
import { Fleet } from './support/replicas';

const NAMESPACE = 'batch';
const WEEK_START = Date.parse('2026-10-28T00:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;
const WEEK_END = WEEK_START + 7 * DAY;
/** The schedule mix: the job count (1,000) and the week are fixed; the mix sets the run count, and so the runtime. */
const MIX = { everyMinute: 1, everyFiveMinutes: 6, hourly: 100, total: 1000 };
const TEMPLATE = {
  metadata: { labels: { app: 'soak' } },
  spec: {
    backoffLimit: 0,
    template: {
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] },
    },
  },
};
const REPLICAS = ['replica-a', 'replica-b'];
/** Connection names of every incarnation the scenario may start: the fault rates target them. */
const REPLICA_CLIENTS = REPLICAS.flatMap((r) => [1, 2, 3, 4].map((n) => `${r}-${n}`));

interface Outcome {
  readonly runtimeMs: number;
  readonly lives: readonly JobLife[];
  readonly fleet: Fleet;
  readonly members: readonly FleetMember[];
  readonly injected: { readonly [fault: string]: number };
  readonly requests: { readonly [verb: string]: number };
  readonly crashedWith?: string;
  /** The Job created by a replica killed right after, then finished and deleted before its run was recorded. */
  readonly deletedUnrecorded?: string;
  /** Whether that deletion waited (the run-record finalizer) instead of removing the Job at once. */
  readonly heldFromDeletion: boolean;
  /** Jobs still waiting to be deleted when the week is over. */
  readonly leftBeingDeleted: readonly string[];
  readonly runNow: ReadonlyMap<string, number>;
  readonly backfill: { readonly from: number; readonly to: number };
  readonly statuses: ReadonlyMap<string, ScheduledJobObject>;
}

async function soak(): Promise<Outcome> {
  const began = Date.now();
  const clock = new SimulatedClock(WEEK_START);
  const api = new ApiServerDouble({ clock, seed: 20261028 });
  const admin = api.client('admin');
  const members = buildFleet(MIX);
  const byName = new Map(members.map((m) => [m.name, m]));
  for (const member of members) {
    const object: ScheduledJobObject = {
      apiVersion: SCHEDULED_JOB_API_VERSION,
      kind: SCHEDULED_JOB_KIND,
      metadata: { name: member.name, namespace: NAMESPACE },
      spec: { ...member.spec, jobTemplate: TEMPLATE },
    };
    await admin.create(ResourceKind.SCHEDULED_JOB, object);
  }
  const runner = new JobRunner(api, clock, NAMESPACE, byName);
  runner.start();
  api.faults.setRates({
    clients: REPLICA_CLIENTS,
    serverError: 0.04,
    conflict: 0.02,
    timeoutNotApplied: 0.02,
    timeoutApplied: 0.02,
    watchDrop: 0.0005,
  });
  const fleet = new Fleet(
    api,
    clock,
    {
      namespace: NAMESPACE,
      election: { leaseDurationMs: 120_000, renewDeadlineMs: 90_000, retryPeriodMs: 10_000 },
      resyncMs: 6 * 3_600_000,
    },
    REPLICA_CLIENTS,
  );
  for (const identity of REPLICAS) fleet.start(identity);

  const at = (iso: string) => clock.advanceTo(Date.parse(iso));
  const changeSpec = async (name: string, change: (spec: Record<string, unknown>) => Record<string, unknown>) => {
    for (;;) {
      const current = api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, name)!;
      try {
        return await admin.update(ResourceKind.SCHEDULED_JOB, { ...current, spec: change({ ...current.spec }) });
      } catch (error) {
        if (!(error instanceof ClusterError)) throw error;
      }
    }
  };

  // Day 1: run-now requests and a backfill of the day before the objects existed.
  const runNow = new Map<string, number>();
  await at('2026-10-29T12:00:00Z');
  for (const name of ['run-now-0', 'run-now-1', 'run-now-2']) {
    runNow.set(name, clock.now());
    await changeSpec(name, (spec) => ({ ...spec, runNowAt: new Date(clock.now()).toISOString() }));
  }
  const backfill = { from: WEEK_START - DAY, to: WEEK_START - 12 * 3_600_000 };
  await at('2026-10-29T18:00:00Z');
  for (const name of ['backfill-0', 'backfill-1']) {
    await changeSpec(name, (spec) => ({
      ...spec,
      backfill: { from: new Date(backfill.from).toISOString(), to: new Date(backfill.to).toISOString() },
    }));
  }

  // Day 2: the leader dies right after a Job create reached storage, before its status write; it restarts two minutes later.
  await at('2026-10-30T10:59:59Z');
  const doomed = fleet.leader()!;
  const before = fleet.creates.length;
  doomed.crashAfterNextCreate();
  await at('2026-10-30T11:00:01Z');
  const crashedWith = doomed.dead ? fleet.creates[before]?.job : undefined;
  await at('2026-10-30T11:02:00Z');
  fleet.start(doomed.identity);

  // Day 3: a graceful handover (SIGTERM to the leader), restarted a minute later.
  await at('2026-10-31T14:07:30Z');
  const leaving = fleet.leader()!;
  await leaving.stopGracefully();
  await at('2026-10-31T14:08:30Z');
  fleet.start(leaving.identity);

  // Day 4 (after the US fall-back): the leader is cut off from the API server for three minutes.
  await at('2026-11-01T15:00:20Z');
  const cutOff = fleet.leader()!;
  fleet.endTerm(cutOff.clientName, clock.now());
  api.faults.inject({
    clients: [cutOff.clientName],
    fault: FaultKind.TIMEOUT_NOT_APPLIED,
    until: clock.now() + 3 * MINUTE,
  });

  // Day 5: every watch drops and the history they would resume from is compacted away (re-lists).
  await at('2026-11-02T06:00:30Z');
  api.compact();
  api.dropWatches();

  // Day 6: the leader dies right after a Job create reached storage; the Job then finishes and is
  // deleted (TTL after finished, a cleanup) before any replica has recorded its run.
  await at('2026-11-03T07:59:59Z');
  const killed = fleet.leader()!;
  const createsBefore = fleet.creates.length;
  killed.crashAfterNextCreate();
  await at('2026-11-03T08:00:01Z');
  const deletedUnrecorded = killed.dead ? fleet.creates[createsBefore]?.job : undefined;
  let heldFromDeletion = false;
  if (deletedUnrecorded !== undefined) {
    const finished = () =>
      (api.object(ResourceKind.JOB, NAMESPACE, deletedUnrecorded)?.status?.conditions ?? []).some(
        (c) => c.status === 'True',
      );
    for (let i = 0; i < 6 && !finished(); i++) await clock.advance(10_000);
    await admin.delete(ResourceKind.JOB, NAMESPACE, deletedUnrecorded, {
      propagationPolicy: PropagationPolicy.BACKGROUND,
    });
    heldFromDeletion =
      api.object(ResourceKind.JOB, NAMESPACE, deletedUnrecorded)?.metadata.deletionTimestamp !== undefined;
  }
  await at('2026-11-03T08:05:00Z');
  fleet.start(killed.identity);

  await clock.advanceTo(WEEK_END);
  // The week is over: shut down without faults, so the replicas' hand-back of the Lease is certain.
  api.faults.clear();
  await fleet.stopAll();
  runner.stop();

  const leftBeingDeleted = api
    .objects(ResourceKind.JOB, { namespace: NAMESPACE })
    .filter((job) => job.metadata.deletionTimestamp !== undefined)
    .map((job) => job.metadata.name!);
  const statuses = new Map(
    api.objects(ResourceKind.SCHEDULED_JOB, { namespace: NAMESPACE }).map((o) => [o.metadata.name!, o]),
  );
  return {
    runtimeMs: Date.now() - began,
    lives: runner.lives,
    fleet,
    members,
    injected: api.faults.injected(),
    requests: api.requests(),
    crashedWith,
    deletedUnrecorded,
    heldFromDeletion,
    leftBeingDeleted,
    runNow,
    backfill,
    statuses,
  };
}

let outcome: Outcome;

beforeAll(async () => {
  outcome = await soak();
}, 600_000);

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

const group = <T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

test('it ran a week of 1,000 ScheduledJobs with faults, quickly enough for CI', () => {
  const { runtimeMs, lives, injected, requests, fleet } = outcome;
  const failures = Object.entries(injected)
    .filter(([k]) => k !== 'watchDrop')
    .reduce((n, [, v]) => n + v, 0);
  const replicaRequests = Object.values(requests).reduce((n, v) => n + v, 0);
  process.stdout.write(
    [
      `soak: ${outcome.members.length} ScheduledJobs, simulated ${(WEEK_END - WEEK_START) / DAY} days in ${(runtimeMs / 1000).toFixed(1)} s of wall time`,
      `  Jobs created ${lives.length}; requests ${replicaRequests} (all clients); injected faults ${JSON.stringify(injected)}`,
      `  leadership terms ${fleet.terms.length}; incarnations ${fleet.clientNames.join(', ')}; crash mid-create on ${outcome.crashedWith}; crash, then deleted unrecorded: ${outcome.deletedUnrecorded}`,
      '',
    ].join('\n'),
  );
  expect(outcome.members).toHaveLength(1000);
  expect(lives.length).toBeGreaterThan(40_000);
  // About 10% of the replicas' requests failed.
  expect(failures).toBeGreaterThan(10_000);
  expect(injected.watchDrop).toBeGreaterThan(10);
  expect(runtimeMs).toBeLessThan(240_000);
});

test('no Job name and no scheduled time was created twice', () => {
  const names = group(outcome.lives, (l) => l.name);
  expect([...names.entries()].filter(([, l]) => l.length > 1).map(([n]) => n)).toEqual([]);
  const times = group(outcome.lives, (l) => `${l.scheduledJob}@${l.scheduledTime}`);
  expect([...times.entries()].filter(([, l]) => l.length > 1).map(([k]) => k)).toEqual([]);
});

test('only the replica holding the Lease ever sent a Job create; the scenario really failed over', () => {
  const { fleet } = outcome;
  expect(fleet.creates.filter((c) => c.leaseHolder !== c.identity)).toEqual([]);
  const leaders = new Set(fleet.terms.map((t) => t.incarnation));
  expect(leaders.size).toBeGreaterThanOrEqual(3);
  expect(new Set([...leaders].map((i) => i.replace(/-\d+$/, '')))).toEqual(new Set(REPLICAS));
});

test('the replica killed between a create and its status write left one Job, adopted by its successor', () => {
  const job = outcome.crashedWith!;
  expect(job).toBeDefined();
  expect(outcome.lives.filter((l) => l.name === job)).toHaveLength(1);
  const sj = outcome.lives.find((l) => l.name === job)!.scheduledJob;
  const status = outcome.statuses.get(sj)!.status as { lastScheduleTime?: string };
  expect(Date.parse(status.lastScheduleTime!)).toBeGreaterThanOrEqual(
    outcome.lives.find((l) => l.name === job)!.scheduledTime,
  );
});

test('the replica killed after a create whose Job then finished and was deleted unrecorded: recorded once, never run again (issue 15, finding 4)', () => {
  const job = outcome.deletedUnrecorded!;
  expect(job).toBeDefined();
  expect(outcome.heldFromDeletion).toBe(true);
  const lives = outcome.lives.filter((l) => l.name === job);
  expect(lives).toHaveLength(1);
  const [life] = lives;
  // Nothing else ran for that scheduled time, under any name.
  expect(
    outcome.lives.filter((l) => l.scheduledJob === life.scheduledJob && l.scheduledTime === life.scheduledTime),
  ).toHaveLength(1);
  const status = outcome.statuses.get(life.scheduledJob)!.status as { lastScheduleTime?: string };
  expect(Date.parse(status.lastScheduleTime!)).toBeGreaterThanOrEqual(life.scheduledTime);
});

test('no Job is left waiting for the run-record finalizer: every deletion went through', () => {
  expect(outcome.leftBeingDeleted).toEqual([]);
});

test('every scheduled run is at a fire time of its schedule, never early; none missed within its catch-up window; none forbidden', () => {
  const { members, lives, fleet } = outcome;
  const jobsOf = group(lives, (l) => l.scheduledJob);
  const problems: string[] = [];
  let required = 0;
  let optional = 0;
  let created = 0;
  const leader = actingLeader(fleet.terms);
  for (const member of members) {
    if (member.name === 'pause-3' || member.name === 'suspended') continue;
    const jobs = jobsOf.get(member.name) ?? [];
    const scheduled = jobs.filter((j) => j.runKind === 'Scheduled' || j.runKind === 'Queued');
    const times = fireTimes(member, WEEK_START, WEEK_END);
    const valid = new Set(times);
    for (const job of scheduled) {
      if (!valid.has(job.scheduledTime))
        problems.push(`${job.name}: ${new Date(job.scheduledTime).toISOString()} is not a run time of ${member.name}`);
      if (job.createdAt < job.scheduledTime) problems.push(`${job.name}: created before its time`);
    }
    const verdicts = classify(member, times, jobs, leader, WEEK_END);
    const ran = new Set(scheduled.map((j) => j.scheduledTime));
    for (const t of verdicts.required)
      if (!ran.has(t)) problems.push(`${member.name}: MISSED ${new Date(t).toISOString()}`);
    for (const t of verdicts.forbidden)
      if (ran.has(t)) problems.push(`${member.name}: ran ${new Date(t).toISOString()} while another run held it back`);
    problems.push(...overlapViolations(member, jobs), ...lateRuns(member, jobs));
    required += verdicts.required.length;
    optional += verdicts.optional.length;
    created += scheduled.length;
  }
  process.stdout.write(
    `soak: ${required} runs required, ${optional} optional (outages, overlap, end of week); ${created} scheduled runs created\n`,
  );
  expect(problems.slice(0, 20)).toEqual([]);
  expect(required).toBeGreaterThan(40_000);
});

test('the extensions did what they say over the week', () => {
  const jobsOf = group(outcome.lives, (l) => l.scheduledJob);
  const times = (name: string) =>
    (jobsOf.get(name) ?? []).filter((j) => j.runKind === 'Scheduled').map((j) => j.scheduledTime);
  // Three failures in a row pause the schedule: exactly three runs, then a Paused condition.
  expect(jobsOf.get('pause-3')).toHaveLength(3);
  expect(
    (outcome.statuses.get('pause-3')!.status as { conditions: { type: string; status: string }[] }).conditions,
  ).toContainEqual(expect.objectContaining({ type: 'Paused', status: 'True' }));
  expect(jobsOf.get('suspended')).toBeUndefined();
  // Jitter delays within its bound; exclusions and dstPolicy Once drop what they should (checked above against independent fire times).
  for (const job of jobsOf.get('jitter-a')!)
    expect(job.createdAt - job.scheduledTime).toBeLessThanOrEqual(120_000 + 45_000);
  expect(
    new Set((jobsOf.get('jitter-b') ?? []).map((j) => Math.round((j.createdAt - j.scheduledTime) / 60_000))).size,
  ).toBeGreaterThan(3);
  // The fall-back night: Kubernetes policy runs 01:30 New York twice, Once runs it once.
  const nightOf = (name: string) =>
    times(name).filter((t) => t >= Date.parse('2026-11-01T05:00:00Z') && t < Date.parse('2026-11-01T07:00:00Z'));
  expect(nightOf('dst-once-a').map(iso)).toEqual(['2026-11-01T05:30:00Z']);
  expect(nightOf('dst-kubernetes').map(iso)).toEqual(['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']);
});

test('each run-now request started exactly one run; each backfill replayed its range exactly once', () => {
  const jobsOf = group(outcome.lives, (l) => l.scheduledJob);
  for (const [name, requestedAt] of outcome.runNow) {
    const runs = (jobsOf.get(name) ?? []).filter((j) => j.runKind === 'RunNow');
    expect(runs.map((j) => j.name)).toEqual([runNowJobName(name, requestedAt)]);
  }
  const parsed = controllerSchedule('0 * * * *');
  if (parsed.error !== undefined) throw new Error(parsed.error);
  const hourly = parsed.schedule;
  const expected: number[] = [];
  for (let t = hourly.next(outcome.backfill.from - 1); t !== null && t <= outcome.backfill.to; t = hourly.next(t))
    expected.push(t);
  expect(expected).toHaveLength(13);
  for (const name of ['backfill-0', 'backfill-1']) {
    const runs = (jobsOf.get(name) ?? [])
      .filter((j) => j.runKind === 'Backfill')
      .map((j) => j.scheduledTime)
      .sort((a, b) => a - b);
    expect(runs).toEqual(expected);
    // (status.backfill.created counts the runs the plan started; a create that timed out after it
    // applied is adopted on the next sync and counted as an existing Job instead.)
    expect((outcome.statuses.get(name)!.status as { backfill?: { complete: boolean } }).backfill).toMatchObject({
      complete: true,
    });
  }
});

test('the Lease is free at the end: the last replicas released it on shutdown', () => {
  expect(outcome.fleet.leaseHolder()).toBe('');
});
