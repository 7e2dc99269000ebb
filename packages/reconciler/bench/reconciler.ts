/**
 * The reconciler's two budgets (issue 5, item 8):
 *
 * 1. Planning 10,000 ScheduledJobs in one pass, on one core (target: at most 50 ms). Measured for
 *    the plan alone (`planSync`), and for the controller's whole decision per object (read the
 *    resource and its Jobs, plan, write the status back) in a resync after every object was synced
 *    once.
 * 2. Memory the controller holds per ScheduledJob beyond the objects themselves (target: at most
 *    1 KiB): caches' maps, the Job index, spec readings and compiled schedules, the work queue.
 *    Measured with `global.gc()` in a child `node --expose-gc` process: heap with the controller
 *    synced over 10,000 objects, minus heap with the same objects and no controller.
 *
 * The objects: eight schedules and zones (no clock change in the month, as most of the year), a
 * quarter of them due, each with a running and a finished Job.
 */
import { spawnSync } from 'child_process';
import {
  ClusterClient,
  DeleteOptions,
  ObjectList,
  WatchEventType,
  WatchHandle,
  WatchHandler,
} from '../src/cluster/client';
import {
  JobObject,
  KubeObject,
  ObjectOf,
  ResourceKind,
  ScheduledJobObject,
} from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../test/support/simulated-clock';
import { ScheduledJobController } from '../src/controller/controller';
import { decideSync } from 'cdk8s-batch/lib/src/reconciler/sync/sync-decision';
import { planSync } from 'cdk8s-batch/lib/src/reconciler/plan/plan';
import { PlanInput } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import { observeJob } from 'cdk8s-batch/lib/src/reconciler/resource/job-observation';
import {
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { readResourceSpec } from 'cdk8s-batch/lib/src/reconciler/resource/spec-conversion';
import { readResourceStatus } from 'cdk8s-batch/lib/src/reconciler/resource/status-conversion';
import { controllerSchedule } from 'cdk8s-batch/lib/src/schedule/controller-schedule';
import { median, printTable, timeMs } from '../../../bench/timing';

const COUNT = 10_000;
const NAMESPACE = 'batch';
const NOW = Date.parse('2026-06-15T10:00:00.1Z');
const SCHEDULES: readonly [string, string | undefined][] = [
  ['0 * * * *', undefined],
  ['*/5 * * * *', undefined],
  ['30 2 * * *', 'America/New_York'],
  ['0 9 * * 1-5', 'Europe/Berlin'],
  ['15 */6 * * *', 'Asia/Kathmandu'],
  ['0 0 1 * *', 'Australia/Sydney'],
  ['*/15 9-17 * * 1-5', 'America/Los_Angeles'],
  ['45 23 * * *', 'Asia/Kolkata'],
];
const TEMPLATE = {
  metadata: { labels: { app: 'report' } },
  spec: {
    backoffLimit: 2,
    activeDeadlineSeconds: 3600,
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'main',
            image: 'registry.example.com/report:1.4.2',
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
          },
        ],
      },
    },
  },
};

interface Dataset {
  readonly scheduledJobs: ScheduledJobObject[];
  readonly jobs: JobObject[];
}

/** The schedule's latest fire time at or before NOW. */
function latestRun(schedule: string, timeZone: string | undefined): number {
  const parsed = controllerSchedule(schedule, timeZone);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  let latest = NaN;
  for (let t = parsed.schedule.next(NOW - 32 * 86_400_000); t !== null && t <= NOW; t = parsed.schedule.next(t))
    latest = t;
  return latest;
}

/** 10,000 ScheduledJobs as the API server would send them, each owning a running and a finished Job; a quarter are due now. */
function dataset(): Dataset {
  const scheduledJobs: ScheduledJobObject[] = [];
  const jobs: JobObject[] = [];
  const latest = SCHEDULES.map(([schedule, timeZone]) => new Date(latestRun(schedule, timeZone)).toISOString());
  for (let i = 0; i < COUNT; i++) {
    const [schedule, timeZone] = SCHEDULES[i % SCHEDULES.length];
    const name = `report-${i}`;
    const uid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const due = i % 4 === 0;
    // Due: last run a month ago; otherwise the latest fire time has run already.
    const last = due ? '2026-05-15T00:00:00Z' : latest[i % SCHEDULES.length];
    const running = `${name}-running`;
    scheduledJobs.push({
      apiVersion: SCHEDULED_JOB_API_VERSION,
      kind: SCHEDULED_JOB_KIND,
      metadata: {
        name,
        namespace: NAMESPACE,
        uid,
        generation: 1,
        resourceVersion: String(i + 1),
        creationTimestamp: '2026-05-01T00:00:00Z',
      },
      spec: {
        schedule,
        ...(timeZone === undefined ? {} : { timeZone }),
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: TEMPLATE,
      },
      status: { active: [{ name: running }], activeCount: 1, lastScheduleTime: last },
    });
    const owner = [
      {
        apiVersion: SCHEDULED_JOB_API_VERSION,
        kind: SCHEDULED_JOB_KIND,
        name,
        uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
    const job = (jobName: string, status: JobObject['status']): JobObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: NAMESPACE,
        uid: `${uid}-${jobName.length}`,
        resourceVersion: String(COUNT + jobs.length + 1),
        ownerReferences: owner,
        labels: { app: 'report' },
      },
      spec: TEMPLATE.spec,
      status,
    });
    jobs.push(job(running, { active: 1, startTime: last }));
    jobs.push(
      job(`${name}-done`, {
        succeeded: 1,
        startTime: '2026-06-14T10:00:00Z',
        completionTime: '2026-06-14T10:05:00Z',
        conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-06-14T10:05:00Z' }],
      }),
    );
  }
  return { scheduledJobs, jobs };
}

/** Median wall time of one pass over every object, after a warm-up pass. */
function pass(fn: () => void): number {
  fn();
  return median(Array.from({ length: 5 }, () => timeMs(fn)));
}

function planningTimes(data: Dataset): { plan: number; decision: number } {
  const jobsOf = new Map<string, JobObject[]>();
  for (const job of data.jobs) {
    const owner = job.metadata.ownerReferences![0].name;
    jobsOf.set(owner, [...(jobsOf.get(owner) ?? []), job]);
  }
  const inputs: PlanInput[] = data.scheduledJobs.map((o) => ({
    name: o.metadata.name!,
    creationTimestamp: Date.parse(o.metadata.creationTimestamp!),
    spec: readResourceSpec(o.spec).spec!,
    status: readResourceStatus(o.status).status,
    jobs: jobsOf.get(o.metadata.name!)!.map(observeJob),
    now: NOW,
  }));
  const plan = pass(() => {
    for (const input of inputs) planSync(input);
  });
  // A resync after every object has been synced once.
  const settled = data.scheduledJobs.map((object) => {
    const owned = jobsOf.get(object.metadata.name!)!;
    const first = decideSync({ object, jobs: owned.map(observeJob), now: NOW });
    const jobs =
      first.job === undefined
        ? owned
        : [...owned, { ...first.job, status: { active: 1, startTime: new Date(NOW).toISOString() } }];
    return { object: { ...object, status: { ...first.status } }, jobs };
  });
  const decision = pass(() => {
    for (const s of settled) decideSync({ object: s.object, jobs: s.jobs.map(observeJob), now: NOW });
  });
  return { plan, decision };
}

/**
 * A cluster that hands out the given objects themselves (no copies) and echoes writes through the
 * watch, so the controller's caches point at exactly the objects the benchmark keeps.
 */
class InMemoryCluster implements ClusterClient {
  private version = 1_000_000;
  private readonly handlers = new Map<ResourceKind, WatchHandler<KubeObject>>();

  constructor(readonly store: Map<ResourceKind, Map<string, KubeObject>>) {}

  list<K extends ResourceKind>(kind: K): Promise<ObjectList<ObjectOf<K>>> {
    return Promise.resolve({
      items: [...(this.store.get(kind)?.values() ?? [])] as ObjectOf<K>[],
      resourceVersion: String(this.version),
    });
  }

  watch<K extends ResourceKind>(kind: K, _options: unknown, handler: WatchHandler<ObjectOf<K>>): WatchHandle {
    this.handlers.set(kind, handler);
    return { stop: () => this.handlers.delete(kind) };
  }

  get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return Promise.resolve(this.store.get(kind)!.get(`${namespace}/${name}`) as ObjectOf<K>);
  }

  create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return Promise.resolve(this.write(kind, object, WatchEventType.ADDED));
  }

  update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return Promise.resolve(this.write(kind, object, WatchEventType.MODIFIED));
  }

  updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return Promise.resolve(this.write(kind, object, WatchEventType.MODIFIED));
  }

  delete(kind: ResourceKind, namespace: string, name: string, _options?: DeleteOptions): Promise<void> {
    const object = this.store.get(kind)?.get(`${namespace}/${name}`);
    this.store.get(kind)?.delete(`${namespace}/${name}`);
    if (object !== undefined) this.handlers.get(kind)?.onEvent({ type: WatchEventType.DELETED, object });
    return Promise.resolve();
  }

  private write<K extends ResourceKind>(kind: K, object: ObjectOf<K>, type: WatchEventType): ObjectOf<K> {
    // Events are neither stored nor watched here: they are not controller state.
    if (kind === ResourceKind.EVENT) return object;
    const stored = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(++this.version) },
    } as ObjectOf<K>;
    this.store.get(kind)!.set(`${stored.metadata.namespace}/${stored.metadata.name}`, stored);
    queueMicrotask(() => this.handlers.get(kind)?.onEvent({ type, object: stored }));
    return stored;
  }
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc!;
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Syncs a controller over the store and measures the heap with it; its references end with the call. */
async function syncedControllerHeap(
  store: Map<ResourceKind, Map<string, KubeObject>>,
): Promise<{ synced: number; withController: number }> {
  const clock = new SimulatedClock(NOW);
  const controller = new ScheduledJobController({
    client: new InMemoryCluster(store),
    clock,
    leadership: { isLeader: () => true },
    identity: 'bench',
    namespace: NAMESPACE,
    resyncMs: 86_400_000,
  });
  controller.start();
  for (let settled = 0; settled < 3;) {
    await clock.advance(0);
    settled = controller.ready && controller.queueDepth === 0 ? settled + 1 : 0;
  }
  const synced = store.get(ResourceKind.JOB)!.size;
  const withController = heapAfterGc();
  await controller.stop();
  return { synced, withController };
}

/** Runs in the child: synced controller over the objects, then the same objects alone. Prints JSON. */
async function measureMemory(): Promise<void> {
  const data = dataset();
  const store = new Map<ResourceKind, Map<string, KubeObject>>([
    [ResourceKind.SCHEDULED_JOB, new Map(data.scheduledJobs.map((o) => [`${NAMESPACE}/${o.metadata.name}`, o]))],
    [ResourceKind.JOB, new Map(data.jobs.map((o) => [`${NAMESPACE}/${o.metadata.name}`, o]))],
  ]);
  const { synced, withController } = await syncedControllerHeap(store);
  const objectsAlone = heapAfterGc();
  process.stdout.write(
    JSON.stringify({
      withController,
      objectsAlone,
      scheduledJobs: store.get(ResourceKind.SCHEDULED_JOB)!.size,
      jobs: synced,
      created: synced - data.jobs.length,
    }) + '\n',
  );
}

export function runReconcilerBenchmark(): void {
  console.log(
    `\n## Reconciler: plan ${COUNT.toLocaleString('en')} ScheduledJobs in one pass; controller memory per ScheduledJob\n`,
  );
  const times = planningTimes(dataset());
  const child = spawnSync(
    process.execPath,
    [
      ...(__filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : []),
      '--expose-gc',
      __filename,
      '--measure-memory',
    ],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`memory measurement failed: ${child.stderr}`);
  const memory = JSON.parse(child.stdout.trim().split('\n').pop()!);
  const perObject = (memory.withController - memory.objectsAlone) / memory.scheduledJobs;
  printTable(
    ['measure', 'result', 'target'],
    [
      ['planSync, one pass', `${times.plan.toFixed(1)} ms`, '<= 50 ms'],
      ['resync decision (read, plan, status), one pass', `${times.decision.toFixed(1)} ms`, ''],
      ['controller memory per ScheduledJob', `${(perObject / 1024).toFixed(2)} KiB`, '<= 1 KiB'],
    ],
  );
  console.log(
    `\n(${memory.scheduledJobs} ScheduledJobs and ${memory.jobs} Jobs, ${memory.created} of them created during the sync; heap ${(memory.withController / 2 ** 20).toFixed(1)} MiB with the synced controller, ${(memory.objectsAlone / 2 ** 20).toFixed(1)} MiB for the objects alone)`,
  );
}

if (require.main === module) {
  const failed = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  };
  if (process.argv.includes('--measure-memory')) measureMemory().catch(failed);
  else {
    try {
      runReconcilerBenchmark();
    } catch (error: unknown) {
      failed(error);
    }
  }
}
