/**
 * The part of apiextensions.k8s.io/v1 `JSONSchemaProps` the ScheduledJob CRD uses, in wire names
 * (the object is written to YAML as is), and small builders for it. The ScheduledJob's own fields
 * are not written with these by hand: their schema is derived from their description
 * (resource/scheduled-job-model.ts); the embedded Job spec's is (job-template-schema.ts).
 */

/** The OpenAPI types a structural schema may use. */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface JsonSchema {
  readonly type?: JsonType;
  readonly description?: string;
  readonly format?: string;
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly pattern?: string;
  readonly 'x-kubernetes-preserve-unknown-fields'?: true;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
}

export function str(description: string, extra: Omit<JsonSchema, 'type' | 'description'> = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function bool(description: string): JsonSchema {
  return { type: 'boolean', description };
}

export const INT32_MAX = 2_147_483_647;

/** A 32-bit whole number (counts, limits), bounded like Kubernetes' own int32 fields. */
export function int32(description: string, minimum: number, maximum: number = INT32_MAX): JsonSchema {
  return { type: 'integer', format: 'int32', description, minimum, maximum };
}

/** A 64-bit whole number (durations in seconds). */
export function int64(description: string, minimum: number): JsonSchema {
  return { type: 'integer', format: 'int64', description, minimum };
}

export function arrayOf(
  description: string,
  items: JsonSchema,
  extra: Omit<JsonSchema, 'type' | 'description' | 'items'> = {},
): JsonSchema {
  return { type: 'array', description, items, ...extra };
}

/** A map of strings (labels, annotations). */
export function stringMap(description: string): JsonSchema {
  return { type: 'object', description, additionalProperties: { type: 'string' } };
}

/**
 * An object whose listed fields are typed and whose other fields are kept as written: for
 * Kubernetes types embedded whole (a JobSpec, a pod template), so that fields of releases newer
 * than this schema pass through instead of being pruned.
 */
export function openObject(
  description: string,
  properties: { readonly [name: string]: JsonSchema } = {},
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    description,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required } : {}),
    'x-kubernetes-preserve-unknown-fields': true,
  };
}
