/**
 * The reconciler's whole view of the cluster: the few API calls it makes, on plain JSON objects
 * as the API server sends them. Two implementations stand behind it: the @kubernetes/client-node
 * adapter (kubernetes-client.ts) and the in-process API server double (double/), so every piece of
 * the controller runs unchanged against a real cluster and against simulated faults.
 *
 * Every failure is a ClusterError (errors.ts) whose reason says what happened, so callers decide
 * retries on the reason, never on message text.
 *
 * This is runtime plumbing, not library API: it is not exported from src/index.ts, which is why
 * generics keep the per-kind object types apart here.
 */
import { ClusterError } from './errors';
import { KubeObject, ObjectOf, PropagationPolicy, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';

/** Which objects a list or a watch covers. */
export interface Selection {
  /** @default every namespace */
  readonly namespace?: string;
  /** Objects must carry every one of these labels with exactly this value. @default no label condition */
  readonly labels?: { readonly [key: string]: string };
}

export interface ObjectList<T extends KubeObject> {
  readonly items: readonly T[];
  /** Where a watch that follows this list starts. */
  readonly resourceVersion: string;
}

export interface WatchOptions extends Selection {
  /**
   * Deliver the changes after this version. Unset: first an ADDED event for every object that exists
   * now, then the changes (the API server's behaviour). A version older than the server keeps history
   * for ends the watch at once with a GONE error: list again and watch from the list's version.
   * @default unset
   */
  readonly resourceVersion?: string;
  /** Ask for BOOKMARK events, which only move the resourceVersion forward. @default true */
  readonly bookmarks?: boolean;
}

export enum WatchEventType {
  ADDED = 'ADDED',
  MODIFIED = 'MODIFIED',
  /** The object as it was last stored. */
  DELETED = 'DELETED',
  /** No change: `object.metadata.resourceVersion` is a version the watch can resume from. */
  BOOKMARK = 'BOOKMARK',
}

export interface WatchEvent<T extends KubeObject> {
  readonly type: WatchEventType;
  readonly object: T;
}

/** Receives a watch's events, in resourceVersion order. */
export interface WatchHandler<T extends KubeObject> {
  onEvent(event: WatchEvent<T>): void;
  /**
   * The watch ended; called once, never after `stop()`. No error: the connection ended normally
   * (server timeout, dropped connection); resume from the last resourceVersion seen. GONE: that
   * version is too old; list again. Anything else: back off, then resume.
   */
  onClose(error?: ClusterError): void;
}

export interface WatchHandle {
  /** Ends the watch; no further callbacks. */
  stop(): void;
}

export interface DeleteOptions {
  /** @default the resource's own default: Orphan for batch/v1 Jobs (their pods stay), Background otherwise */
  readonly propagationPolicy?: PropagationPolicy;
  /** Delete only if the stored object still has this uid (CONFLICT otherwise). @default any */
  readonly uid?: string;
  /** Delete only if the stored object still has this resourceVersion (CONFLICT otherwise). @default any */
  readonly resourceVersion?: string;
}

/**
 * The API calls the reconciler makes. Objects go in and come out as plain JSON; the client never
 * keeps or mutates the caller's objects.
 */
export interface ClusterClient {
  /** A consistent snapshot, with the version to watch from. */
  list<K extends ResourceKind>(kind: K, selection?: Selection): Promise<ObjectList<ObjectOf<K>>>;
  /** Starts a watch; failures, including the first request's, arrive through `handler.onClose`. */
  watch<K extends ResourceKind>(kind: K, options: WatchOptions, handler: WatchHandler<ObjectOf<K>>): WatchHandle;
  /** NOT_FOUND when absent. */
  get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>>;
  /** Namespace from `metadata.namespace`. ALREADY_EXISTS when the name is taken; INVALID when the server refuses the object. */
  create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>>;
  /**
   * Replaces the object, except its status where the kind has a status subresource. With
   * `metadata.resourceVersion` set, CONFLICT unless it is still the stored version; unset, the
   * update is unconditional. NOT_FOUND when absent.
   */
  update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>>;
  /** Replaces only the status (the status subresource), with the same concurrency rule as `update`. */
  updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>>;
  /** NOT_FOUND when absent. */
  delete(kind: ResourceKind, namespace: string, name: string, options?: DeleteOptions): Promise<void>;
}
