/**
 * A connection that can die like a killed process: from the moment it crashes, every request
 * hangs forever (no answer, no error) and every watch goes silent, so whatever the dead replica
 * was doing simply stops. `crashAfterNextJobCreate()` makes it die right after a Job create has
 * been applied, before the caller hears back: the reconciler's restart-in-the-middle-of-a-create.
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

const NEVER = new Promise<never>(() => undefined);

export class CrashableClient implements ClusterClient {
  private dead = false;
  private crashAfterCreate = false;
  private readonly watches = new Set<WatchHandle>();
  /** Called once, when it dies. */
  onCrash: (() => void) | undefined;

  /**
   * @param inner the connection
   * @param reachedStorage whether a Job create just made reached storage (an injected fault may
   *   have stopped it); the crash waits for one that did. @default always
   */
  constructor(
    private readonly inner: ClusterClient,
    private readonly reachedStorage: (name: string) => boolean = () => true,
  ) {}

  get crashed(): boolean {
    return this.dead;
  }

  /** Dies now. */
  crash(): void {
    if (this.dead) return;
    this.dead = true;
    for (const watch of this.watches) watch.stop();
    this.watches.clear();
    this.onCrash?.();
  }

  /** Dies right after the next Job create reaches storage (its answer never arrives). */
  crashAfterNextJobCreate(): void {
    this.crashAfterCreate = true;
  }

  list<K extends ResourceKind>(kind: K, selection?: Selection): Promise<ObjectList<ObjectOf<K>>> {
    return this.call(() => this.inner.list(kind, selection));
  }

  watch<K extends ResourceKind>(kind: K, options: WatchOptions, handler: WatchHandler<ObjectOf<K>>): WatchHandle {
    if (this.dead) return { stop: () => undefined };
    const handle = this.inner.watch(kind, options, {
      onEvent: (event) => {
        if (!this.dead) handler.onEvent(event);
      },
      onClose: (error) => {
        this.watches.delete(handle);
        if (!this.dead) handler.onClose(error);
      },
    });
    this.watches.add(handle);
    return {
      stop: () => {
        this.watches.delete(handle);
        handle.stop();
      },
    };
  }

  get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return this.call(() => this.inner.get(kind, namespace, name));
  }

  create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    if (this.dead) return NEVER;
    if (kind === ResourceKind.JOB && this.crashAfterCreate) {
      // The double applies a request when it is made; the answer is what gets lost.
      const answer = this.inner.create(kind, object);
      if (this.reachedStorage(object.metadata.name ?? '')) {
        answer.catch(() => undefined);
        this.crash();
        return NEVER;
      }
      return answer;
    }
    return this.call(() => this.inner.create(kind, object));
  }

  update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.call(() => this.inner.update(kind, object));
  }

  updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.call(() => this.inner.updateStatus(kind, object));
  }

  delete(kind: ResourceKind, namespace: string, name: string, options?: DeleteOptions): Promise<void> {
    return this.call(() => this.inner.delete(kind, namespace, name, options));
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    if (this.dead) return NEVER;
    // An answer that arrives after death is never seen.
    return request().then(
      (value) => (this.dead ? NEVER : value),
      (error) => {
        if (this.dead) return NEVER;
        throw error;
      },
    );
  }
}
