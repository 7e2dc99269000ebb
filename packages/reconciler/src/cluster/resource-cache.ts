/**
 * A local copy of one kind's objects, kept current by list-then-watch (client-go's reflector and
 * informer, reduced to what the reconciler needs). A watch that ends is resumed from the last
 * resourceVersion seen, so nothing is missed or repeated; a GONE answer means a fresh list, whose
 * differences from the cache are reported as if they had been watched (including deletions that
 * happened while disconnected); other failures back off on the clock and retry.
 *
 * Listeners hear every change once, in order. A periodic resync (re-running the controller over
 * every cached object) is the controller's business: it reads `list()`.
 *
 * Why not client-node's own `ListWatch`/`makeInformer` (client-node 1.4, `cache.ts`): it stops for
 * good on any watch or list failure other than 410 (the caller must notice and restart it, with
 * no backoff), it has no clock to inject (so the soak test could not run a week of dropped and
 * compacted watches deterministically on the simulated clock), its update callback carries no
 * previous object (the controller tells progress updates and the echoes of its own writes from
 * real changes by comparing the two), and it is bound to client-node's HTTP `Watch`, not to the
 * ClusterClient interface that the API server double also implements. What remains is about 150
 * lines; client-node still does every request underneath (kubernetes-client.ts).
 */
import { ClusterClient, Selection, WatchEvent, WatchEventType, WatchHandle } from './client';
import { KubeObject, ObjectOf, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from './clock';
import { ClusterError, ClusterErrorReason } from './errors';

/** What the cache tells its owner. Callbacks run synchronously and must not throw. */
export interface CacheListener<T extends KubeObject> {
  added?(object: T): void;
  updated?(object: T, previous: T): void;
  /** The object as last known. */
  deleted?(object: T): void;
  /** A full list has been applied (after the first list and after each re-list). */
  synced?(): void;
  /** A list or watch failed; the cache retries after `retryInMs`. */
  failed?(error: ClusterError, retryInMs: number): void;
}

export interface ResourceCacheOptions<K extends ResourceKind> {
  readonly client: ClusterClient;
  readonly clock: Clock;
  readonly kind: K;
  /** @default every object of the kind */
  readonly selection?: Selection;
  readonly listener?: CacheListener<ObjectOf<K>>;
  /** First retry delay after a failure; doubles per consecutive failure. @default 1000 */
  readonly initialBackoffMs?: number;
  /** @default 30000 */
  readonly maxBackoffMs?: number;
  /** A number in [0, 1) to spread retries (delay × (1 + random)/2 .. delay). @default Math.random */
  readonly random?: () => number;
}

/** A watch that ends sooner than this without delivering anything counts as a failure. */
const SHORT_WATCH_MS = 1000;

export class ResourceCache<K extends ResourceKind> {
  private readonly objects = new Map<string, ObjectOf<K>>();
  private version: string | undefined;
  private watch: WatchHandle | undefined;
  private failures = 0;
  private stopped = false;
  private started = false;
  private hasSynced = false;
  private readonly wake = new AbortController();
  private readonly listener: CacheListener<ObjectOf<K>>;

  public constructor(private readonly options: ResourceCacheOptions<K>) {
    this.listener = options.listener ?? {};
  }

  /** Lists, then watches, until stopped. */
  public start(): void {
    if (this.started) return;
    this.started = true;
    void this.relist();
  }

  public stop(): void {
    this.stopped = true;
    this.wake.abort();
    this.watch?.stop();
  }

  /** True once a first list has been applied. */
  public get synced(): boolean {
    return this.hasSynced;
  }

  /** The newest resourceVersion applied. */
  public get resourceVersion(): string | undefined {
    return this.version;
  }

  public get(namespace: string, name: string): ObjectOf<K> | undefined {
    return this.objects.get(key(namespace, name));
  }

  /** Every cached object, in no particular order. Do not mutate them. */
  public list(): ObjectOf<K>[] {
    return [...this.objects.values()];
  }

  private async relist(): Promise<void> {
    while (!this.stopped) {
      try {
        const { items, resourceVersion } = await this.options.client.list(this.options.kind, this.options.selection);
        if (this.stopped) return;
        this.replace(items);
        this.version = resourceVersion;
        this.failures = 0;
        this.hasSynced = true;
        this.listener.synced?.();
        this.openWatch();
        return;
      } catch (error) {
        await this.backOff(error);
      }
    }
  }

  private openWatch(): void {
    const openedAt = this.options.clock.now();
    let delivered = false;
    this.watch = this.options.client.watch(
      this.options.kind,
      { ...this.options.selection, resourceVersion: this.version },
      {
        onEvent: (event) => {
          delivered = true;
          this.failures = 0;
          this.apply(event);
        },
        onClose: (error) => {
          this.watch = undefined;
          if (this.stopped) return;
          if (ClusterError.is(error, ClusterErrorReason.GONE)) {
            void this.relist();
          } else if (error === undefined && (delivered || this.options.clock.now() - openedAt >= SHORT_WATCH_MS)) {
            this.openWatch();
          } else {
            // An error, or a watch that ended at once without events: wait before trying again, so a server that keeps closing is not hammered.
            void this.backOff(
              error ?? new ClusterError(ClusterErrorReason.UNKNOWN, 0, 'the watch ended at once without events'),
            ).then(() => {
              if (!this.stopped) this.openWatch();
            });
          }
        },
      },
    );
  }

  private apply(event: WatchEvent<ObjectOf<K>>): void {
    const object = event.object;
    if (object.metadata.resourceVersion !== undefined) this.version = object.metadata.resourceVersion;
    if (event.type === WatchEventType.BOOKMARK) return;
    const id = key(object.metadata.namespace ?? '', object.metadata.name ?? '');
    const previous = this.objects.get(id);
    if (event.type === WatchEventType.DELETED) {
      if (previous === undefined) return;
      this.objects.delete(id);
      this.listener.deleted?.(object);
      return;
    }
    if (previous?.metadata.resourceVersion === object.metadata.resourceVersion) return;
    this.objects.set(id, object);
    if (previous === undefined) this.listener.added?.(object);
    else this.listener.updated?.(object, previous);
  }

  /** Applies a full list as the changes it implies. */
  private replace(items: readonly ObjectOf<K>[]): void {
    const seen = new Set<string>();
    for (const object of items) {
      const id = key(object.metadata.namespace ?? '', object.metadata.name ?? '');
      seen.add(id);
      const previous = this.objects.get(id);
      if (previous?.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      this.objects.set(id, object);
      if (previous === undefined) this.listener.added?.(object);
      else this.listener.updated?.(object, previous);
    }
    for (const [id, object] of [...this.objects]) {
      if (seen.has(id)) continue;
      this.objects.delete(id);
      this.listener.deleted?.(object);
    }
  }

  private async backOff(error: unknown): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 1000;
    const ceiling = this.options.maxBackoffMs ?? 30_000;
    const delay = Math.min(ceiling, initial * 2 ** this.failures++);
    const spread = delay * (0.5 + 0.5 * (this.options.random ?? Math.random)());
    this.listener.failed?.(
      error instanceof ClusterError ? error : new ClusterError(ClusterErrorReason.UNKNOWN, 0, String(error)),
      spread,
    );
    await this.options.clock.sleep(spread, this.wake.signal);
  }
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
