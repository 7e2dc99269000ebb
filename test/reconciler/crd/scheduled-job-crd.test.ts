/**
 * The ScheduledJob CRD: a structural schema by the rules of apiextensions.k8s.io/v1 (and the
 * checker of those rules catches each violation), names that agree with what the cluster client
 * requests, the status subresource, the printer columns, and stable output.
 */
import { stringify } from 'yaml';
import { RESOURCE_TYPES } from '../../../src/reconciler/resource/api-resources';
import { ResourceKind } from '../../../src/reconciler/resource/objects';
import { scheduledJobCrd, SCHEDULED_JOB_CRD_NAME } from '../../../src/reconciler/crd/scheduled-job-crd';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from '../../../src/reconciler/resource/scheduled-job-resource';
import { structuralProblems } from './support/structural-schema';

const crd = scheduledJobCrd();
const version = crd.spec.versions[0];
const schema = version.schema.openAPIV3Schema;

describe('structural schema', () => {
  test('the ScheduledJob schema follows every rule', () => {
    expect(structuralProblems(schema)).toEqual([]);
  });

  const root = (extra: Record<string, unknown>) => ({
    type: 'object',
    properties: { spec: { type: 'object', ...extra } },
  });
  test.each<[string, unknown, string, string]>([
    [
      'a field without a type',
      root({ properties: { a: { description: 'no type' } } }),
      'properties.spec.properties.a.type',
      'non-empty type',
    ],
    [
      'array items without a type',
      root({ properties: { a: { type: 'array', items: { minLength: 1 } } } }),
      'properties.spec.properties.a.items.type',
      'non-empty type',
    ],
    [
      'a map value without a type',
      root({ additionalProperties: { pattern: 'x' } }),
      'properties.spec.additionalProperties.type',
      'non-empty type',
    ],
    [
      'a root that is not an object',
      { type: 'array', items: { type: 'string' } },
      'type',
      'the root must be type: object',
    ],
    [
      'additionalProperties at the root',
      { type: 'object', additionalProperties: { type: 'string' } },
      'additionalProperties',
      'not allowed at the root',
    ],
    [
      'an array without items',
      root({ properties: { a: { type: 'array' } } }),
      'properties.spec.properties.a.items',
      'needs items',
    ],
    [
      'a field only inside anyOf',
      root({ properties: { a: { type: 'string' } }, anyOf: [{ properties: { b: { minLength: 1 } } }] }),
      'properties.spec.anyOf[0].properties.b',
      'also be specified outside',
    ],
    [
      'items only inside oneOf',
      root({ oneOf: [{ items: { minLength: 1 } }] }),
      'properties.spec.oneOf[0].items',
      'also be specified outside',
    ],
    [
      'a type inside allOf',
      root({ properties: { a: { type: 'string' } }, allOf: [{ properties: { a: { type: 'string' } } }] }),
      'properties.spec.allOf[0].properties.a.type',
      'not allowed inside',
    ],
    [
      'a description inside not',
      root({ not: { description: 'no' } }),
      'properties.spec.not.description',
      'not allowed inside',
    ],
    [
      'a default inside anyOf',
      root({ anyOf: [{ default: 1 }] }),
      'properties.spec.anyOf[0].default',
      'not allowed inside',
    ],
    [
      'nullable inside oneOf',
      root({ oneOf: [{ nullable: true }] }),
      'properties.spec.oneOf[0].nullable',
      'not allowed inside',
    ],
    [
      'an extension inside allOf',
      root({ allOf: [{ 'x-kubernetes-preserve-unknown-fields': true }] }),
      'properties.spec.allOf[0].x-kubernetes-preserve-unknown-fields',
      'extensions are not allowed',
    ],
    [
      'metadata inside a junctor',
      root({ properties: { metadata: { type: 'object' } }, anyOf: [{ properties: { metadata: {} } }] }),
      'properties.spec.anyOf[0].properties.metadata',
      'metadata must not be specified',
    ],
    [
      'root metadata restricting labels',
      { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } },
      'properties.metadata.properties.labels',
      'only name and generateName',
    ],
    [
      'root metadata with a pattern',
      { type: 'object', properties: { metadata: { type: 'object', pattern: 'x' } } },
      'properties.metadata.pattern',
      'only name and generateName',
    ],
    [
      'kind that is not a string',
      { type: 'object', properties: { kind: { type: 'integer' } } },
      'properties.kind.type',
      'kind must be a string',
    ],
    [
      'properties with additionalProperties',
      root({ properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } }),
      'properties.spec.additionalProperties',
      'exclude each other',
    ],
    [
      'additionalProperties: false',
      root({ additionalProperties: false }),
      'properties.spec.additionalProperties',
      'additionalProperties: false',
    ],
    [
      'uniqueItems',
      root({ properties: { a: { type: 'array', items: { type: 'string' }, uniqueItems: true } } }),
      'properties.spec.properties.a.uniqueItems',
      'uniqueItems',
    ],
    ['$ref', root({ properties: { a: { $ref: '#/x' } } }), 'properties.spec.properties.a.$ref', '$ref'],
    [
      'preserve-unknown-fields: false',
      root({ 'x-kubernetes-preserve-unknown-fields': false }),
      'properties.spec.x-kubernetes-preserve-unknown-fields',
      'must be true or absent',
    ],
    [
      'int-or-string with preserve-unknown-fields',
      root({ properties: { a: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true } } }),
      'properties.spec.properties.a.x-kubernetes-int-or-string',
      'exclude each other',
    ],
    [
      'an embedded resource that is not an object',
      root({ properties: { a: { type: 'string', 'x-kubernetes-embedded-resource': true } } }),
      'properties.spec.properties.a.type',
      'embedded resource',
    ],
    [
      'a map list without keys',
      root({ properties: { a: { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'map' } } }),
      'properties.spec.properties.a.x-kubernetes-list-map-keys',
      'needs x-kubernetes-list-map-keys',
    ],
    [
      'a map list keyed by an optional field',
      root({
        properties: {
          a: {
            type: 'array',
            items: { type: 'object', properties: { k: { type: 'string' } } },
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['k'],
          },
        },
      }),
      'properties.spec.properties.a.x-kubernetes-list-map-keys.k',
      'required or defaulted',
    ],
    [
      'a look-ahead pattern',
      root({ properties: { a: { type: 'string', pattern: '^(?!Local$).*' } } }),
      'properties.spec.properties.a.pattern',
      'look-around',
    ],
  ])('the checker refuses %s', (_what, bad, path, rule) => {
    expect(structuralProblems(bad)).toContainEqual({ path, rule: expect.stringContaining(rule) });
  });

  test.each<[string, unknown]>([
    ['a preserved field without a type', root({ properties: { a: { 'x-kubernetes-preserve-unknown-fields': true } } })],
    ['an int-or-string field without a type', root({ properties: { a: { 'x-kubernetes-int-or-string': true } } })],
    [
      'the int-or-string anyOf pattern',
      root({
        properties: {
          a: {
            'x-kubernetes-int-or-string': true,
            anyOf: [{ type: 'integer' }, { type: 'string' }],
            pattern: '^[0-9]+%?$',
          },
        },
      }),
    ],
    [
      'value validation inside a junctor on a field specified outside',
      root({
        properties: { a: { type: 'string' } },
        anyOf: [{ required: ['a'] }, { properties: { a: { minLength: 2 } } }],
      }),
    ],
    [
      'root metadata restricting name',
      {
        type: 'object',
        properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 52 } } } },
      },
    ],
  ])('the checker accepts %s', (_what, good) => {
    expect(structuralProblems(good)).toEqual([]);
  });
});

describe('the CRD', () => {
  const type = RESOURCE_TYPES[ResourceKind.SCHEDULED_JOB];

  test('is named <plural>.<group> and serves the group, version and plural the cluster client requests', () => {
    expect(crd.metadata.name).toBe(`${type.plural}.${type.group}`);
    expect(SCHEDULED_JOB_CRD_NAME).toBe('scheduledjobs.scheduling.cdk8s-batch.io');
    expect(crd.spec.group).toBe(type.group);
    expect(crd.spec.names.plural).toBe(type.plural);
    expect(crd.spec.versions.map((v) => v.name)).toEqual([type.version]);
    expect(`${crd.spec.group}/${version.name}`).toBe(SCHEDULED_JOB_API_VERSION);
  });

  test('one served storage version, namespaced, kind ScheduledJob, short name sj, in category all', () => {
    expect(version).toMatchObject({ served: true, storage: true });
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      kind: SCHEDULED_JOB_KIND,
      listKind: 'ScheduledJobList',
      plural: 'scheduledjobs',
      singular: 'scheduledjob',
      shortNames: ['sj'],
      categories: ['all'],
    });
  });

  test('has the status subresource the controller writes through (and the double emulates)', () => {
    expect(version.subresources).toEqual({ status: {} });
    expect(type.statusSubresource).toBe(true);
  });

  test('requires a spec with a schedule and a job template', () => {
    expect(schema.required).toEqual(['spec']);
    expect(schema.properties!.spec.required).toEqual(['schedule', 'jobTemplate']);
    expect(schema.properties!.spec.properties!.jobTemplate.required).toEqual(['spec']);
  });

  test('printer columns: schedule, zone, suspend, active, last run, next run, age; overlap in -o wide', () => {
    expect(version.additionalPrinterColumns.map((c) => [c.name, c.type, c.jsonPath, c.priority ?? 0])).toEqual([
      ['Schedule', 'string', '.spec.schedule', 0],
      ['Zone', 'string', '.spec.timeZone', 0],
      ['Suspend', 'boolean', '.spec.suspend', 0],
      ['Active', 'integer', '.status.activeCount', 0],
      ['Last Run', 'date', '.status.lastScheduleTime', 0],
      ['Next Run', 'string', '.status.nextScheduleTime', 0],
      ['Age', 'date', '.metadata.creationTimestamp', 0],
      ['Overlap', 'string', '.spec.overlapPolicy', 1],
    ]);
  });

  test('JobSpec and pod template fields newer than the schema are kept, not pruned', () => {
    const jobSpec = schema.properties!.spec.properties!.jobTemplate.properties!.spec;
    expect(jobSpec['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(jobSpec.properties!.template['x-kubernetes-preserve-unknown-fields']).toBe(true);
    // The ScheduledJob's own fields are not preserved: a misspelt extension field is pruned (and kubectl warns).
    expect(schema.properties!.spec['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
  });

  test('is the same data on every call (deterministic YAML)', () => {
    expect(stringify(scheduledJobCrd())).toBe(stringify(crd));
    expect(stringify(crd)).toMatchSnapshot();
  });
});
