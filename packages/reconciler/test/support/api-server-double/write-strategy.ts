/**
 * What the API server does to an object's content on create and update, as pure functions: the
 * minimal validation it applies before storing, the metadata it owns, and the spec/status split of
 * kinds with a status subresource. (Full Job validation is the rules layer's; the double only
 * refuses what would make it store nonsense.)
 */
import { KubeObject, ObjectMeta, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';

type Json = { [key: string]: unknown };

/** DNS-1123 subdomain: the name rule of every kind here. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_SUBDOMAIN = 253;
/** Job names become the value of the `batch.kubernetes.io/job-name` label, so they must fit a label value. */
const MAX_JOB_NAME = 63;
/** Like the API server: a generated name is the prefix (cut to 58 characters) and five random characters. */
const MAX_GENERATE_NAME_PREFIX = 58;
const GENERATED_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const GENERATED_SUFFIX_LENGTH = 5;

/** Server-owned metadata fields: what the caller sends there is replaced by the stored values. */
const SERVER_OWNED_METADATA = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'generation',
  'resourceVersion',
] as const;

/** A name from `generateName`, given a source of random integers below a bound. */
export function generatedName(prefix: string, randomBelow: (bound: number) => number): string {
  let suffix = '';
  for (let i = 0; i < GENERATED_SUFFIX_LENGTH; i++)
    suffix += GENERATED_SUFFIX_ALPHABET[randomBelow(GENERATED_SUFFIX_ALPHABET.length)];
  return prefix.slice(0, MAX_GENERATE_NAME_PREFIX) + suffix;
}

/** RFC 3339 with whole seconds, as metadata timestamps are stored. */
export function formatTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Problems with the object's identity (`field: message`), for create and update alike. */
export function identityProblems(kind: ResourceKind, object: KubeObject, name: string | undefined): string[] {
  const type = RESOURCE_TYPES[kind];
  const problems: string[] = [];
  if (object.apiVersion !== undefined && object.apiVersion !== type.apiVersion) {
    problems.push(`apiVersion: must be ${type.apiVersion} for ${kind}, not ${object.apiVersion}`);
  }
  const expectedKind: string = kind;
  if (object.kind !== undefined && object.kind !== expectedKind)
    problems.push(`kind: must be ${kind}, not ${object.kind}`);
  if (!object.metadata?.namespace) problems.push('metadata.namespace: Required value');
  if (name === undefined) {
    problems.push('metadata.name: Required value: name or generateName is required');
  } else {
    const limit = kind === ResourceKind.JOB ? MAX_JOB_NAME : MAX_SUBDOMAIN;
    if (name.length > limit)
      problems.push(`metadata.name: Invalid value: "${name}": must be no more than ${limit} characters`);
    if (!SUBDOMAIN.test(name))
      problems.push(`metadata.name: Invalid value: "${name}": must be a lowercase RFC 1123 subdomain`);
  }
  return problems;
}

/** Problems the API server finds in a new object's content beyond its identity. */
export function contentProblems(kind: ResourceKind, object: KubeObject): string[] {
  const problems: string[] = [];
  if (object.metadata.resourceVersion)
    problems.push('metadata.resourceVersion: must not be set on objects to be created');
  if (kind === ResourceKind.JOB) {
    const containers = field(field(field(field(object, 'spec'), 'template'), 'spec'), 'containers');
    if (!Array.isArray(containers) || containers.length === 0)
      problems.push('spec.template.spec.containers: Required value');
  }
  return problems;
}

/** An update may remove finalizers from an object being deleted, never add one (the API server's rule). */
export function finalizersAddedWhileDeleting(stored: KubeObject, incoming: KubeObject): string[] {
  if (stored.metadata.deletionTimestamp === undefined) return [];
  const before = stored.metadata.finalizers ?? [];
  const added = (incoming.metadata.finalizers ?? []).filter((f) => !before.includes(f));
  return added.length === 0
    ? []
    : [
        `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
      ];
}

/** The object to store for a create: server metadata assigned, status dropped where it is a subresource. */
export function prepareForCreate(
  kind: ResourceKind,
  object: KubeObject,
  assigned: { name: string; uid: string; resourceVersion: string; now: number },
): KubeObject {
  const type = RESOURCE_TYPES[kind];
  const metadata: Json = {
    ...object.metadata,
    name: assigned.name,
    uid: assigned.uid,
    resourceVersion: assigned.resourceVersion,
    creationTimestamp: formatTimestamp(assigned.now),
  };
  delete metadata.deletionTimestamp;
  if (type.statusSubresource) metadata.generation = 1;
  else delete metadata.generation;
  const stored: Json = { ...(object as unknown as Json), apiVersion: type.apiVersion, kind, metadata };
  if (type.statusSubresource) delete stored.status;
  return stored as unknown as KubeObject;
}

/**
 * The object to store for an update: the caller's content, with the server-owned metadata kept and,
 * for kinds with a status subresource, the stored status kept and the generation bumped on a spec change.
 */
export function prepareForUpdate(kind: ResourceKind, stored: KubeObject, incoming: KubeObject): KubeObject {
  const type = RESOURCE_TYPES[kind];
  const next: Json = {
    ...(incoming as unknown as Json),
    apiVersion: type.apiVersion,
    kind,
    metadata: keepServerMetadata(stored.metadata, incoming.metadata),
  };
  if (type.statusSubresource) {
    const previousStatus = (stored as unknown as Json).status;
    if (previousStatus === undefined) delete next.status;
    else next.status = previousStatus;
    if (!sameJson((stored as unknown as Json).spec, next.spec))
      (next.metadata as Json).generation = (stored.metadata.generation ?? 0) + 1;
  }
  return next as unknown as KubeObject;
}

/** The object to store for a status update: everything as stored except the status. */
export function prepareForStatusUpdate(stored: KubeObject, incoming: KubeObject): KubeObject {
  const next: Json = { ...(stored as unknown as Json) };
  const status = (incoming as unknown as Json).status;
  if (status === undefined) delete next.status;
  else next.status = status;
  return next as unknown as KubeObject;
}

/** True when two stored objects differ at most in resourceVersion: such an update is a no-op. */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return sameJson(
    { ...a, metadata: { ...a.metadata, resourceVersion: undefined } },
    { ...b, metadata: { ...b.metadata, resourceVersion: undefined } },
  );
}

function keepServerMetadata(stored: ObjectMeta, incoming: ObjectMeta): ObjectMeta {
  const metadata: Json = { ...incoming, name: stored.name, namespace: stored.namespace };
  for (const field of SERVER_OWNED_METADATA) {
    const value = stored[field];
    if (value === undefined) delete metadata[field];
    else metadata[field] = value;
  }
  return metadata;
}

/** `value[key]` when value is an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
