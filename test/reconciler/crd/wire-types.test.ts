/**
 * The CRD schema against the wire types the controller and the constructs use
 * (src/reconciler/resource/scheduled-job-resource.ts, read with the TypeScript compiler): the same
 * fields at every level, the same required fields, compatible JSON types; and every printer
 * column points at a field that exists, with a matching type.
 */
import { JsonSchema } from '../../../src/reconciler/crd/json-schema';
import { scheduledJobCrd, SCHEDULED_JOB_PRINTER_COLUMNS } from '../../../src/reconciler/crd/scheduled-job-crd';
import { Shape, wireTypeShapes } from './support/wire-types';

const shapes = wireTypeShapes();
const root = scheduledJobCrd().spec.versions[0].schema.openAPIV3Schema;

/** Where the schema and the type disagree, as `path: what`. */
function mismatches(schema: JsonSchema | undefined, shape: Shape, path: string): string[] {
  if (!schema) return [`${path}: no schema`];
  switch (shape.kind) {
    case 'string':
      return schema.type === 'string' ? [] : [`${path}: type ${schema.type}, the wire type is a string`];
    case 'number':
      return schema.type === 'integer' || schema.type === 'number'
        ? []
        : [`${path}: type ${schema.type}, the wire type is a number`];
    case 'boolean':
      return schema.type === 'boolean' ? [] : [`${path}: type ${schema.type}, the wire type is a boolean`];
    case 'unknown':
      return schema['x-kubernetes-preserve-unknown-fields'] ? [] : [`${path}: an unknown value must be preserved`];
    case 'array':
      return schema.type === 'array'
        ? mismatches(schema.items, shape.items, `${path}[]`)
        : [`${path}: type ${schema.type}, the wire type is a list`];
    case 'map':
      if (schema.type !== 'object') return [`${path}: type ${schema.type}, the wire type is a map`];
      if (shape.values.kind === 'unknown')
        return schema['x-kubernetes-preserve-unknown-fields']
          ? []
          : [`${path}: a map of unknown values must preserve unknown fields`];
      return mismatches(schema.additionalProperties, shape.values, `${path}[*]`);
    case 'object': {
      if (schema.type !== 'object') return [`${path}: type ${schema.type}, the wire type is an object`];
      const problems: string[] = [];
      const declared = Object.keys(schema.properties ?? {}).sort();
      const fields = [...shape.fields.keys()].sort();
      if (declared.join() !== fields.join())
        problems.push(`${path}: schema fields ${declared.join(', ')}; wire fields ${fields.join(', ')}`);
      const required = [...(schema.required ?? [])].sort();
      const wireRequired = fields.filter((f) => !shape.fields.get(f)!.optional);
      if (required.join() !== wireRequired.join())
        problems.push(`${path}: required ${required.join(', ')}; the wire type requires ${wireRequired.join(', ')}`);
      for (const [name, field] of shape.fields)
        problems.push(...mismatches(schema.properties?.[name], field.shape, `${path}.${name}`));
      return problems;
    }
  }
}

describe('the CRD schema and the wire types', () => {
  test('the compiler finds the resource types', () => {
    expect([...shapes.keys()]).toEqual(
      expect.arrayContaining(['ScheduledJobResource', 'ScheduledJobResourceSpec', 'ScheduledJobResourceStatus']),
    );
  });

  test('spec: every field of ScheduledJobResourceSpec, at every level, with its type and required-ness', () => {
    expect(mismatches(root.properties!.spec, shapes.get('ScheduledJobResourceSpec')!, 'spec')).toEqual([]);
  });

  test('status: every field of ScheduledJobResourceStatus, at every level', () => {
    expect(mismatches(root.properties!.status, shapes.get('ScheduledJobResourceStatus')!, 'status')).toEqual([]);
  });

  test('the comparison itself notices a missing field, an extra field, a wrong type and a wrong required list', () => {
    const spec = root.properties!.spec;
    const { dstPolicy, ...withoutDst } = spec.properties!;
    expect(dstPolicy).toBeDefined();
    const broken: JsonSchema = {
      ...spec,
      required: ['schedule'],
      properties: { ...withoutDst, extra: { type: 'string' }, jitterSeconds: { type: 'string' } },
    };
    const problems = mismatches(broken, shapes.get('ScheduledJobResourceSpec')!, 'spec');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spec: schema fields .*extra.*; wire fields .*dstPolicy/),
        expect.stringMatching(/^spec: required schedule; the wire type requires jobTemplate, schedule/),
        'spec.jitterSeconds: type string, the wire type is a number',
        'spec.dstPolicy: no schema',
      ]),
    );
  });
});

describe('printer columns', () => {
  const resource = shapes.get('ScheduledJobResource')!;

  /** The wire shape at a printer column's JSONPath; metadata fields are the API server's own. */
  function shapeAt(jsonPath: string): Shape | undefined {
    const parts = jsonPath.split('.').slice(1);
    if (parts[0] === 'metadata') return parts[1] === 'creationTimestamp' ? { kind: 'string' } : undefined;
    let shape: Shape | undefined = resource;
    for (const part of parts) shape = shape?.kind === 'object' ? shape.fields.get(part)?.shape : undefined;
    return shape;
  }

  test.each(SCHEDULED_JOB_PRINTER_COLUMNS.map((c) => [c.name, c] as const))(
    '%s points at a field of the wire type with a matching type',
    (_name, column) => {
      expect(column.jsonPath).toMatch(/^(\.[A-Za-z]+)+$/);
      const shape = shapeAt(column.jsonPath);
      const expected = { string: 'string', date: 'string', integer: 'number', number: 'number', boolean: 'boolean' }[
        column.type
      ];
      expect(shape?.kind).toBe(expected);
    },
  );

  test('a path that does not exist is noticed', () => {
    expect(shapeAt('.status.nextRunTime')).toBeUndefined();
    expect(shapeAt('.metadata.deletionGracePeriod')).toBeUndefined();
  });
});
