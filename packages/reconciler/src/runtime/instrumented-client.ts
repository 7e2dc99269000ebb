/**
 * A ClusterClient that counts failed requests by verb and reason and passes everything else
 * through, so every caller (caches, controller, leader election, events) is measured alike.
 */
import {
  ClusterClient,
  DeleteOptions,
  ObjectList,
  Selection,
  WatchHandle,
  WatchHandler,
  WatchOptions,
} from '../cluster/client';
import { ObjectOf, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError, ClusterErrorReason } from '../cluster/errors';

/** Told about each failed request. */
export type ApiErrorSink = (verb: string, reason: string) => void;

export class InstrumentedClient implements ClusterClient {
  public constructor(
    private readonly inner: ClusterClient,
    private readonly failed: ApiErrorSink,
  ) {}

  public list<K extends ResourceKind>(kind: K, selection?: Selection): Promise<ObjectList<ObjectOf<K>>> {
    return this.count('list', this.inner.list(kind, selection));
  }

  public watch<K extends ResourceKind>(
    kind: K,
    options: WatchOptions,
    handler: WatchHandler<ObjectOf<K>>,
  ): WatchHandle {
    return this.inner.watch(kind, options, {
      onEvent: (event) => handler.onEvent(event),
      onClose: (error) => {
        if (error !== undefined) this.failed('watch', error.reason);
        handler.onClose(error);
      },
    });
  }

  public get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return this.count('get', this.inner.get(kind, namespace, name));
  }

  public create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.count('create', this.inner.create(kind, object));
  }

  public update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.count('update', this.inner.update(kind, object));
  }

  public updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.count('updateStatus', this.inner.updateStatus(kind, object));
  }

  public delete(kind: ResourceKind, namespace: string, name: string, options?: DeleteOptions): Promise<void> {
    return this.count('delete', this.inner.delete(kind, namespace, name, options));
  }

  private async count<T>(verb: string, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      this.failed(verb, error instanceof ClusterError ? error.reason : ClusterErrorReason.UNKNOWN);
      throw error;
    }
  }
}
