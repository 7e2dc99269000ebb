/**
 * The two reconciler replicas of the soak test, each a controller and a leader elector on its own
 * connection, restartable: a restart is a new incarnation (new connection, new caches) under the
 * same identity, as a restarted pod would be. Every incarnation's Job creates are logged with the
 * Lease holder at that instant, and leadership terms are recorded as the harness saw them.
 */
import {
  ClusterClient,
  DeleteOptions,
  ObjectList,
  Selection,
  WatchHandle,
  WatchHandler,
  WatchOptions,
} from '../../../src/cluster/client';
import { ObjectOf, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../../support/simulated-clock';
import { ApiServerDouble } from '../../support/api-server-double/api-server-double';
import { ScheduledJobController } from '../../../src/controller/controller';
import { Logger } from '../../../src/controller/observer';
import { LeaderElectionSettings } from '../../../src/leader/election-settings';
import { LeaderElector } from '../../../src/leader/leader-elector';
import { CrashableClient } from '../../controller/support/crashable-client';

export const LEASE_NAMESPACE = 'cdk8s-batch-system';
export const LEASE_NAME = 'cdk8s-batch-reconciler';

/** One Job create request: who sent it, and who held the Lease when it did. */
export interface CreateRequest {
  readonly client: string;
  readonly identity: string;
  readonly leaseHolder: string | undefined;
  readonly job: string;
  readonly at: number;
}

/** A span in which one incarnation could act as leader (its caches listed, leading, alive and connected). */
export interface Term {
  readonly incarnation: string;
  readonly from: number;
  to: number;
}

export interface ReplicaSettings {
  readonly namespace: string;
  readonly election: LeaderElectionSettings;
  readonly resyncMs: number;
}

/** Records Job creates before passing every call on. */
class CreateLog implements ClusterClient {
  constructor(
    private readonly inner: ClusterClient,
    private readonly record: (job: string) => void,
  ) {}
  list<K extends ResourceKind>(kind: K, selection?: Selection): Promise<ObjectList<ObjectOf<K>>> {
    return this.inner.list(kind, selection);
  }
  watch<K extends ResourceKind>(kind: K, options: WatchOptions, handler: WatchHandler<ObjectOf<K>>): WatchHandle {
    return this.inner.watch(kind, options, handler);
  }
  get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return this.inner.get(kind, namespace, name);
  }
  create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    if (kind === ResourceKind.JOB) this.record(object.metadata.name ?? '');
    return this.inner.create(kind, object);
  }
  update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.inner.update(kind, object);
  }
  updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.inner.updateStatus(kind, object);
  }
  delete(kind: ResourceKind, namespace: string, name: string, options?: DeleteOptions): Promise<void> {
    return this.inner.delete(kind, namespace, name, options);
  }
}

export class Fleet {
  readonly creates: CreateRequest[] = [];
  readonly terms: Term[] = [];
  readonly clientNames: string[] = [];
  private readonly live = new Map<string, Incarnation>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly api: ApiServerDouble,
    private readonly clock: SimulatedClock,
    private readonly settings: ReplicaSettings,
    /** Every connection name an incarnation may use (fault rates are set for them up front). */
    readonly plannedClients: readonly string[],
  ) {}

  /** Starts a new incarnation of `identity`. */
  start(identity: string): Incarnation {
    const n = (this.counts.get(identity) ?? 0) + 1;
    this.counts.set(identity, n);
    const incarnation = new Incarnation(this, this.api, this.clock, this.settings, identity, `${identity}-${n}`);
    this.clientNames.push(incarnation.clientName);
    this.live.set(identity, incarnation);
    incarnation.start();
    return incarnation;
  }

  /** The live incarnation that leads now, if any. */
  leader(): Incarnation | undefined {
    return [...this.live.values()].find((i) => !i.dead && i.elector.isLeader());
  }

  incarnation(identity: string): Incarnation | undefined {
    return this.live.get(identity);
  }

  leaseHolder(): string | undefined {
    return this.api.object(ResourceKind.LEASE, LEASE_NAMESPACE, LEASE_NAME)?.spec?.holderIdentity;
  }

  /** Ends the open term of an incarnation (it died, was cut off, or stopped leading). */
  endTerm(incarnation: string, at: number): void {
    const open = this.terms.find((t) => t.incarnation === incarnation && t.to === Infinity);
    if (open !== undefined) open.to = Math.max(open.from, at);
  }

  async stopAll(): Promise<void> {
    for (const incarnation of this.live.values()) if (!incarnation.dead) await incarnation.stopGracefully();
  }
}

export class Incarnation {
  readonly connection: CrashableClient;
  readonly elector: LeaderElector;
  readonly controller: ScheduledJobController;
  private leadingSince: number | undefined;
  private readySince: number | undefined;
  private stopped = false;

  constructor(
    private readonly fleet: Fleet,
    api: ApiServerDouble,
    private readonly clock: SimulatedClock,
    settings: ReplicaSettings,
    readonly identity: string,
    readonly clientName: string,
  ) {
    this.connection = new CrashableClient(
      api.client(clientName),
      (job) => api.object(ResourceKind.JOB, settings.namespace, job) !== undefined,
    );
    this.connection.onCrash = () => this.fleet.endTerm(clientName, clock.now());
    const client = new CreateLog(this.connection, (job) =>
      fleet.creates.push({ client: clientName, identity, leaseHolder: fleet.leaseHolder(), job, at: clock.now() }),
    );
    this.elector = new LeaderElector({
      client,
      clock,
      namespace: LEASE_NAMESPACE,
      leaseName: LEASE_NAME,
      identity,
      settings: settings.election,
      random: () => 0.5,
      listener: {
        startedLeading: () => {
          this.leadingSince = clock.now();
          this.controller.resyncAll();
          this.openTerm();
        },
        stoppedLeading: () => {
          this.leadingSince = undefined;
          this.fleet.endTerm(clientName, clock.now());
        },
      },
    });
    // The controller says when its caches have listed; from then on it can act.
    const logger: Logger = {
      log: (_level, message) => {
        if (!message.startsWith('caches synced')) return;
        this.readySince = clock.now();
        this.openTerm();
      },
    };
    this.controller = new ScheduledJobController({
      client,
      clock,
      leadership: this.elector,
      identity,
      namespace: settings.namespace,
      resyncMs: settings.resyncMs,
      initialCacheBackoffMs: 200,
      maxCacheBackoffMs: 5_000,
      random: () => 0.5,
      logger,
    });
  }

  get dead(): boolean {
    return this.connection.crashed || this.stopped;
  }

  start(): void {
    this.controller.start();
    this.elector.start();
  }

  /** Dies right after its next Job create is applied. */
  crashAfterNextCreate(): void {
    this.connection.crashAfterNextJobCreate();
  }

  async stopGracefully(): Promise<void> {
    this.stopped = true;
    await this.controller.stop();
    await this.elector.stop(true);
    this.fleet.endTerm(this.clientName, this.clock.now());
  }

  /** A term opens once the incarnation both leads and has listed. */
  private openTerm(): void {
    if (this.leadingSince === undefined || this.readySince === undefined || this.dead) return;
    if (this.fleet.terms.some((t) => t.incarnation === this.clientName && t.to === Infinity)) return;
    this.fleet.terms.push({ incarnation: this.clientName, from: this.clock.now(), to: Infinity });
  }
}
