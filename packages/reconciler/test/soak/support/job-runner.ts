/**
 * The fake Job controller of the soak test, and its record of what really happened. It watches
 * Jobs on a fault-free connection, lets each one run for the time its name dictates, then marks it
 * Complete or Failed, as the Job controller would. Every Job's life (created, finished or deleted)
 * is the ground truth the expectations are checked against.
 */
import { JobObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../../support/simulated-clock';
import { ApiServerDouble } from '../../support/api-server-double/api-server-double';
import { ResourceCache } from '../../../src/cluster/resource-cache';
import { parseRfc3339 } from 'cdk8s-batch/lib/src/schedule/instants';
import {
  RUN_KIND_LABEL,
  SCHEDULED_JOB_NAME_LABEL,
  SCHEDULED_TIMESTAMP_ANNOTATION,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { FleetMember, runOf } from './fleet';

export interface JobLife {
  readonly name: string;
  readonly scheduledJob: string;
  readonly runKind: string;
  readonly scheduledTime: number;
  readonly createdAt: number;
  /** When it stopped running: finished, or deleted while running. Infinity while it runs. */
  endedAt: number;
  result?: 'succeeded' | 'failed' | 'deleted';
}

export class JobRunner {
  /** Every Job ever created, in order of creation (a name twice would be a duplicate create). */
  readonly lives: JobLife[] = [];
  private readonly running = new Map<string, JobLife>();
  private readonly cache: ResourceCache<ResourceKind.JOB>;

  constructor(
    private readonly api: ApiServerDouble,
    private readonly clock: SimulatedClock,
    private readonly namespace: string,
    private readonly members: ReadonlyMap<string, FleetMember>,
  ) {
    const client = api.client('runner');
    this.cache = new ResourceCache({
      client,
      clock,
      kind: ResourceKind.JOB,
      selection: { namespace },
      random: () => 0.5,
      listener: {
        added: (job) => this.started(job),
        deleted: (job) => this.deleted(job),
      },
    });
  }

  start(): void {
    this.cache.start();
  }

  stop(): void {
    this.cache.stop();
  }

  private started(job: JobObject): void {
    const name = job.metadata.name!;
    const scheduledJob = job.metadata.labels?.[SCHEDULED_JOB_NAME_LABEL] ?? '';
    const life: JobLife = {
      name,
      scheduledJob,
      runKind: job.metadata.labels?.[RUN_KIND_LABEL] ?? '',
      scheduledTime: parseRfc3339(job.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION] ?? '') ?? NaN,
      createdAt: this.clock.now(),
      endedAt: Infinity,
    };
    this.lives.push(life);
    this.running.set(name, life);
    const member = this.members.get(scheduledJob);
    if (member === undefined) return;
    const run = runOf(member, name);
    void this.clock.sleep(run.durationMs).then(() => this.finish(life, run.succeeds));
  }

  private async finish(life: JobLife, succeeds: boolean): Promise<void> {
    if (this.running.get(life.name) !== life) return;
    const job = this.api.object(ResourceKind.JOB, this.namespace, life.name);
    if (job === undefined) return;
    const now = this.clock.now();
    const time = new Date(now).toISOString();
    this.running.delete(life.name);
    life.endedAt = now;
    life.result = succeeds ? 'succeeded' : 'failed';
    const conditions = [{ type: succeeds ? 'Complete' : 'Failed', status: 'True', lastTransitionTime: time }];
    const status = {
      startTime: new Date(life.createdAt).toISOString(),
      conditions,
      ...(succeeds ? { succeeded: 1, completionTime: time } : { failed: 1 }),
    };
    await this.api.client('runner').updateStatus(ResourceKind.JOB, { ...job, status });
  }

  private deleted(job: JobObject): void {
    const life = this.running.get(job.metadata.name!);
    if (life === undefined) return;
    this.running.delete(life.name);
    life.endedAt = this.clock.now();
    life.result = 'deleted';
  }
}
