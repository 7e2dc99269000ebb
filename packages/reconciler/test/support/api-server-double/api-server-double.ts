/**
 * An in-process stand-in for the Kubernetes API server behind the same ClusterClient interface as
 * the real adapter, for tests and the soak test. Storage semantics live in server-core.ts; this
 * file adds what sits between a client and storage: named connections, injected faults (faults.ts)
 * and delayed answers on the shared clock, plus inspection for tests.
 *
 * Everything runs on the given clock (normally a SimulatedClock shared with the test) and a seeded
 * random source, so a run is a function of its seed. Requests are applied synchronously when
 * called; answers, watch events and errors arrive asynchronously, as they would over a connection.
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
import { Clock } from '../../../src/cluster/clock';
import { ClusterError, ClusterErrorReason } from '../../../src/cluster/errors';
import { RESOURCE_KINDS } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';
import { SeededRandom } from '../seeded-random';
import { FaultInjector, FaultKind, InjectedFault, RequestInfo, Verb } from './faults';
import { copy, ServerCore } from './server-core';

export interface ApiServerDoubleOptions {
  /** Stamps objects and delays answers; usually a SimulatedClock shared with the test. */
  readonly clock: Clock;
  /** Seeds fault draws, generated names and uids. @default 1 */
  readonly seed?: number;
  /** Changes kept per kind for watches to resume from. @default 10000 */
  readonly historyLimit?: number;
  /** Changes older than this are compacted away (etcd compacts every 5 minutes). @default 300000 */
  readonly historyRetentionMs?: number;
  /** Events are deleted this long after creation (kube-apiserver's --event-ttl). @default 3600000 */
  readonly eventTtlMs?: number;
}

export class ApiServerDouble {
  /** Faults for the requests from now on. */
  public readonly faults: FaultInjector;
  private readonly clock: Clock;
  private readonly core: ServerCore;
  private readonly requestCounts = new Map<Verb, number>();
  private readonly received: RequestInfo[] = [];

  public constructor(options: ApiServerDoubleOptions) {
    this.clock = options.clock;
    const random = new SeededRandom(options.seed ?? 1);
    this.faults = new FaultInjector(random.fork());
    this.core = new ServerCore({
      clock: options.clock,
      random,
      history: { maxChanges: options.historyLimit ?? 10_000, retentionMs: options.historyRetentionMs ?? 300_000 },
      eventTtlMs: options.eventTtlMs ?? 3_600_000,
      dropsWatch: (kind, client) => this.faults.dropsWatch({ verb: Verb.WATCH, kind, client }),
    });
  }

  /** A connection to the server. Its requests carry `name`, which fault rules can select. */
  public client(name: string = 'default'): ClusterClient {
    return new DoubleClient((request, operation) => this.serve(request, operation), this.core, name);
  }

  /** The newest resourceVersion. */
  public get resourceVersion(): string {
    return this.core.resourceVersion;
  }

  /** A stored object (a copy), without a request. */
  public object<K extends ResourceKind>(kind: K, namespace: string, name: string): ObjectOf<K> | undefined {
    const stored = this.core.stored(kind, namespace, name);
    return stored && copy(stored);
  }

  /** The stored objects of a kind (copies), without a request. */
  public objects<K extends ResourceKind>(kind: K, selection?: Selection): ObjectOf<K>[] {
    return this.core.storedList(kind, selection).map((object) => copy(object) as ObjectOf<K>);
  }

  /** How many objects of `kind` are stored. */
  public count(kind: ResourceKind): number {
    return this.core.count(kind);
  }

  /** Requests received so far, by verb. */
  public requests(): { readonly [verb: string]: number } {
    return Object.fromEntries(this.requestCounts);
  }

  /** Every request received so far, in order (for authorizing them against RBAC rules). */
  public requestLog(): readonly RequestInfo[] {
    return [...this.received];
  }

  /** Sends a BOOKMARK with the newest resourceVersion to every watch that asked for bookmarks. */
  public bookmark(): void {
    for (const kind of RESOURCE_KINDS) this.core.feed(kind).bookmark(Number(this.core.resourceVersion));
  }

  /** Ends every open watch, as a dropped connection does: cleanly, or with `error`. */
  public dropWatches(error?: ClusterError): void {
    for (const kind of RESOURCE_KINDS) this.core.feed(kind).dropAll(error);
  }

  /** Compacts all history: a watch from any version before now gets GONE. */
  public compact(): void {
    for (const kind of RESOURCE_KINDS) this.core.feed(kind).compact(Number(this.core.resourceVersion));
  }

  /** Open watches and kept changes of a kind. */
  public watchState(kind: ResourceKind): { readonly openWatches: number; readonly historySize: number } {
    const feed = this.core.feed(kind);
    return { openWatches: feed.openWatches, historySize: feed.historySize };
  }

  /** Counts the request, draws its fault, and applies it (or not) accordingly. */
  private serve<T>(request: RequestInfo, operation: () => T): Promise<T> {
    this.requestCounts.set(request.verb, (this.requestCounts.get(request.verb) ?? 0) + 1);
    this.received.push(request);
    this.core.expireEvents();
    const fault = this.faults.draw(request, this.clock.now());
    if (fault === undefined) {
      // A throw from the operation rejects the promise.
      return new Promise((resolve) => resolve(operation()));
    }
    return this.serveFaulty(request, fault, operation);
  }

  private async serveFaulty<T>(request: RequestInfo, fault: InjectedFault, operation: () => T): Promise<T> {
    // SLOW and TIMEOUT_APPLIED reach storage; the other faults stop the request before it.
    let outcome: { value?: T; error?: unknown } = {};
    if (fault.fault === FaultKind.SLOW || fault.fault === FaultKind.TIMEOUT_APPLIED) {
      try {
        outcome = { value: operation() };
      } catch (error) {
        outcome = { error };
      }
    }
    await this.clock.sleep(fault.delayMs);
    if (fault.fault !== FaultKind.SLOW) throw faultError(fault.fault, request);
    if ('error' in outcome) throw outcome.error;
    return outcome.value as T;
  }
}

/** How a connection hands a request to the server. */
type Serve = <T>(request: RequestInfo, operation: () => T) => Promise<T>;

/** A ClusterClient on one named connection of the double. */
class DoubleClient implements ClusterClient {
  public constructor(
    private readonly serve: Serve,
    private readonly core: ServerCore,
    private readonly name: string,
  ) {}

  public list<K extends ResourceKind>(kind: K, selection?: Selection): Promise<ObjectList<ObjectOf<K>>> {
    return this.serve(
      this.request(Verb.LIST, kind, undefined, selection?.namespace),
      () => this.core.list(kind, selection) as ObjectList<ObjectOf<K>>,
    );
  }

  public watch<K extends ResourceKind>(
    kind: K,
    options: WatchOptions,
    handler: WatchHandler<ObjectOf<K>>,
  ): WatchHandle {
    let watch: WatchHandle | undefined;
    let stopped = false;
    // A watch is a request too: it can fail (the handler hears why) or be slow to start.
    this.serve(this.request(Verb.WATCH, kind, undefined, options.namespace), () => undefined).then(
      () => {
        if (!stopped) watch = this.core.watch(this.name, kind, options, handler);
      },
      (error: ClusterError) => {
        if (!stopped) handler.onClose(error);
      },
    );
    return {
      stop: () => {
        stopped = true;
        watch?.stop();
      },
    };
  }

  public get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return this.serve(
      this.request(Verb.GET, kind, name, namespace),
      () => this.core.get(kind, namespace, name) as ObjectOf<K>,
    );
  }

  public create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.serve(
      this.request(Verb.CREATE, kind, object.metadata?.name, object.metadata?.namespace),
      () => this.core.create(kind, object) as ObjectOf<K>,
    );
  }

  public update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.serve(
      this.request(Verb.UPDATE, kind, object.metadata?.name, object.metadata?.namespace),
      () => this.core.update(kind, object, false) as ObjectOf<K>,
    );
  }

  public updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.serve(
      this.request(Verb.UPDATE_STATUS, kind, object.metadata?.name, object.metadata?.namespace),
      () => this.core.update(kind, object, true) as ObjectOf<K>,
    );
  }

  public delete(kind: ResourceKind, namespace: string, name: string, options: DeleteOptions = {}): Promise<void> {
    return this.serve(this.request(Verb.DELETE, kind, name, namespace), () =>
      this.core.delete(kind, namespace, name, options),
    );
  }

  private request(verb: Verb, kind: ResourceKind, name?: string, namespace?: string): RequestInfo {
    return { verb, kind, client: this.name, name, namespace };
  }
}

function faultError(fault: FaultKind, request: RequestInfo): ClusterError {
  const what = `${request.verb} ${request.kind}${request.name ? ` ${request.name}` : ''}`;
  switch (fault) {
    case FaultKind.NOT_FOUND:
      return new ClusterError(ClusterErrorReason.NOT_FOUND, 404, `injected NotFound (${what})`);
    case FaultKind.CONFLICT:
      return new ClusterError(ClusterErrorReason.CONFLICT, 409, `injected Conflict (${what})`);
    case FaultKind.SERVER_ERROR:
      return new ClusterError(ClusterErrorReason.SERVER_ERROR, 500, `injected InternalError (${what})`);
    default:
      return new ClusterError(
        ClusterErrorReason.TIMEOUT,
        0,
        `injected timeout, ${fault === FaultKind.TIMEOUT_APPLIED ? 'after' : 'before'} storage (${what})`,
      );
  }
}
