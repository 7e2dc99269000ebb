/**
 * The Kubernetes objects the reconciler reads and writes, as plain JSON types: the resource model
 * the pure sync decision, the dry runs and the runtime's cluster client all share. Only the fields
 * the reconciler uses are typed; the rest passes through as JSON.
 */
import type { JobTemplateObject } from '../template/job-template-object';

/** The resources the reconciler and the cluster commands touch. All are namespaced. */
export enum ResourceKind {
  /** batch/v1 Job: the runs it creates and deletes. */
  JOB = 'Job',
  /** scheduling.cdk8s-batch.io/v1alpha1 ScheduledJob: the custom resource it reconciles (status subresource). */
  SCHEDULED_JOB = 'ScheduledJob',
  /** coordination.k8s.io/v1 Lease: leader election. */
  LEASE = 'Lease',
  /** events.k8s.io/v1 Event: what it records about a scheduled job. */
  EVENT = 'Event',
  /** batch/v1 CronJob: read to run one now (`trigger cronjob/NAME`). */
  CRON_JOB = 'CronJob',
  /** scheduling.cdk8s-batch.io/v1alpha1 JobTemplate: read to launch a Job from it (`launch`). */
  JOB_TEMPLATE = 'JobTemplate',
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

/** batch/v1 CronJob; its spec is read by the rules layer and the run-now Job builder. */
export interface CronJobObject extends KubeObject {
  readonly spec?: JsonObject;
  readonly status?: JsonObject;
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
  [ResourceKind.CRON_JOB]: CronJobObject;
  [ResourceKind.JOB_TEMPLATE]: JobTemplateObject;
}

export type ObjectOf<K extends ResourceKind> = ResourceObjects[K];

/** How a deletion treats the objects that name the deleted one in their ownerReferences. */
export enum PropagationPolicy {
  /** Delete the object now; the garbage collector deletes its dependents afterwards. */
  BACKGROUND = 'Background',
  /** Delete the dependents first, then the object (it shows a deletionTimestamp meanwhile). */
  FOREGROUND = 'Foreground',
  /** Delete the object and strip its ownerReference from the dependents, which stay. */
  ORPHAN = 'Orphan',
}
