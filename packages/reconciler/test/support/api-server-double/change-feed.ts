/**
 * One kind's changes in the API server double: the bounded history a watch can resume from, and
 * the open watches it delivers to. Delivery is asynchronous (a microtask after the write), in
 * resourceVersion order, per watch; a watch can be dropped at any moment and then resumes from
 * history, or learns with GONE that its version has been compacted away.
 */
import { WatchEvent, WatchEventType, WatchHandle, WatchHandler, WatchOptions } from '../../../src/cluster/client';
import { KubeObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError, ClusterErrorReason } from '../../../src/cluster/errors';
import { matchesLabels } from '../../../src/cluster/labels';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';

/** A stored change. Objects in history are never mutated; watchers get copies. */
export interface Change {
  readonly resourceVersion: number;
  readonly type: WatchEventType.ADDED | WatchEventType.MODIFIED | WatchEventType.DELETED;
  /** The object after the change (for DELETED, as it was last stored). */
  readonly object: KubeObject;
  /** The object before a MODIFIED change: label selections need it to turn changes into ADDED/DELETED. */
  readonly previous?: KubeObject;
  /** Simulated instant of the change. */
  readonly at: number;
}

export interface HistoryLimits {
  /** Changes kept per kind. */
  readonly maxChanges: number;
  /** Changes older than this many simulated milliseconds are dropped. */
  readonly retentionMs: number;
}

/** What a feed needs from the server around it. */
export interface FeedContext {
  now(): number;
  /** Whether the watch held by `client` drops before its next event (fault injection). */
  dropsWatch(client: string): boolean;
  copy<T>(value: T): T;
}

export class ChangeFeed {
  private history: Change[] = [];
  /** Index of the oldest kept change in `history` (trimming moves it instead of shifting the array). */
  private head = 0;
  /** The newest resourceVersion no longer in history: watches from an older version get GONE. */
  private trimmedThrough = 0;
  private readonly channels = new Set<WatchChannel>();

  public constructor(
    private readonly kind: ResourceKind,
    private readonly limits: HistoryLimits,
    private readonly context: FeedContext,
  ) {}

  /** Records a change and queues it to every open watch it concerns. */
  public publish(change: Change): void {
    this.history.push(change);
    this.trim();
    for (const channel of this.channels) channel.offer(change);
  }

  /**
   * Opens a watch. `snapshot` gives the objects that exist now (for a watch without a
   * resourceVersion) and `current` the newest resourceVersion.
   */
  public open(
    client: string,
    options: WatchOptions,
    handler: WatchHandler<KubeObject>,
    snapshot: () => KubeObject[],
    current: number,
  ): WatchHandle {
    const channel = new WatchChannel(this.kind, client, options, handler, this.context, () =>
      this.channels.delete(channel),
    );
    const from = options.resourceVersion;
    if (from === undefined || from === '0') {
      for (const object of snapshot())
        channel.offer({ resourceVersion: current, type: WatchEventType.ADDED, object, at: this.context.now() });
    } else {
      const version = Number(from);
      this.trim();
      if (!Number.isInteger(version) || version < 0) {
        channel.close(new ClusterError(ClusterErrorReason.INVALID, 400, `invalid resourceVersion "${from}"`));
        return channel;
      }
      if (version < this.trimmedThrough) {
        channel.close(
          new ClusterError(
            ClusterErrorReason.GONE,
            410,
            `too old resource version: ${version} (${this.trimmedThrough})`,
          ),
        );
        return channel;
      }
      for (const change of this.since(version)) channel.offer(change);
    }
    this.channels.add(channel);
    return channel;
  }

  /** Sends a BOOKMARK at `resourceVersion` to every watch that asked for bookmarks. */
  public bookmark(resourceVersion: number): void {
    for (const channel of this.channels) channel.bookmark(resourceVersion);
  }

  /** Ends every open watch (as a dropped connection does), with `error` or cleanly. */
  public dropAll(error?: ClusterError): void {
    for (const channel of [...this.channels]) channel.close(error);
  }

  /** Forgets all history up to `resourceVersion`: later watches from older versions get GONE. */
  public compact(resourceVersion: number): void {
    while (this.head < this.history.length && this.history[this.head].resourceVersion <= resourceVersion) this.head++;
    this.trimmedThrough = Math.max(this.trimmedThrough, resourceVersion);
    this.reclaim();
  }

  /** Changes currently kept. */
  public get historySize(): number {
    return this.history.length - this.head;
  }

  public get openWatches(): number {
    return this.channels.size;
  }

  private *since(version: number): Iterable<Change> {
    // Binary search for the first change after `version`: history is in resourceVersion order.
    let low = this.head;
    let high = this.history.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.history[middle].resourceVersion <= version) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.history.length; i++) yield this.history[i];
  }

  private trim(): void {
    const oldestKept = this.context.now() - this.limits.retentionMs;
    while (
      this.head < this.history.length &&
      (this.history.length - this.head > this.limits.maxChanges || this.history[this.head].at < oldestKept)
    ) {
      this.trimmedThrough = this.history[this.head].resourceVersion;
      this.head++;
    }
    this.reclaim();
  }

  /** Drops the trimmed prefix once it is the larger part of the array. */
  private reclaim(): void {
    if (this.head > 1024 && this.head * 2 > this.history.length) {
      this.history = this.history.slice(this.head);
      this.head = 0;
    }
  }
}

/** One open watch: its selection and the events queued for it. */
class WatchChannel implements WatchHandle {
  private queue: WatchEvent<KubeObject>[] = [];
  private scheduled = false;
  private closed = false;

  public constructor(
    private readonly kind: ResourceKind,
    private readonly client: string,
    private readonly options: WatchOptions,
    private readonly handler: WatchHandler<KubeObject>,
    private readonly context: FeedContext,
    private readonly detach: () => void,
  ) {}

  /** Queues the event this change means for this watch's selection, if any. */
  public offer(change: Change): void {
    const type = this.eventType(change);
    if (type !== undefined) this.enqueue({ type, object: change.object });
  }

  public bookmark(resourceVersion: number): void {
    if (this.options.bookmarks === false) return;
    const type = RESOURCE_TYPES[this.kind];
    this.enqueue({
      type: WatchEventType.BOOKMARK,
      object: { apiVersion: type.apiVersion, kind: this.kind, metadata: { resourceVersion: String(resourceVersion) } },
    });
  }

  /** Ends the watch: undelivered events are lost (a resume replays them from history). */
  public close(error?: ClusterError): void {
    if (this.closed) return;
    this.stop();
    queueMicrotask(() => this.handler.onClose(error));
  }

  public stop(): void {
    this.closed = true;
    this.queue = [];
    this.detach();
  }

  /**
   * ADDED, MODIFIED or DELETED as seen through the selection: an object that starts matching the
   * labels is ADDED to this watch, one that stops matching is DELETED from it.
   */
  private eventType(change: Change): WatchEventType | undefined {
    const namespace = this.options.namespace;
    if (namespace !== undefined && change.object.metadata.namespace !== namespace) return undefined;
    const labels = this.options.labels;
    const now = matchesLabels(change.object.metadata.labels, labels);
    if (change.type !== WatchEventType.MODIFIED) return now ? change.type : undefined;
    const before = change.previous === undefined || matchesLabels(change.previous.metadata.labels, labels);
    if (now) return before ? WatchEventType.MODIFIED : WatchEventType.ADDED;
    return before ? WatchEventType.DELETED : undefined;
  }

  private enqueue(event: WatchEvent<KubeObject>): void {
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const event of batch) {
      if (this.closed) return;
      if (this.context.dropsWatch(this.client)) {
        this.close();
        return;
      }
      this.handler.onEvent({ type: event.type, object: this.context.copy(event.object) });
    }
  }
}
