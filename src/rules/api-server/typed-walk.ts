/**
 * One walk of an object against the API's Go types (api-types.ts), as the API server's decoder
 * reads it: every field name it has no place for, every field only a later release has, and every
 * value of a JSON type it cannot decode. field-unknown and field-wrong-type report from the same
 * walk, made once per object.
 *
 * What the decoder accepts: `null` anywhere (Go leaves the zero value); a quantity as a string or a
 * number (whether the text is one is the quantity rules' to say); an IntOrString as a string or an
 * int32; a time as a string; any JSON where the type is free-form. Unknown fields and fields of a
 * later release are not looked into.
 */
import { isAtLeast, KubernetesVersion } from '../kubernetes-version';
import { RuleInput } from '../rule';
import { isObject } from '../support/access';
import { child, index, key } from '../support/field-path';
import { API_TYPES, ScalarKind, StructType, ValueType } from './api-types';

/** Where a field was written: its object's type and path, and the object holding that one. */
export interface FieldPlace {
  readonly type: StructType;
  /** The object's path; '' for the root. */
  readonly path: string;
  /** The object as written. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly parent?: {
    readonly type: StructType;
    readonly path: string;
    readonly value: Readonly<Record<string, unknown>>;
  };
}

/** A field name the targeted release's type lacks. */
export interface UnknownName {
  readonly name: string;
  readonly place: FieldPlace;
  /**
   * The release the field first appears in, when it is one of a later release.
   * @default - no release the data knows has the field
   */
  readonly since?: number;
}

/** A value the decoder cannot read into its field's type. */
export interface WrongType {
  readonly field: string;
  readonly expected: ValueType;
  readonly value: unknown;
}

export interface TypedWalk {
  /** In the order the object has them. */
  readonly unknownNames: readonly UnknownName[];
  readonly wrongTypes: readonly WrongType[];
}

/** A path segment: a field name, a list index, or a map key. */
type Segment = string | number | { readonly mapKey: string };

/**
 * The walk under way. Paths are kept as segments and joined only for a finding: most objects have
 * none, and a path string per field would cost more than the checks.
 */
interface Walk {
  readonly version: KubernetesVersion;
  readonly segments: Segment[];
  /** The objects being read, outermost first: their type, how many segments lead to them, and the object. */
  readonly types: StructType[];
  readonly depths: number[];
  readonly objects: Readonly<Record<string, unknown>>[];
  readonly unknownNames: UnknownName[];
  readonly wrongTypes: WrongType[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2 ** 63);
/** The largest double inside Go's int64 range. */
const INT64_MAX = 2 ** 63 - 1024;

// Keyed by the RuleInput the registry builds per object, so the walk lives exactly as long as one validation.
const cache = new WeakMap<RuleInput, TypedWalk>();

/** The walk of `input`'s object against its kind's type. */
export function typedWalk(input: RuleInput): TypedWalk {
  let result = cache.get(input);
  if (result === undefined) {
    const walk: Walk = {
      version: input.version,
      segments: [],
      types: [],
      depths: [],
      objects: [],
      unknownNames: [],
      wrongTypes: [],
    };
    const root = API_TYPES.get(input.kind)!;
    // The registry hands rules only Jobs and CronJobs, which are objects.
    if (isObject(input.object)) walkObject(input.object, root, walk);
    result = walk;
    cache.set(input, result);
  }
  return result;
}

/** `path.name`, or `name` at the root of the object. */
export function fieldAt(path: string, name: string): string {
  return path === '' ? name : child(path, name);
}

function pathOf(segments: readonly Segment[], length = segments.length): string {
  let path = '';
  for (let i = 0; i < length; i++) {
    const segment = segments[i];
    if (typeof segment === 'number') path = index(path, segment);
    else if (typeof segment === 'string') path = fieldAt(path, segment);
    else path = key(path, segment.mapKey);
  }
  return path;
}

function placeOf(walk: Walk): FieldPlace {
  const last = walk.types.length - 1;
  return {
    type: walk.types[last],
    path: pathOf(walk.segments),
    value: walk.objects[last],
    parent:
      last > 0
        ? {
            type: walk.types[last - 1],
            path: pathOf(walk.segments, walk.depths[last - 1]),
            value: walk.objects[last - 1],
          }
        : undefined,
  };
}

function walkObject(object: Readonly<Record<string, unknown>>, type: StructType, walk: Walk): void {
  walk.types.push(type);
  walk.depths.push(walk.segments.length);
  walk.objects.push(object);
  for (const name of Object.keys(object)) {
    const field = type.fields.get(name);
    if (field === undefined) {
      walk.unknownNames.push({ name, place: placeOf(walk) });
      continue;
    }
    if (field.since !== undefined && !isAtLeast(walk.version, field.since)) {
      walk.unknownNames.push({ name, place: placeOf(walk), since: field.since });
      continue;
    }
    const value = object[name];
    if (needsWalk(value, field.value)) walkAt(name, value, field.value, walk);
  }
  walk.types.pop();
  walk.depths.pop();
  walk.objects.pop();
}

/** Whether a value needs a closer look: present, and not a scalar its type accepts (the common case, decided without a path). */
function needsWalk(value: unknown, type: ValueType): boolean {
  return value !== null && value !== undefined && !(type.kind === 'scalar' && scalarFits(value, type.scalar));
}

/** Checks `value` one segment below the walk's current path. */
function walkAt(segment: Segment, value: unknown, type: ValueType, walk: Walk): void {
  walk.segments.push(segment);
  walkValue(value, type, walk);
  walk.segments.pop();
}

/** Checks a present value that is not a fitting scalar, at the walk's current path. */
function walkValue(value: unknown, type: ValueType, walk: Walk): void {
  switch (type.kind) {
    case 'any':
      return;
    case 'scalar':
      return wrongType(value, type, walk);
    case 'struct':
      return isObject(value) ? walkObject(value, type.struct, walk) : wrongType(value, type, walk);
    case 'list':
      if (!Array.isArray(value)) return wrongType(value, type, walk);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (needsWalk(item, type.items)) walkAt(i, item, type.items, walk);
      }
      return;
    case 'map':
      if (!isObject(value)) return wrongType(value, type, walk);
      for (const mapKey of Object.keys(value)) {
        const entry = value[mapKey];
        if (needsWalk(entry, type.values)) walkAt({ mapKey }, entry, type.values, walk);
      }
  }
}

function wrongType(value: unknown, expected: ValueType, walk: Walk): void {
  walk.wrongTypes.push({ field: pathOf(walk.segments), expected, value });
}

function scalarFits(value: unknown, kind: ScalarKind): boolean {
  switch (kind) {
    case 'string':
    case 'time':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int32':
      return isIntegerIn(value, INT32_MIN, INT32_MAX);
    case 'int64':
      return isIntegerIn(value, INT64_MIN, INT64_MAX);
    case 'quantity':
      return typeof value === 'string' || typeof value === 'number';
    case 'int-or-string':
      return typeof value === 'string' || isIntegerIn(value, INT32_MIN, INT32_MAX);
  }
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
