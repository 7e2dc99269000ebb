/**
 * A small language for describing a resource's fields once, and the four things done with such a
 * description: the CRD schema is derived from it (`schemaOf`), untrusted JSON is read by it with
 * every problem collected (`readWire`), plan values are written back by it (`writeWire`), and a
 * plan value's ranges, enums and non-empty strings are checked by it (`limitProblems`, the share
 * of `validatePlanSpec` a schema can say). The ScheduledJob's description is
 * scheduled-job-model.ts.
 *
 * A description follows the wire type field for field (the compiler checks the names, the CRD
 * test their JSON types). Reading and writing convert what differs between the wire and the plan:
 * instants are RFC 3339 strings on the wire and milliseconds in the plan; everything else is the
 * same value.
 */
import { formatInstant, RFC3339_PATTERN } from '../../schedule/instants';
import { arrayOf, bool, int32, int64, INT32_MAX, JsonSchema, str } from '../crd/json-schema';
import { FieldProblem, fieldPath, FieldReader, JsonRecord } from './field-reader';

/** A text field; `refuse` returns why a value cannot be used, beyond what the pattern says. */
export interface TextModel {
  readonly kind: 'text';
  readonly description: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly refuse?: (value: string) => string | undefined;
}

/** One of a string enum's values. */
export interface ChoiceModel {
  readonly kind: 'choice';
  readonly description: string;
  readonly values: readonly string[];
}

/** A whole number; `maximum` absent means the format's own limit. */
export interface IntegerModel {
  readonly kind: 'integer';
  readonly description: string;
  readonly format: 'int32' | 'int64';
  readonly minimum: number;
  readonly maximum?: number;
}

export interface FlagModel {
  readonly kind: 'flag';
  readonly description: string;
}

/** An RFC 3339 string on the wire, milliseconds since the epoch in the plan. */
export interface InstantModel {
  readonly kind: 'instant';
  readonly description: string;
}

export interface ListModel {
  readonly kind: 'list';
  readonly description: string;
  readonly items: WireModel;
  readonly minItems?: number;
  /** A list of objects identified by these keys (a CRD map list, such as conditions by type). */
  readonly mapKeys?: readonly string[];
}

/** An object of known fields. */
export interface RecordModel {
  readonly kind: 'record';
  readonly description: string;
  readonly fields: { readonly [name: string]: FieldModel };
  /** The fields the wire type requires, each with what to give (the message when it is missing). */
  readonly required: { readonly [name: string]: string };
  /** Unknown fields are ignored (a record the reconciler writes: a newer version's field is no mistake). */
  readonly open?: boolean;
}

/** A map of strings (labels, annotations). */
export interface StringMapModel {
  readonly kind: 'stringMap';
  readonly description: string;
}

/** An object embedded whole (a JobSpec): read as any object, with the CRD schema given. */
export interface EmbeddedModel {
  readonly kind: 'embedded';
  readonly schema: JsonSchema;
}

export type WireModel =
  | TextModel
  | ChoiceModel
  | IntegerModel
  | FlagModel
  | InstantModel
  | ListModel
  | RecordModel
  | StringMapModel
  | EmbeddedModel;

/** A field of a record: its model, and what an absent field reads as (for fields the reader may default). */
export type FieldModel = WireModel & { readonly absentAs?: unknown };

/** The keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

// Constructors. `record<W>` takes a model for every field of the wire type `W`, optional ones
// included, and what to give for exactly the fields `W` requires: the compiler refuses a field
// without a model, a model for a field `W` lacks, and a wrong required list.

export const text = (description: string, extra: Omit<TextModel, 'kind' | 'description'> = {}): TextModel => ({
  kind: 'text',
  description,
  ...extra,
});
export const choice = (description: string, values: Record<string, string>): ChoiceModel => ({
  kind: 'choice',
  description,
  values: Object.values(values),
});
export const int32Field = (description: string, minimum: number, maximum?: number): IntegerModel => ({
  kind: 'integer',
  description,
  format: 'int32',
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
export const int64Field = (description: string, minimum: number): IntegerModel => ({
  kind: 'integer',
  description,
  format: 'int64',
  minimum,
});
export const flag = (description: string): FlagModel => ({ kind: 'flag', description });
export const instant = (description: string): InstantModel => ({ kind: 'instant', description });
export const list = (
  description: string,
  items: WireModel,
  extra: Omit<ListModel, 'kind' | 'description' | 'items'> = {},
): ListModel => ({
  kind: 'list',
  description,
  items,
  ...extra,
});
export const stringMap = (description: string): StringMapModel => ({ kind: 'stringMap', description });
export const embedded = (schema: JsonSchema): EmbeddedModel => ({ kind: 'embedded', schema });
export function record<W>(
  description: string,
  fields: { readonly [K in keyof Required<W>]: FieldModel },
  required: { readonly [K in RequiredKeys<W>]: string },
  options: { readonly open?: boolean } = {},
): RecordModel {
  return { kind: 'record', description, fields, required, ...options };
}
/** A field that reads as `value` when absent (the wire type may still require it: the writer always writes it). */
export const absentAs = <M extends WireModel>(model: M, value: unknown): M & { readonly absentAs: unknown } => ({
  ...model,
  absentAs: value,
});

/** The CRD schema of a model. */
export function schemaOf(model: WireModel): JsonSchema {
  switch (model.kind) {
    case 'text': {
      const { pattern, minLength } = model;
      return str(model.description, {
        ...(pattern === undefined ? {} : { pattern }),
        ...(minLength === undefined ? {} : { minLength }),
      });
    }
    case 'choice':
      return { type: 'string', description: model.description, enum: model.values };
    case 'integer':
      return model.format === 'int32'
        ? int32(model.description, model.minimum, model.maximum ?? INT32_MAX)
        : int64(model.description, model.minimum);
    case 'flag':
      return bool(model.description);
    case 'instant':
      return str(model.description, { format: 'date-time', pattern: RFC3339_PATTERN });
    case 'list': {
      const schema = arrayOf(
        model.description,
        schemaOf(model.items),
        model.minItems === undefined ? {} : { minItems: model.minItems },
      );
      if (model.mapKeys === undefined) return schema;
      return { ...schema, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': model.mapKeys };
    }
    case 'record': {
      const properties = Object.fromEntries(
        Object.entries(model.fields).map(([name, field]) => [name, schemaOf(field)]),
      );
      const required = Object.keys(model.required);
      return {
        type: 'object',
        description: model.description,
        properties,
        ...(required.length > 0 ? { required } : {}),
      };
    }
    case 'stringMap':
      return { type: 'object', description: model.description, additionalProperties: { type: 'string' } };
    case 'embedded':
      return model.schema;
  }
}

const absent = (value: unknown) => value === undefined || value === null;

/**
 * Reads untrusted JSON by its model, recording every problem in `r` with its path: the value with
 * instants as milliseconds, or undefined when it cannot be read. A record leaves out fields that
 * are absent (null counts as absent) or unreadable, and is itself undefined when a required field
 * is missing or unreadable.
 */
export function readWire(r: FieldReader, path: string, model: WireModel, value: unknown): unknown {
  switch (model.kind) {
    case 'text': {
      const read = r.string(path, value);
      const refusal = read === undefined ? undefined : model.refuse?.(read);
      return refusal === undefined ? read : r.problem(path, refusal);
    }
    case 'choice':
      return r.oneOf(path, value, model.values);
    case 'integer':
      return r.number(path, value);
    case 'flag':
      return r.boolean(path, value);
    case 'instant':
      return r.instant(path, value);
    case 'list':
      return r.array(path, value, (itemPath, item) => readWire(r, itemPath, model.items, item));
    case 'stringMap':
      return r.stringMap(path, value);
    case 'embedded':
      return r.object(path, value);
    case 'record':
      return readRecord(r, path, model, value);
  }
}

function readRecord(r: FieldReader, path: string, model: RecordModel, value: unknown): JsonRecord | undefined {
  const fields = r.object(path, value, Object.keys(model.fields), model.open);
  if (fields === undefined) return undefined;
  const out: { [name: string]: unknown } = {};
  let complete = true;
  // Missing required fields first: they say what the object is for, before the details.
  for (const [name, what] of Object.entries(model.required)) {
    if (absent(fields[name]) && model.fields[name].absentAs === undefined) {
      r.problem(fieldPath(path, name), `Required value: ${what}`);
      complete = false;
    }
  }
  for (const [name, field] of Object.entries(model.fields)) {
    if (absent(fields[name])) {
      if (field.absentAs !== undefined) out[name] = field.absentAs;
      continue;
    }
    const read = readWire(r, fieldPath(path, name), field, fields[name]);
    if (read !== undefined) out[name] = read;
    else if (name in model.required) complete = false;
  }
  return complete ? out : undefined;
}

/** A plan value in wire form: instants as Go's RFC 3339; undefined fields left out, in the model's order. */
export function writeWire(model: WireModel, value: unknown): unknown {
  switch (model.kind) {
    case 'instant':
      return formatInstant(value as number);
    case 'list':
      return (value as readonly unknown[]).map((item) => writeWire(model.items, item));
    case 'record': {
      const object = value as JsonRecord;
      const out: { [name: string]: unknown } = {};
      for (const [name, field] of Object.entries(model.fields)) {
        if (object[name] !== undefined) out[name] = writeWire(field, object[name]);
      }
      return out;
    }
    default:
      return value;
  }
}

/**
 * What the schema's bounds say about a plan value that is already typed (read from the wire, or
 * built in code): whole numbers in range, enum values, non-empty strings, finite instants. Paths
 * are relative to `path` ('' for the root: `bufferLimit`, `backfill.maxRuns`).
 */
export function limitProblems(model: WireModel, value: unknown, path = ''): FieldProblem[] {
  if (value === undefined) return [];
  const at = path === '' ? '(value)' : path;
  switch (model.kind) {
    case 'integer': {
      const max = model.maximum ?? (model.format === 'int32' ? INT32_MAX : Number.MAX_SAFE_INTEGER);
      const n = value as number;
      if (Number.isInteger(n) && n >= model.minimum && n <= max) return [];
      let range = `from ${model.minimum} to ${max}`;
      if (model.maximum === undefined) range = n > max ? `of at most ${max}` : `of at least ${model.minimum}`;
      return [{ field: at, message: `must be a whole number ${range}, not ${n}` }];
    }
    case 'choice':
      return model.values.includes(value as string)
        ? []
        : [{ field: at, message: `must be one of ${model.values.join(', ')}, not ${JSON.stringify(value)}` }];
    case 'text':
      return model.minLength !== undefined && (value as string).length < model.minLength
        ? [{ field: at, message: 'must not be empty' }]
        : [];
    case 'instant':
      return Number.isFinite(value) ? [] : [{ field: at, message: 'must be an instant' }];
    case 'list':
      return (value as readonly unknown[]).flatMap((item, i) => limitProblems(model.items, item, `${path}[${i}]`));
    case 'record': {
      const object = value as JsonRecord;
      return Object.entries(model.fields).flatMap(([name, field]) =>
        limitProblems(field, object[name], path === '' ? name : fieldPath(path, name)),
      );
    }
    default:
      return [];
  }
}
