/**
 * Fields the API has no place for: a typo (`imagePullPolicy` as `imagePolicy`), the wrong case
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

/** A field's value: '' a scalar, '*' any JSON, 'map' a map with open keys, a type name, or '[]' + a shape. */
type Shape = string;

const TYPES: Readonly<Record<string, Readonly<Record<string, Shape>>>> = KNOWN_FIELDS.types;
const SINCE: Readonly<Record<string, Readonly<Record<string, number>>>> = KNOWN_FIELDS.since;
/** The oldest release whose field names the data has. */
const FIELDS_KNOWN_SINCE = Math.min(...KNOWN_FIELDS.releases);
/** The first release whose field names come from a development snapshot (may lack late additions). */
const SNAPSHOT_FROM: number | null = KNOWN_FIELDS.snapshotFrom;
/** Gated fields field-unavailable-in-version reports for releases that lack them. */
const GATED_FIELDS: ReadonlySet<string> = new Set(Object.values(FEATURES).map((f) => f.feature));
/** The furthest a name may be from a field's for "did you mean" (two edits: a dropped letter and a swap). */
const MAX_EDIT_DISTANCE = 2;

/** Where a value sits: its type, its path, and the type of the object holding it (for misplaced fields). */
interface Place {
  readonly type: string;
  readonly path: string;
  readonly parent?: { readonly type: string; readonly path: string };
}

/** The struct type a shape names, through lists; undefined for scalars, maps and free-form JSON. */
function structOf(shape: Shape): string | undefined {
  const type = shape.replace(/^(\[\])+/, '');
  return TYPES[type] === undefined ? undefined : type;
}

/** How to fix an unknown name, and whether the fix names the known field it most likely means. */
interface Suggestion {
  readonly fix: string;
  readonly namesField: boolean;
}

function suggestion(name: string, place: Place): Suggestion {
  const naming = (fix: string): Suggestion => ({ fix, namesField: true });
  const fields = TYPES[place.type];
  const names = Object.keys(fields);
  const sameLetters = names.find((f) => f.toLowerCase() === name.toLowerCase());
  if (sameLetters) return naming(`Write "${sameLetters}": field names are case-sensitive.`);
  for (const [field, shape] of Object.entries(fields)) {
    const inner = structOf(shape);
    if (inner === undefined || TYPES[inner][name] === undefined) continue;
    const list = shape.startsWith('[]');
    const at = `${place.path === '' ? '' : `${place.path}.`}${field}${list ? '[i]' : ''}.${name}`;
    return naming(`Move it under ${field}${list ? '[]' : ''}: "${name}" is a field of ${inner}, at ${at}.`);
  }
  if (place.parent && TYPES[place.parent.type][name] !== undefined)
    return naming(
      `Move it up one level: "${name}" is a field of ${place.parent.type}, at ${child(place.parent.path, name)}.`,
    );
  const close = names
    .map((f) => ({ f, distance: leven(f.toLowerCase(), name.toLowerCase()) }))
    .filter(({ distance }) => distance <= MAX_EDIT_DISTANCE)
    .sort((a, b) => a.distance - b.distance || (a.f < b.f ? -1 : 1));
  if (close.length > 0)
    return naming(`Did you mean "${close[0].f}"? Otherwise remove it (kubectl explain lists the fields).`);
  return {
    fix: `Remove it, or move it where it belongs (kubectl explain lists the fields of ${place.type}).`,
    namesField: false,
  };
}

function unknownField(name: string, place: Place, fix: string): Violation {
  return {
    field: place.path === '' ? name : child(place.path, name),
    message: `${place.type} has no field "${name}": kubectl refuses the object (its strict field validation: "unknown field"), and a client that does not validate has the API server drop it, so the setting never applies.`,
    fix,
  };
}

function laterField(name: string, place: Place, since: number, version: KubernetesVersion): Violation {
  return {
    field: place.path === '' ? name : child(place.path, name),
    message: `${place.type} has no field "${name}" in Kubernetes ${formatVersion(version)} (it first appears in 1.${since}): kubectl refuses the object there ("unknown field"), and other clients have it dropped.`,
    fix: `Leave ${name} out while the cluster runs a release before 1.${since}, or target that release.`,
  };
}

function checkValue(value: unknown, shape: Shape, place: Place, version: KubernetesVersion, out: Violation[]): void {
  if (shape.startsWith('[]')) {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) =>
      checkValue(item, shape.slice(2), { ...place, path: index(place.path, i) }, version, out),
    );
    return;
  }
  if (TYPES[shape] === undefined || !isObject(value)) return;
  checkObject(value, { ...place, type: shape }, version, out);
}

function checkObject(
  object: Readonly<Record<string, unknown>>,
  place: Place,
  version: KubernetesVersion,
  out: Violation[],
): void {
  const fields = TYPES[place.type];
  for (const name of Object.keys(object)) {
    const shape = fields[name];
    if (shape === undefined) {
      const { fix, namesField } = suggestion(name, place);
      // From a snapshot on, a name like no known field may be one the release gained later.
      if (namesField || SNAPSHOT_FROM === null || !isAtLeast(version, SNAPSHOT_FROM))
        out.push(unknownField(name, place, fix));
      continue;
    }
    const since = SINCE[place.type]?.[name];
    if (since !== undefined && !isAtLeast(version, since)) {
      if (!GATED_FIELDS.has(name)) out.push(laterField(name, place, since, version));
      continue;
    }
    const path = place.path === '' ? name : child(place.path, name);
    checkValue(
      object[name],
      shape,
      { type: place.type, path, parent: { type: place.type, path: place.path } },
      version,
      out,
    );
  }
}

export const fieldUnknown = apiServerRule({
  id: 'field-unknown',
  kinds: BOTH_KINDS,
  since: FIELDS_KNOWN_SINCE,
  summary:
    'A field the API does not know (a typo, the wrong case, a field one level off): kubectl refuses the object, other clients drop the field.',
  check(input) {
    if (!isAtLeast(input.version, FIELDS_KNOWN_SINCE) || !isObject(input.object)) return [];
    const violations: Violation[] = [];
    checkObject(input.object, { type: input.kind, path: '' }, input.version, violations);
    return violations;
  },
});

export const UNKNOWN_FIELD_RULES = [fieldUnknown];
