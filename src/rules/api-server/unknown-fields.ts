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
 * field that field-unavailable-in-version already reports. Maps (labels, resources) and free-form
 * JSON are not looked into.
 */
import leven from 'leven';
import { FEATURES, formatVersion, isAtLeast } from '../kubernetes-version';
import { FieldSpan, Violation } from '../rule';
import { isObject } from '../support/access';
import { structWithin, TYPES_KNOWN_SINCE } from './api-types';
import { apiServerRule, BOTH_KINDS } from './api-server-rule';
import { fieldAt, FieldPlace, typedWalk, UnknownName } from './typed-walk';

/** Gated fields field-unavailable-in-version reports for releases that lack them. */
const GATED_FIELDS: ReadonlySet<string> = new Set(Object.values(FEATURES).map((f) => f.feature));
/** The furthest a name may be from a field's for "did you mean" (two edits: a dropped letter and a swap). */
const MAX_EDIT_DISTANCE = 2;
/** How many letters a field may add to a name that is short for it (`name` for `secretName`, `configMapRef` for `configMapKeyRef`). */
const MAX_ADDED_LETTERS = 8;

/** Whether `name` is `field` with some letters left out (case aside), a few at most. */
function isShortFor(name: string, field: string): boolean {
  if (field.length <= name.length || field.length - name.length > MAX_ADDED_LETTERS) return false;
  const short = name.toLowerCase();
  const long = field.toLowerCase();
  let matched = 0;
  for (let i = 0; i < long.length && matched < short.length; i++) if (long[i] === short[matched]) matched++;
  return matched === short.length;
}

/** How to fix an unknown name, and the field it most likely means when that is a field left unset. */
interface Suggestion {
  readonly fix: string;
  /** The path of the field meant, when the object there does not set it (what the typo left unset). */
  readonly meant?: string;
}

/** `path`, unless `object` already sets `name` (then the unknown name left nothing unset there). */
function unsetField(object: unknown, path: string, name: string): string | undefined {
  return isObject(object) && Object.hasOwn(object, name) ? undefined : path;
}

function suggestion(name: string, place: FieldPlace): Suggestion {
  const fields = place.type.fields;
  const names = [...fields.keys()];
  const sameLetters = names.find((f) => f.toLowerCase() === name.toLowerCase());
  if (sameLetters)
    return {
      fix: `Write "${sameLetters}": field names are case-sensitive.`,
      meant: unsetField(place.value, fieldAt(place.path, sameLetters), sameLetters),
    };
  for (const [field, { value }] of fields) {
    const within = structWithin(value);
    if (within === undefined || !within.struct.fields.has(name)) continue;
    const { struct, lists } = within;
    const at = `${fieldAt(place.path, field)}${lists > 0 ? '[i]' : ''}.${name}`;
    return {
      fix: `Move it under ${field}${lists > 0 ? '[]' : ''}: "${name}" is a field of ${struct.name}, at ${at}.`,
      meant: lists > 0 ? undefined : unsetField(place.value[field], at, name),
    };
  }
  // Not onto a field the parent already sets: that would overwrite it (a secret volume's `name` is the volume's).
  if (place.parent?.type.fields.has(name) && !Object.hasOwn(place.parent.value, name)) {
    const at = fieldAt(place.parent.path, name);
    return { fix: `Move it up one level: "${name}" is a field of ${place.parent.type.name}, at ${at}.`, meant: at };
  }
  const close = names
    .map((f) => ({ f, distance: leven(f.toLowerCase(), name.toLowerCase()) }))
    .filter(
      ({ f, distance }) => distance <= MAX_EDIT_DISTANCE || (isShortFor(name, f) && !Object.hasOwn(place.value, f)),
    )
    .sort((a, b) => a.distance - b.distance || (a.f < b.f ? -1 : 1));
  if (close.length > 0)
    return {
      fix: `Did you mean "${close[0].f}"? Otherwise remove it (kubectl explain lists the fields).`,
      meant: unsetField(place.value, fieldAt(place.path, close[0].f), close[0].f),
    };
  return { fix: `Remove it, or move it where it belongs (kubectl explain lists the fields of ${place.type.name}).` };
}

/**
 * What follows from the unknown name: findings at the field it meant, or below it (`imge` leaves
 * the image unset); and, when it was meant inside its own object and that object sets no field the
 * API knows, findings about that object itself (a `valueFrom` holding only `secretKeyRf` names no
 * source).
 */
function causesOf(place: FieldPlace, meant: string | undefined): FieldSpan[] | undefined {
  if (meant === undefined) return undefined;
  const causes: FieldSpan[] = [{ field: meant, below: true }];
  const inOwnObject = place.path !== '' && meant.startsWith(`${place.path}.`);
  if (inOwnObject && Object.keys(place.value).every((f) => !place.type.fields.has(f)))
    causes.push({ field: place.path, below: false });
  return causes;
}

function unknownFieldViolation({ name, place }: UnknownName): Violation {
  const { fix, meant } = suggestion(name, place);
  return {
    field: fieldAt(place.path, name),
    message: `${place.type.name} has no field "${name}": kubectl refuses the object (its strict field validation: "unknown field"), and a client that does not validate has the API server drop it, so the setting never applies.`,
    fix,
    causes: causesOf(place, meant),
  };
}

function laterFieldViolation(name: string, since: number, place: FieldPlace, version: string): Violation {
  return {
    field: fieldAt(place.path, name),
    message: `${place.type.name} has no field "${name}" in Kubernetes ${version} (it first appears in 1.${since}): kubectl refuses the object there ("unknown field"), and other clients have it dropped.`,
    fix: `Leave ${name} out while the cluster runs a release before 1.${since}, or target that release.`,
  };
}

export const fieldUnknown = apiServerRule({
  id: 'field-unknown',
  kinds: BOTH_KINDS,
  since: TYPES_KNOWN_SINCE,
  summary:
    'A field the API does not know (a typo, the wrong case, a field one level off): kubectl refuses the object, other clients drop the field.',
  check(input) {
    if (!isAtLeast(input.version, TYPES_KNOWN_SINCE)) return [];
    const { unknownNames } = typedWalk(input);
    if (unknownNames.length === 0) return [];
    const out: Violation[] = [];
    for (const unknown of unknownNames) {
      const { name, since, place } = unknown;
      const violation =
        since === undefined
          ? unknownFieldViolation(unknown)
          : GATED_FIELDS.has(name)
            ? undefined
            : laterFieldViolation(name, since, place, formatVersion(input.version));
      if (violation !== undefined) out.push(violation);
    }
    return out;
  },
});

export const UNKNOWN_FIELD_RULES = [fieldUnknown];
