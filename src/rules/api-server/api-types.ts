/**
 * The API's Go types (data/known-fields.json, written by scripts/known-fields.ts) as the rules that
 * read a whole object against them see them: every struct type with its fields, each field with the
 * JSON its value must be and the release it first appears in.
 */
import KNOWN_FIELDS from '../data/known-fields.json';

/** A JSON scalar as Go's decoder reads it into a field of that kind. */
export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'quantity' | 'int-or-string' | 'time';

/** What a field's value must be. */
export type ValueType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'struct'; readonly struct: StructType }
  | { readonly kind: 'list'; readonly items: ValueType }
  | { readonly kind: 'map'; readonly values: ValueType }
  | { readonly kind: 'any' };

/** A struct type: its fields by JSON name. */
export interface StructType {
  readonly name: string;
  readonly fields: ReadonlyMap<string, KnownField>;
}

export interface KnownField {
  readonly value: ValueType;
  /** The first release with the field, when the oldest the data knows lacks it. */
  readonly since?: number;
}

const SCALAR_KINDS: ReadonlySet<string> = new Set<ScalarKind>([
  'string',
  'bool',
  'int32',
  'int64',
  'quantity',
  'int-or-string',
  'time',
]);

/** The struct types by name, each field linked to its type. */
export const API_TYPES: ReadonlyMap<string, StructType> = compileTypes(KNOWN_FIELDS.types, KNOWN_FIELDS.since);

/** The oldest release whose types the data has. */
export const TYPES_KNOWN_SINCE = Math.min(...KNOWN_FIELDS.releases);

/** The struct a value holds directly or through lists, and how many lists lead to it. */
export function structWithin(value: ValueType): { readonly struct: StructType; readonly lists: number } | undefined {
  let lists = 0;
  let type = value;
  while (type.kind === 'list') {
    type = type.items;
    lists++;
  }
  return type.kind === 'struct' ? { struct: type.struct, lists } : undefined;
}

function compileTypes(
  types: Readonly<Record<string, Readonly<Record<string, string>>>>,
  since: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Map<string, StructType> {
  const fieldMaps = new Map<string, Map<string, KnownField>>();
  const structs = new Map<string, StructType>();
  for (const name of Object.keys(types)) {
    const fields = new Map<string, KnownField>();
    fieldMaps.set(name, fields);
    structs.set(name, { name, fields });
  }
  const valueType = (shape: string): ValueType => {
    if (shape.startsWith('[]')) return { kind: 'list', items: valueType(shape.slice(2)) };
    if (shape.startsWith('map:')) return { kind: 'map', values: valueType(shape.slice(4)) };
    if (shape === '*') return { kind: 'any' };
    const struct = structs.get(shape);
    if (struct !== undefined) return { kind: 'struct', struct };
    if (SCALAR_KINDS.has(shape)) return { kind: 'scalar', scalar: shape as ScalarKind };
    throw new Error(`known-fields.json: unknown shape "${shape}"`);
  };
  for (const [name, fields] of Object.entries(types))
    for (const [field, shape] of Object.entries(fields))
      fieldMaps.get(name)!.set(field, { value: valueType(shape), since: since[name]?.[field] });
  return structs;
}
