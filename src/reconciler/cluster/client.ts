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

/** The resources the reconciler touches. All are namespaced. */
export enum ResourceKind {
  /** batch/v1 Job: the runs it creates and deletes. */
  JOB = 'Job',
  /** scheduling.cdk8s-batch.io/v1alpha1 ScheduledJob: the custom resource it reconciles (status subresource). */
  SCHEDULED_JOB = 'ScheduledJob',
  /** coordination.k8s.io/v1 Lease: leader election. */
  LEASE = 'Lease',
  /** events.k8s.io/v1 Event: what it records about a scheduled job. */
  EVENT = 'Event',
}

/** metadata.ownerReferences[i]. */
export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  /** This owner is the managing controller. @default false */
  readonly controller?: boolean;
  /** Foreground deletion of the owner waits for this dependent. @default false */
  readonly blockOwnerDeletion?: boolean;
}

/** The object metadata the reconciler reads and writes. The server sets uid, resourceVersion, generation and the timestamps. */
export interface ObjectMeta {
  /** Required on create unless generateName is given. */
  readonly name?: string;
  /** A prefix the server completes with a random suffix when name is empty. @default none */
  readonly generateName?: string;
  /** Required on create and update (every kind here is namespaced). */
  readonly namespace?: string;
  readonly uid?: string;
  /** Opaque version for optimistic concurrency: an update carrying a stale value fails with CONFLICT. */
  readonly resourceVersion?: string;
  /** Incremented by the server on every spec change. */
  readonly generation?: number;
  /** RFC 3339, whole seconds. */
  readonly creationTimestamp?: string;
  /** Set when deletion waits for finalizers. */
  readonly deletionTimestamp?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly ownerReferences?: readonly OwnerReference[];
  readonly finalizers?: readonly string[];
}

/** A JSON object whose shape another module owns. */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/** Any object of the resources above, as JSON. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: ObjectMeta;
}

/** batch/v1 JobCondition: the fields the reconciler reads. */
export interface JobCondition {
  /** `Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`. */
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

/** batch/v1 JobStatus: the fields the reconciler reads. */
export interface JobStatus {
  readonly active?: number;
  readonly succeeded?: number;
  readonly failed?: number;
  readonly startTime?: string;
  readonly completionTime?: string;
  readonly conditions?: readonly JobCondition[];
}

/** batch/v1 Job. The spec is validated by the rules layer (validateBatchObject), not here. */
export interface JobObject extends KubeObject {
  readonly spec?: JsonObject;
  readonly status?: JobStatus;
}

/** A ScheduledJob; spec and status belong to the reconciler's resource definition. */
export interface ScheduledJobObject extends KubeObject {
  readonly spec?: JsonObject;
  readonly status?: JsonObject;
}

/** coordination.k8s.io/v1 LeaseSpec. Times are RFC 3339 with microseconds. */
export interface LeaseSpec {
  /** Empty or absent: nobody holds the lease. */
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaseTransitions?: number;
}

export interface LeaseObject extends KubeObject {
  readonly spec?: LeaseSpec;
}

/** events.k8s.io/v1 ObjectReference (the `regarding` of an Event). */
export interface ObjectReference {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** events.k8s.io/v1 Event: the fields the reconciler writes. */
export interface EventObject extends KubeObject {
  /** RFC 3339 with microseconds. Required by the API. */
  readonly eventTime?: string;
  /** `Normal` or `Warning`. */
  readonly type?: string;
  readonly reason?: string;
  /** What was done or failed (`Create`, `Delete`, `Sync`). */
  readonly action?: string;
  /** At most 1 KiB. */
  readonly note?: string;
  readonly regarding?: ObjectReference;
  readonly related?: ObjectReference;
  /** e.g. `scheduling.cdk8s-batch.io/reconciler`. */
  readonly reportingController?: string;
  /** The replica that wrote it (its pod name). */
  readonly reportingInstance?: string;
}

/** Each kind's object type: the client's methods return the type that goes with their `kind` argument. */
export interface ResourceObjects {
  [ResourceKind.JOB]: JobObject;
  [ResourceKind.SCHEDULED_JOB]: ScheduledJobObject;
  [ResourceKind.LEASE]: LeaseObject;
  [ResourceKind.EVENT]: EventObject;
}

export type ObjectOf<K extends ResourceKind> = ResourceObjects[K];

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

/** How a deletion treats the objects that name the deleted one in their ownerReferences. */
export enum PropagationPolicy {
  /** Delete the object now; the garbage collector deletes its dependents afterwards. */
  BACKGROUND = 'Background',
  /** Delete the dependents first, then the object (it shows a deletionTimestamp meanwhile). */
  FOREGROUND = 'Foreground',
  /** Delete the object and strip its ownerReference from the dependents, which stay. */
  ORPHAN = 'Orphan',
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
