/**
 * The API server double's storage semantics, without faults or connections: what a create,
 * update, status update, delete, list, get or watch does to the stored objects and which watch
 * events it produces. One global resourceVersion orders every write; uid, creationTimestamp,
 * generation and generated names are assigned here; finalizers hold deletions; the garbage
 * collector follows ownerReferences; Events expire after their time to live.
 */
import {
  DeleteOptions,
  ObjectList,
  Selection,
  WatchEventType,
  WatchHandle,
  WatchHandler,
  WatchOptions,
} from '../../../src/cluster/client';
import { KubeObject, PropagationPolicy, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../../../src/cluster/clock';
import { ClusterError, ClusterErrorReason } from '../../../src/cluster/errors';
import { RESOURCE_KINDS, RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';
import { SeededRandom } from '../seeded-random';
import { Change, ChangeFeed, HistoryLimits } from './change-feed';
import { ObjectKey, ObjectStore } from './object-store';
import {
  contentProblems,
  finalizersAddedWhileDeleting,
  formatTimestamp,
  generatedName,
  identityProblems,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
  sameContent,
} from './write-strategy';

/** The garbage collector's finalizer on an owner deleted with foreground propagation. */
const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** Tries before giving up on a free generated name, as the API server does. */
const GENERATE_NAME_ATTEMPTS = 8;

export interface ServerCoreOptions {
  readonly clock: Clock;
  readonly history: HistoryLimits;
  readonly eventTtlMs: number;
  /** Generated names and uids. */
  readonly random: SeededRandom;
  /** Whether a watch held by `client` on `kind` drops before its next event. */
  readonly dropsWatch: (kind: ResourceKind, client: string) => boolean;
}

interface EventExpiry {
  readonly expiresAt: number;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export class ServerCore {
  private readonly clock: Clock;
  private readonly store = new ObjectStore();
  private readonly feeds: { readonly [K in ResourceKind]: ChangeFeed };
  private readonly names: SeededRandom;
  private readonly uids: SeededRandom;
  private version = 0;
  private uidCount = 0;
  private readonly eventTtlMs: number;
  /** Events in creation order: the head expires first. */
  private eventExpiry: EventExpiry[] = [];
  private eventExpiryHead = 0;

  public constructor(options: ServerCoreOptions) {
    this.clock = options.clock;
    this.names = options.random.fork();
    this.uids = options.random.fork();
    this.eventTtlMs = options.eventTtlMs;
    const feeds: Partial<Record<ResourceKind, ChangeFeed>> = {};
    for (const kind of RESOURCE_KINDS) {
      feeds[kind] = new ChangeFeed(kind, options.history, {
        now: () => this.clock.now(),
        dropsWatch: (client) => options.dropsWatch(kind, client),
        copy,
      });
    }
    this.feeds = feeds as { [K in ResourceKind]: ChangeFeed };
  }

  /** The newest resourceVersion. */
  public get resourceVersion(): string {
    return String(this.version);
  }

  public feed(kind: ResourceKind): ChangeFeed {
    return this.feeds[kind];
  }

  public stored(kind: ResourceKind, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(kind, namespace, name);
  }

  public storedList(kind: ResourceKind, selection?: Selection): KubeObject[] {
    return this.store.list(kind, selection);
  }

  public count(kind: ResourceKind): number {
    return this.store.count(kind);
  }

  public list(kind: ResourceKind, selection: Selection | undefined): ObjectList<KubeObject> {
    return { items: this.store.list(kind, selection).map(copy), resourceVersion: this.resourceVersion };
  }

  public watch(
    client: string,
    kind: ResourceKind,
    options: WatchOptions,
    handler: WatchHandler<KubeObject>,
  ): WatchHandle {
    return this.feeds[kind].open(client, options, handler, () => this.store.list(kind, options), this.version);
  }

  public get(kind: ResourceKind, namespace: string, name: string): KubeObject {
    return copy(this.existing(kind, namespace, name));
  }

  public create(kind: ResourceKind, object: KubeObject): KubeObject {
    const incoming = copy(object);
    const namespace = incoming.metadata?.namespace ?? '';
    const name = incoming.metadata?.name || this.generateName(kind, namespace, incoming.metadata?.generateName);
    const problems = [...identityProblems(kind, incoming, name), ...contentProblems(kind, incoming)];
    if (problems.length > 0) throw invalid(kind, name, problems);
    if (this.store.get(kind, namespace, name!) !== undefined) {
      throw new ClusterError(
        ClusterErrorReason.ALREADY_EXISTS,
        409,
        `${qualifiedResource(kind)} "${name}" already exists`,
      );
    }
    const now = this.clock.now();
    const stored = prepareForCreate(kind, incoming, {
      name: name!,
      uid: this.nextUid(),
      resourceVersion: this.nextVersion(),
      now,
    });
    this.store.put(kind, stored);
    if (kind === ResourceKind.EVENT)
      this.eventExpiry.push({ expiresAt: now + this.eventTtlMs, namespace, name: name!, uid: stored.metadata.uid! });
    this.publish(kind, WatchEventType.ADDED, stored);
    return copy(stored);
  }

  /** An update of the whole object (`statusOnly` false) or of the status subresource. */
  public update(kind: ResourceKind, object: KubeObject, statusOnly: boolean): KubeObject {
    if (statusOnly && !RESOURCE_TYPES[kind].statusSubresource) {
      throw new ClusterError(ClusterErrorReason.NOT_FOUND, 404, `${qualifiedResource(kind)} has no status subresource`);
    }
    const incoming = copy(object);
    const name = incoming.metadata?.name;
    const problems = identityProblems(kind, incoming, name);
    if (problems.length > 0) throw invalid(kind, name, problems);
    const stored = this.existing(kind, incoming.metadata.namespace!, name!);
    if (incoming.metadata.uid !== undefined && incoming.metadata.uid !== stored.metadata.uid) {
      throw conflict(
        kind,
        name!,
        `Precondition failed: UID in precondition: ${incoming.metadata.uid}, UID in object meta: ${stored.metadata.uid}`,
      );
    }
    if (incoming.metadata.resourceVersion && incoming.metadata.resourceVersion !== stored.metadata.resourceVersion) {
      throw conflict(
        kind,
        name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    if (!statusOnly) {
      const added = finalizersAddedWhileDeleting(stored, incoming);
      if (added.length > 0) throw invalid(kind, name, added);
    }
    const next = statusOnly ? prepareForStatusUpdate(stored, incoming) : prepareForUpdate(kind, stored, incoming);
    return copy(this.replace(kind, stored, next));
  }

  public delete(kind: ResourceKind, namespace: string, name: string, options: DeleteOptions): void {
    const stored = this.existing(kind, namespace, name);
    if (options.uid !== undefined && options.uid !== stored.metadata.uid) {
      throw conflict(
        kind,
        name,
        `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${stored.metadata.uid}`,
      );
    }
    if (options.resourceVersion !== undefined && options.resourceVersion !== stored.metadata.resourceVersion) {
      throw conflict(
        kind,
        name,
        `Precondition failed: ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${stored.metadata.resourceVersion}`,
      );
    }
    this.deleteObject(kind, stored, options.propagationPolicy ?? RESOURCE_TYPES[kind].defaultPropagation);
  }

  /** Deletes the Events whose time to live has passed (the server does this on its own; the double on each request). */
  public expireEvents(): void {
    const now = this.clock.now();
    while (this.eventExpiryHead < this.eventExpiry.length && this.eventExpiry[this.eventExpiryHead].expiresAt <= now) {
      const { namespace, name, uid } = this.eventExpiry[this.eventExpiryHead++];
      const stored = this.store.get(ResourceKind.EVENT, namespace, name);
      if (stored?.metadata.uid === uid) this.removeObject(ResourceKind.EVENT, withVersion(stored, this.nextVersion()));
    }
    if (this.eventExpiryHead > 1024 && this.eventExpiryHead * 2 > this.eventExpiry.length) {
      this.eventExpiry = this.eventExpiry.slice(this.eventExpiryHead);
      this.eventExpiryHead = 0;
    }
  }

  private existing(kind: ResourceKind, namespace: string, name: string): KubeObject {
    const stored = this.store.get(kind, namespace, name);
    if (stored === undefined)
      throw new ClusterError(ClusterErrorReason.NOT_FOUND, 404, `${qualifiedResource(kind)} "${name}" not found`);
    return stored;
  }

  /** Stores an updated object: nothing happens when nothing changed; the object goes when a deleted object loses its last finalizer. */
  private replace(kind: ResourceKind, stored: KubeObject, next: KubeObject): KubeObject {
    if (sameContent(stored, next)) return stored;
    const versioned = withVersion(next, this.nextVersion());
    if (versioned.metadata.deletionTimestamp !== undefined && (versioned.metadata.finalizers ?? []).length === 0) {
      this.removeObject(kind, versioned);
      return versioned;
    }
    this.store.put(kind, versioned);
    this.publish(kind, WatchEventType.MODIFIED, versioned, stored);
    return versioned;
  }

  private deleteObject(kind: ResourceKind, stored: KubeObject, policy: PropagationPolicy): void {
    const uid = stored.metadata.uid!;
    if (policy === PropagationPolicy.FOREGROUND && this.store.dependentsOf(uid).length > 0) {
      // The owner waits, marked deleted, under the garbage collector's finalizer until the
      // dependents that block its deletion are gone (they may wait for finalizers of their own).
      const finalizers = stored.metadata.finalizers ?? [];
      this.replace(kind, stored, {
        ...stored,
        metadata: {
          ...stored.metadata,
          deletionTimestamp: stored.metadata.deletionTimestamp ?? formatTimestamp(this.clock.now()),
          finalizers: finalizers.includes(FOREGROUND_FINALIZER) ? finalizers : [...finalizers, FOREGROUND_FINALIZER],
        },
      });
      for (const key of this.store.dependentsOf(uid)) this.collect(key, uid, PropagationPolicy.FOREGROUND);
      this.finishForegroundDeletion(uid);
      return;
    }
    if (policy === PropagationPolicy.ORPHAN) {
      for (const key of this.store.dependentsOf(uid)) this.dropOwnerReferences(key, new Set([uid]));
    }
    if ((stored.metadata.finalizers ?? []).length > 0) {
      // Deletion waits for the finalizers; meanwhile the object shows when it was asked for.
      if (stored.metadata.deletionTimestamp === undefined) {
        this.replace(kind, stored, {
          ...stored,
          metadata: { ...stored.metadata, deletionTimestamp: formatTimestamp(this.clock.now()) },
        });
      }
      return;
    }
    this.removeObject(kind, withVersion(stored, this.nextVersion()));
  }

  /** Removes an object (already carrying its deletion's resourceVersion), then collects its dependents. */
  private removeObject(kind: ResourceKind, last: KubeObject): void {
    const { namespace, name, uid } = last.metadata;
    this.store.remove(kind, namespace!, name!);
    this.publish(kind, WatchEventType.DELETED, last);
    for (const key of this.store.dependentsOf(uid!)) this.collect(key, uid!, PropagationPolicy.BACKGROUND);
    for (const reference of last.metadata.ownerReferences ?? []) this.finishForegroundDeletion(reference.uid);
  }

  /** Lets an owner in foreground deletion go once no dependent with `blockOwnerDeletion` is left. */
  private finishForegroundDeletion(ownerUid: string): void {
    const owner = this.store.getByUid(ownerUid);
    if (owner === undefined || !(owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) return;
    const blocking = this.store
      .dependentsOf(ownerUid)
      .some((key) =>
        this.store
          .get(key.kind, key.namespace, key.name)
          ?.metadata.ownerReferences?.some((ref) => ref.uid === ownerUid && ref.blockOwnerDeletion === true),
      );
    if (blocking) return;
    const finalizers = owner.metadata.finalizers!.filter((f) => f !== FOREGROUND_FINALIZER);
    this.replace(owner.kind as ResourceKind, owner, { ...owner, metadata: { ...owner.metadata, finalizers } });
  }

  /**
   * The garbage collector's decision for one dependent of a deleted owner: delete it when none of
   * its owners exists any more, otherwise only drop the references to the owners that are gone.
   */
  private collect(key: ObjectKey, deletedOwner: string, policy: PropagationPolicy): void {
    const dependent = this.store.get(key.kind, key.namespace, key.name);
    if (dependent === undefined) return;
    const references = dependent.metadata.ownerReferences ?? [];
    const gone = new Set(
      references
        .filter((ref) => ref.uid === deletedOwner || this.store.getByUid(ref.uid) === undefined)
        .map((ref) => ref.uid),
    );
    if (gone.size === references.length) this.deleteObject(key.kind, dependent, policy);
    else this.dropOwnerReferences(key, gone);
  }

  private dropOwnerReferences(key: ObjectKey, uids: ReadonlySet<string>): void {
    const dependent = this.store.get(key.kind, key.namespace, key.name)!;
    const ownerReferences = (dependent.metadata.ownerReferences ?? []).filter((ref) => !uids.has(ref.uid));
    const { ownerReferences: _dropped, ...rest } = dependent.metadata;
    const metadata = ownerReferences.length === 0 ? rest : { ...rest, ownerReferences };
    this.replace(key.kind, dependent, { ...dependent, metadata });
  }

  private publish(kind: ResourceKind, type: Change['type'], object: KubeObject, previous?: KubeObject): void {
    this.feeds[kind].publish({ resourceVersion: this.version, type, object, previous, at: this.clock.now() });
  }

  private generateName(kind: ResourceKind, namespace: string, prefix: string | undefined): string | undefined {
    if (!prefix) return undefined;
    for (let attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
      const name = generatedName(prefix, (bound) => this.names.below(bound));
      if (this.store.get(kind, namespace, name) === undefined) return name;
    }
    throw new ClusterError(
      ClusterErrorReason.ALREADY_EXISTS,
      409,
      `${qualifiedResource(kind)}: no free name for generateName "${prefix}"`,
    );
  }

  private nextVersion(): string {
    return String(++this.version);
  }

  /** A UUID-shaped uid: random, with a counter in the last group so it is also unique. */
  private nextUid(): string {
    const hex = (digits: number) =>
      this.uids
        .below(16 ** digits)
        .toString(16)
        .padStart(digits, '0');
    const count = (++this.uidCount).toString(16).padStart(12, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${count}`;
  }
}

function qualifiedResource(kind: ResourceKind): string {
  const type = RESOURCE_TYPES[kind];
  return `${type.plural}.${type.group}`;
}

function invalid(kind: ResourceKind, name: string | undefined, problems: string[]): ClusterError {
  return new ClusterError(
    ClusterErrorReason.INVALID,
    422,
    `${kind}.${RESOURCE_TYPES[kind].group} "${name ?? ''}" is invalid: ${problems.join('; ')}`,
  );
}

function conflict(kind: ResourceKind, name: string, detail: string): ClusterError {
  return new ClusterError(
    ClusterErrorReason.CONFLICT,
    409,
    `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${name}": ${detail}`,
  );
}

function withVersion(object: KubeObject, resourceVersion: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion } };
}

/**
 * Objects cross the server boundary as copies, as they would as JSON over HTTP. A walk over plain
 * JSON data (objects, arrays, primitives) is several times faster than a JSON round trip or
 * structuredClone, and copying is most of the cost of a request.
 */
export function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const field = (value as { [key: string]: unknown })[key];
    if (field !== undefined) result[key] = copy(field);
  }
  return result as T;
}
