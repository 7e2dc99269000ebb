/**
 * The API server double's storage: one map per kind and namespace, and an index from an owner's
 * uid to the objects that name it in their ownerReferences (what the garbage collector follows).
 * Stored objects are never mutated; a write replaces the whole object.
 */
import { Selection } from '../../../src/cluster/client';
import { KubeObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { matchesLabels } from '../../../src/cluster/labels';
import { RESOURCE_KINDS } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';

/** Where a stored object lives. */
export interface ObjectKey {
  readonly kind: ResourceKind;
  readonly namespace: string;
  readonly name: string;
}

export class ObjectStore {
  /** kind -> namespace -> name -> object */
  private readonly objects = new Map<ResourceKind, Map<string, Map<string, KubeObject>>>(
    RESOURCE_KINDS.map((kind) => [kind, new Map()]),
  );
  /** owner uid -> keys of the objects that reference it */
  private readonly dependents = new Map<string, Map<string, ObjectKey>>();
  /** uid -> key, to tell whether an owner still exists */
  private readonly byUid = new Map<string, ObjectKey>();

  public get(kind: ResourceKind, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(kind)!.get(namespace)?.get(name);
  }

  public getByUid(uid: string): KubeObject | undefined {
    const key = this.byUid.get(uid);
    return key && this.get(key.kind, key.namespace, key.name);
  }

  /** Stores `object` (whose metadata carries namespace, name and uid), replacing what was there. */
  public put(kind: ResourceKind, object: KubeObject): void {
    const { namespace, name, uid } = object.metadata as Required<
      Pick<KubeObject['metadata'], 'namespace' | 'name' | 'uid'>
    >;
    let names = this.objects.get(kind)!.get(namespace);
    if (names === undefined) {
      names = new Map();
      this.objects.get(kind)!.set(namespace, names);
    }
    const previous = names.get(name);
    names.set(name, object);
    const key: ObjectKey = { kind, namespace, name };
    this.byUid.set(uid, key);
    this.reindexOwners(key, previous, object);
  }

  public remove(kind: ResourceKind, namespace: string, name: string): KubeObject | undefined {
    const names = this.objects.get(kind)!.get(namespace);
    const previous = names?.get(name);
    if (previous === undefined) return undefined;
    names!.delete(name);
    if (names!.size === 0) this.objects.get(kind)!.delete(namespace);
    this.byUid.delete(previous.metadata.uid!);
    this.reindexOwners({ kind, namespace, name }, previous, undefined);
    return previous;
  }

  /** The selected objects of a kind, ordered by namespace then name (as etcd lists them). */
  public list(kind: ResourceKind, selection: Selection = {}): KubeObject[] {
    const byNamespace = this.objects.get(kind)!;
    const namespaces = selection.namespace === undefined ? [...byNamespace.keys()].sort() : [selection.namespace];
    const result: KubeObject[] = [];
    for (const namespace of namespaces) {
      const names = byNamespace.get(namespace);
      if (names === undefined) continue;
      for (const name of [...names.keys()].sort()) {
        const object = names.get(name)!;
        if (matchesLabels(object.metadata.labels, selection.labels)) result.push(object);
      }
    }
    return result;
  }

  /** Keys of the objects whose ownerReferences name `ownerUid`. */
  public dependentsOf(ownerUid: string): ObjectKey[] {
    return [...(this.dependents.get(ownerUid)?.values() ?? [])];
  }

  /** How many objects of `kind` are stored. */
  public count(kind: ResourceKind): number {
    let total = 0;
    for (const names of this.objects.get(kind)!.values()) total += names.size;
    return total;
  }

  private reindexOwners(key: ObjectKey, before: KubeObject | undefined, after: KubeObject | undefined): void {
    const id = `${key.kind}/${key.namespace}/${key.name}`;
    for (const reference of before?.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(reference.uid);
      set?.delete(id);
      if (set?.size === 0) this.dependents.delete(reference.uid);
    }
    for (const reference of after?.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(reference.uid);
      if (set === undefined) {
        set = new Map();
        this.dependents.set(reference.uid, set);
      }
      set.set(id, key);
    }
  }
}
