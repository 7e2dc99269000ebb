/**
 * What the API server's OpenAPI validation would say of a value under one of our schemas, for
 * the keywords our CRD uses: type, enum, minimum, maximum, minLength, minItems, pattern,
 * required, properties, additionalProperties, items. Unknown fields are accepted (pruning, not
 * validation, drops them); `x-kubernetes-preserve-unknown-fields` needs no handling here.
 */
import { JsonSchema } from '../../../../src/reconciler/crd/json-schema';

export function valueProblems(schema: JsonSchema, value: unknown, path = ''): string[] {
  const here = path === '' ? '(root)' : path;
  const typeProblem = wrongType(schema, value);
  if (typeProblem) return [`${here}: ${typeProblem}`];
  const problems: string[] = [];
  if (schema.enum && !schema.enum.includes(value as string))
    problems.push(`${here}: not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${here}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${here}: above ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push(`${here}: shorter than ${schema.minLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${here}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      problems.push(`${here}: fewer than ${schema.minItems} items`);
    if (schema.items)
      value.forEach((item, i) => problems.push(...valueProblems(schema.items as JsonSchema, item, `${path}[${i}]`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (object[name] === undefined) problems.push(`${path === '' ? '' : `${path}.`}${name}: required`);
    for (const [name, field] of Object.entries(object)) {
      const fieldPath = path === '' ? name : `${path}.${name}`;
      const fieldSchema = schema.properties?.[name] ?? schema.additionalProperties;
      if (fieldSchema) problems.push(...valueProblems(fieldSchema, field, fieldPath));
    }
  }
  return problems;
}

function wrongType(schema: JsonSchema, value: unknown): string | undefined {
  switch (schema.type) {
    case undefined:
      return undefined;
    case 'integer':
      return Number.isInteger(value) ? undefined : 'not an integer';
    case 'number':
      return typeof value === 'number' ? undefined : 'not a number';
    case 'array':
      return Array.isArray(value) ? undefined : 'not an array';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'not an object';
    default:
      return typeof value === schema.type ? undefined : `not a ${schema.type}`;
  }
}
