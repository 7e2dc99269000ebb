/**
 * One controller on the API server double and a simulated clock, with helpers to create
 * ScheduledJobs, finish Jobs, and move time on.
 */
import { JobObject, ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../../support/simulated-clock';
import { ApiServerDouble } from '../../support/api-server-double/api-server-double';
import { ScheduledJobController, ControllerOptions } from '../../../src/controller/controller';
import {
  ControllerObserver,
  JobResult,
  LogFields,
  Logger,
  LogLevel,
  SyncResult,
} from '../../../src/controller/observer';
import { RunKind } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import {
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';

export const NAMESPACE = 'batch';
export const START = Date.parse('2026-03-01T00:00:00Z');

export const TEMPLATE = {
  spec: {
    backoffLimit: 1,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
  },
};

export function scheduledJob(name: string, spec: Record<string, unknown>): ScheduledJobObject {
  return {
    apiVersion: SCHEDULED_JOB_API_VERSION,
    kind: SCHEDULED_JOB_KIND,
    metadata: { name, namespace: NAMESPACE },
    spec: { jobTemplate: TEMPLATE, ...spec },
  };
}

/** A running Job that `owner` controls, as someone other than the reconciler would make it (no run-record finalizer). */
export function ownedJob(owner: ScheduledJobObject, name: string): JobObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: NAMESPACE,
      ownerReferences: [
        {
          apiVersion: SCHEDULED_JOB_API_VERSION,
          kind: SCHEDULED_JOB_KIND,
          name: owner.metadata.name!,
          uid: owner.metadata.uid!,
          controller: true,
        },
      ],
    },
    spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
  };
}

/** A settable leadership. */
export class Switch {
  leading = true;
  isLeader(): boolean {
    return this.leading;
  }
}

export class RecordingObserver implements ControllerObserver {
  readonly created: { kind: RunKind; lagSeconds: number }[] = [];
  readonly skipped: string[] = [];
  readonly finished: JobResult[] = [];
  readonly syncs: SyncResult[] = [];
  runCreated(kind: RunKind, lagSeconds: number): void {
    this.created.push({ kind, lagSeconds });
  }
  runSkipped(reason: string): void {
    this.skipped.push(reason);
  }
  jobFinished(result: JobResult): void {
    this.finished.push(result);
  }
  syncFinished(_seconds: number, result: SyncResult): void {
    this.syncs.push(result);
  }
}

export class RecordingLogger implements Logger {
  readonly records: { level: LogLevel; message: string; fields?: LogFields }[] = [];
  log(level: LogLevel, message: string, fields?: LogFields): void {
    this.records.push({ level, message, fields });
  }
}

export class Harness {
  readonly clock = new SimulatedClock(START);
  readonly api: ApiServerDouble;
  readonly admin;
  readonly leadership = new Switch();
  readonly observer = new RecordingObserver();
  readonly logger = new RecordingLogger();
  controller: ScheduledJobController;

  constructor(options: Partial<ControllerOptions> & { seed?: number } = {}) {
    this.api = new ApiServerDouble({ clock: this.clock, seed: options.seed ?? 1 });
    this.admin = this.api.client('admin');
    this.controller = this.newController(options);
  }

  newController(options: Partial<ControllerOptions> = {}): ScheduledJobController {
    return new ScheduledJobController({
      client: this.api.client('controller'),
      clock: this.clock,
      leadership: this.leadership,
      identity: 'replica-a',
      namespace: NAMESPACE,
      random: () => 0.5,
      observer: this.observer,
      logger: this.logger,
      ...options,
    });
  }

  async create(object: ScheduledJobObject): Promise<ScheduledJobObject> {
    return this.admin.create(ResourceKind.SCHEDULED_JOB, object);
  }

  get(name: string): ScheduledJobObject | undefined {
    return this.api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, name);
  }

  jobs(): JobObject[] {
    return this.api.objects(ResourceKind.JOB, { namespace: NAMESPACE });
  }

  jobNames(): string[] {
    return this.jobs()
      .map((j) => j.metadata.name!)
      .sort();
  }

  /** Marks a Job finished (the Job controller's status write). */
  async finish(name: string, succeeded: boolean, at = this.clock.now()): Promise<void> {
    const job = this.api.object(ResourceKind.JOB, NAMESPACE, name)!;
    const time = new Date(at).toISOString().replace('.000Z', 'Z');
    const conditions = [{ type: succeeded ? 'Complete' : 'Failed', status: 'True', lastTransitionTime: time }];
    await this.admin.updateStatus(ResourceKind.JOB, {
      ...job,
      status: {
        startTime: job.metadata.creationTimestamp,
        ...(succeeded ? { completionTime: time, succeeded: 1 } : { failed: 1 }),
        conditions,
      },
    });
  }

  /** Advances to `instant`, waking every sleeper on the way. */
  async until(instant: number | string): Promise<void> {
    await this.clock.advanceTo(typeof instant === 'string' ? Date.parse(instant) : instant);
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
  }
}

/** The cluster commands' dependencies, pointed at the double (the CLI tests' cluster). */
export function doubleDependencies(api: ApiServerDouble, now: number, namespace?: string) {
  const connected: (string | undefined)[] = [];
  return {
    connected,
    connect: (kubeconfigPath: string | undefined) => {
      connected.push(kubeconfigPath);
      if (kubeconfigPath === 'missing.yaml')
        return Promise.reject(new Error("ENOENT: no such file or directory, open 'missing.yaml'\n    at stack"));
      return Promise.resolve({ client: api.client('cli'), namespace });
    },
    now: () => now,
  };
}
