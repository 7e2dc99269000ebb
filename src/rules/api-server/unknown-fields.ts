/**
 * Fields the API has no place for: a typo (`backofLimit` for `backoffLimit`), the wrong case
 * (`readonly` for `readOnly`), or a field one level off (`template.volumes` for
 * `template.spec.volumes`). kubectl asks the API server for strict field validation by default,
 * which refuses the object ("strict decoding error: unknown field ..."); a client that does not ask
 * gets the field dropped, with a warning nobody reads, so the setting silently never applies (a
 * mount meant to be read-only is writable).
 *
 * The field names are those of the Go types of the releases the library bundles
 * (data/known-fields.json, written by scripts/known-fields.ts), so the rule applies from the oldest
 * of them. A field a later release adds is reported for an earlier one too, unless it is a gated
 * field that field-unavailable-in-version already reports. Where the names come from a development
 * snapshot (the newest release, while the library had no release tag of it), a field the release
 * gained later would be missing, so from that release on a name is reported only when it is a
 * misspelling or misplacement of a known field. Maps (labels, resources) and free-form JSON are not
 * looked into.
 */
import leven from 'leven';
import KNOWN_FIELDS from '../data/known-fields.json';
import { FEATURES, formatVersion, isAtLeast, KubernetesVersion } from '../kubernetes-version';
import { Violation } from '../rule';
import { isObject } from '../support/access';
import { child, index } from '../support/field-path';
import { apiServerRule, BOTH_KINDS } from './api-server-rule';

/** A field's value in the data: '' a scalar, '*' any JSON, 'map' a map with open keys, a type name, or '[]' + a shape. */
type Shape = string;

/** A struct type as the walk reads it: its fields by name. */
interface StructType {
  readonly name: string;
  readonly fields: Map<string, KnownField>;
}

interface KnownField {
  /** The struct its value is (through `lists` lists), or undefined for a scalar, a map or any JSON. */
  struct?: StructType;
  lists: number;
  /** The first release with the field, when the oldest the data knows lacks it. */
  since?: number;
}

/** The data compiled once: each struct type with its fields linked to their types. */
const STRUCTS: ReadonlyMap<string, StructType> = compileTypes(KNOWN_FIELDS.types, KNOWN_FIELDS.since);

function compileTypes(
  types: Readonly<Record<string, Readonly<Record<string, Shape>>>>,
  since: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Map<string, StructType> {
  const structs = new Map<string, StructType>(
    Object.keys(types).map((name) => [name, { name, fields: new Map<string, KnownField>() }]),
  );
  for (const [name, fields] of Object.entries(types))
    for (const [field, shape] of Object.entries(fields)) {
      const inner = shape.replace(/^(\[\])+/, '');
      structs.get(name)!.fields.set(field, {
        struct: structs.get(inner),
        lists: (shape.length - inner.length) / 2,
        since: since[name]?.[field],
      });
    }
  return structs;
}

/** The oldest release whose field names the data has. */
const FIELDS_KNOWN_SINCE = Math.min(...KNOWN_FIELDS.releases);
/** The first release whose field names come from a development snapshot (may lack late additions). */
const SNAPSHOT_FROM: number | null = KNOWN_FIELDS.snapshotFrom;
/** Gated fields field-unavailable-in-version reports for releases that lack them. */
const GATED_FIELDS: ReadonlySet<string> = new Set(Object.values(FEATURES).map((f) => f.feature));
/** The furthest a name may be from a field's for "did you mean" (two edits: a dropped letter and a swap). */
const MAX_EDIT_DISTANCE = 2;

/**
 * One walk over an object. Paths are kept as segments (field names, list indexes) and joined only
 * for a finding: most objects have none, and a path string per field would cost more than the check.
 */
interface Walk {
  readonly version: KubernetesVersion;
  readonly out: Violation[];
  readonly segments: (string | number)[];
  /** The objects being read, outermost first: their type and how many segments lead to them. */
  readonly types: StructType[];
  readonly depths: number[];
}

/** `path.name`, or `name` at the root of the object. */
function fieldAt(path: string, name: string): string {
  return path === '' ? name : child(path, name);
}

function pathOf(segments: readonly (string | number)[], length = segments.length): string {
  let path = '';
  for (let i = 0; i < length; i++) {
    const segment = segments[i];
    path = typeof segment === 'number' ? index(path, segment) : fieldAt(path, segment);
  }
  return path;
}

/** Where an unknown name was written: its object's type and path, and the object holding that one. */
interface Place {
  readonly type: StructType;
  readonly path: string;
  readonly parent?: { readonly type: StructType; readonly path: string };
}

function placeOf(walk: Walk): Place {
  const last = walk.types.length - 1;
  return {
    type: walk.types[last],
    path: pathOf(walk.segments),
    parent: last > 0 ? { type: walk.types[last - 1], path: pathOf(walk.segments, walk.depths[last - 1]) } : undefined,
  };
}

/** How to fix an unknown name, and whether the fix names the known field it most likely means. */
interface Suggestion {
  readonly fix: string;
  readonly namesField: boolean;
}

function suggestion(name: string, place: Place): Suggestion {
  const naming = (fix: string): Suggestion => ({ fix, namesField: true });
  const fields = place.type.fields;
  const names = [...fields.keys()];
  const sameLetters = names.find((f) => f.toLowerCase() === name.toLowerCase());
  if (sameLetters) return naming(`Write "${sameLetters}": field names are case-sensitive.`);
  for (const [field, { struct, lists }] of fields) {
    if (struct === undefined || !struct.fields.has(name)) continue;
    const at = `${fieldAt(place.path, field)}${lists > 0 ? '[i]' : ''}.${name}`;
    return naming(`Move it under ${field}${lists > 0 ? '[]' : ''}: "${name}" is a field of ${struct.name}, at ${at}.`);
  }
  if (place.parent?.type.fields.has(name))
    return naming(
      `Move it up one level: "${name}" is a field of ${place.parent.type.name}, at ${fieldAt(place.parent.path, name)}.`,
    );
  const close = names
    .map((f) => ({ f, distance: leven(f.toLowerCase(), name.toLowerCase()) }))
    .filter(({ distance }) => distance <= MAX_EDIT_DISTANCE)
    .sort((a, b) => a.distance - b.distance || (a.f < b.f ? -1 : 1));
  if (close.length > 0)
    return naming(`Did you mean "${close[0].f}"? Otherwise remove it (kubectl explain lists the fields).`);
  return {
    fix: `Remove it, or move it where it belongs (kubectl explain lists the fields of ${place.type.name}).`,
    namesField: false,
  };
}

function reportUnknown(name: string, walk: Walk): void {
  const place = placeOf(walk);
  const { fix, namesField } = suggestion(name, place);
  // From a snapshot on, a name like no known field may be one the release gained later.
  if (!namesField && SNAPSHOT_FROM !== null && isAtLeast(walk.version, SNAPSHOT_FROM)) return;
  walk.out.push({
    field: fieldAt(place.path, name),
    message: `${place.type.name} has no field "${name}": kubectl refuses the object (its strict field validation: "unknown field"), and a client that does not validate has the API server drop it, so the setting never applies.`,
    fix,
  });
}

function reportLater(name: string, since: number, walk: Walk): void {
  const place = placeOf(walk);
  walk.out.push({
    field: fieldAt(place.path, name),
    message: `${place.type.name} has no field "${name}" in Kubernetes ${formatVersion(walk.version)} (it first appears in 1.${since}): kubectl refuses the object there ("unknown field"), and other clients have it dropped.`,
    fix: `Leave ${name} out while the cluster runs a release before 1.${since}, or target that release.`,
  });
}

function checkValue(value: unknown, struct: StructType, lists: number, walk: Walk): void {
  if (lists > 0) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      walk.segments.push(i);
      checkValue(value[i], struct, lists - 1, walk);
      walk.segments.pop();
    }
    return;
  }
  if (isObject(value)) checkObject(value, struct, walk);
}

function checkObject(object: Readonly<Record<string, unknown>>, type: StructType, walk: Walk): void {
  walk.types.push(type);
  walk.depths.push(walk.segments.length);
  for (const name of Object.keys(object)) {
    const field = type.fields.get(name);
    if (field === undefined) {
      reportUnknown(name, walk);
      continue;
    }
    if (field.since !== undefined && !isAtLeast(walk.version, field.since)) {
      if (!GATED_FIELDS.has(name)) reportLater(name, field.since, walk);
      continue;
    }
    if (field.struct === undefined) continue;
    walk.segments.push(name);
    checkValue(object[name], field.struct, field.lists, walk);
    walk.segments.pop();
  }
  walk.types.pop();
  walk.depths.pop();
}

export const fieldUnknown = apiServerRule({
  id: 'field-unknown',
  kinds: BOTH_KINDS,
  since: FIELDS_KNOWN_SINCE,
  summary:
    'A field the API does not know (a typo, the wrong case, a field one level off): kubectl refuses the object, other clients drop the field.',
  check(input) {
    if (!isAtLeast(input.version, FIELDS_KNOWN_SINCE) || !isObject(input.object)) return [];
    const walk: Walk = { version: input.version, out: [], segments: [], types: [], depths: [] };
    checkObject(input.object, STRUCTS.get(input.kind)!, walk);
    return walk.out;
  },
});

export const UNKNOWN_FIELD_RULES = [fieldUnknown];
