/**
 * The one description of the ScheduledJob's fields (scheduled-job-model.ts) and what is derived
 * from it, checked together for every field, present and future: any value the description
 * allows is accepted by the CRD schema derived from it, read without a problem, within the plan's
 * bounds, and written back unchanged. A new field needs no line here.
 */
import * as fc from 'fast-check';
import { INT32_MAX } from '../../../src/reconciler/crd/json-schema';
import { scheduledJobCrd } from '../../../src/reconciler/crd/scheduled-job-crd';
import { FieldReader } from '../../../src/reconciler/resource/field-reader';
import { SPEC_MODEL, STATUS_MODEL } from '../../../src/reconciler/resource/scheduled-job-model';
import { readResourceSpec } from '../../../src/reconciler/resource/spec-conversion';
import { readResourceStatus } from '../../../src/reconciler/resource/status-conversion';
import { limitProblems, readWire, schemaOf, WireModel, writeWire } from '../../../src/reconciler/resource/wire-model';
import { formatInstant } from '../../../src/schedule/instants';
import { valueProblems } from '../crd/support/schema-values';

const root = scheduledJobCrd().spec.versions[0].schema.openAPIV3Schema;

/** Values of the wire form the model allows (instants as Go writes them). */
function allowed(model: WireModel): fc.Arbitrary<unknown> {
  switch (model.kind) {
    case 'text':
      return model.pattern !== undefined
        ? fc.stringMatching(new RegExp(model.pattern))
        : fc.string({ minLength: model.minLength ?? 0, maxLength: 12 });
    case 'choice':
      return fc.constantFrom(...model.values);
    case 'integer':
      return fc.integer({
        min: model.minimum,
        max: model.maximum ?? (model.format === 'int32' ? INT32_MAX : Number.MAX_SAFE_INTEGER),
      });
    case 'flag':
      return fc.boolean();
    case 'instant':
      return fc.integer({ min: 0, max: 253_402_300_799_999 }).map(formatInstant);
    case 'list':
      return fc.array(allowed(model.items), { minLength: model.minItems ?? 0, maxLength: 3 });
    case 'stringMap':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
    case 'embedded':
      // An object embedded whole: the reader takes any object; the rules judge the Jobs made of it.
      return fc.constant({ template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } });
    case 'record':
      return fc.record(
        Object.fromEntries(Object.entries(model.fields).map(([name, field]) => [name, allowed(field)])),
        { requiredKeys: Object.keys(model.required) },
      );
  }
}

describe('the spec', () => {
  test('the CRD schema is the one derived from the description', () => {
    expect(root.properties!.spec).toEqual(schemaOf(SPEC_MODEL));
    expect(root.properties!.status).toEqual(schemaOf(STATUS_MODEL));
  });

  test('property: what the description allows, the schema accepts, the reader reads, the bounds admit, the writer gives back', () => {
    fc.assert(
      fc.property(allowed(SPEC_MODEL), (wire) => {
        expect(valueProblems(root.properties!.spec, wire)).toEqual([]);
        const r = new FieldReader({ strict: true });
        const read = readWire(r, 'spec', SPEC_MODEL, wire);
        expect(r.problems).toEqual([]);
        expect(limitProblems(SPEC_MODEL, read)).toEqual([]);
        expect(writeWire(SPEC_MODEL, read)).toEqual(wire);
        expect(readResourceSpec(wire).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('the plan spec has every field of the description but those of the resource alone', () => {
    const wire = fc.sample(allowed(SPEC_MODEL), { numRuns: 1, seed: 1 })[0] as Record<string, unknown>;
    const spec = readResourceSpec(wire).spec as unknown as Record<string, unknown>;
    expect(spec).not.toHaveProperty('jobTemplate');
    expect(spec).not.toHaveProperty('scheduledTimeEnv');
    for (const name of Object.keys(wire).filter((n) => n !== 'jobTemplate' && n !== 'scheduledTimeEnv'))
      expect(spec).toHaveProperty(name);
  });

  test('unknown fields are refused at every level of the spec, strict or not', () => {
    const problems = readResourceSpec({
      schedule: '@daily',
      jobTemplate: { spec: {}, metadata: { name: 'x' } },
      backfill: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', max: 3 },
      exclusions: [{ hour: '9-17' }],
    }).problems.map((p) => p.field);
    expect(problems).toEqual(['spec.exclusions[0].hour', 'spec.backfill.max', 'spec.jobTemplate.metadata.name']);
  });

  test('limits: out of range, not whole, not an enum value, an empty schedule, an instant that is not one', () => {
    const problems = limitProblems(SPEC_MODEL, {
      schedule: '',
      jitterSeconds: 86_401,
      successfulJobsHistoryLimit: 2.5,
      failedJobsHistoryLimit: INT32_MAX + 1,
      startingDeadlineSeconds: -1,
      overlapPolicy: 'Forbid',
      schedules: ['0 1 * * *', ''],
      runNowAt: Number.NaN,
      backfill: { from: 0, to: 1, maxRuns: 0 },
    });
    expect(problems).toEqual([
      { field: 'startingDeadlineSeconds', message: 'must be a whole number of at least 0, not -1' },
      {
        field: 'overlapPolicy',
        message: 'must be one of AllowAll, Skip, CancelOther, BufferOne, BufferAll, not "Forbid"',
      },
      { field: 'successfulJobsHistoryLimit', message: 'must be a whole number of at least 0, not 2.5' },
      { field: 'failedJobsHistoryLimit', message: 'must be a whole number of at most 2147483647, not 2147483648' },
      { field: 'schedules[1]', message: 'must not be empty' },
      { field: 'jitterSeconds', message: 'must be a whole number from 0 to 86400, not 86401' },
      { field: 'runNowAt', message: 'must be an instant' },
      { field: 'backfill.maxRuns', message: 'must be a whole number from 1 to 1000, not 0' },
    ]);
  });
});

describe('the status', () => {
  test('property: what the description allows is read without a problem and written back unchanged', () => {
    fc.assert(
      fc.property(allowed(STATUS_MODEL), (wire) => {
        expect(valueProblems(root.properties!.status, wire)).toEqual([]);
        const r = new FieldReader({ strict: true });
        const read = readWire(r, 'status', STATUS_MODEL, wire);
        expect(r.problems).toEqual([]);
        expect(writeWire(STATUS_MODEL, read)).toEqual(wire);
        expect(readResourceStatus(wire, { strict: true }).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test("unknown fields are a newer version's, not a mistake, unless the reader is strict (a file a person wrote)", () => {
    const status = { lastScheduleTime: '2026-03-01T10:00:00Z', queueu: [], backfill: { from: 'x', to: 'y', extra: 1 } };
    expect(readResourceStatus(status).problems.map((p) => p.field)).toEqual([
      'status.backfill.from',
      'status.backfill.to',
    ]);
    expect(readResourceStatus(status, { strict: true }).problems.map((p) => p.field)).toEqual([
      'status.queueu',
      'status.backfill.extra',
      'status.backfill.from',
      'status.backfill.to',
    ]);
  });

  test('fields the writer always writes read as their default when a person left them out; required ones are reported', () => {
    const read = readResourceStatus({
      backfill: { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' },
      conditions: [{ type: 'Paused', status: 'True', lastTransitionTime: '2026-03-01T00:00:00Z' }, { type: 'X' }],
      failureWatermark: { jobName: 'a' },
    });
    expect(read.status.backfill).toEqual({
      from: Date.UTC(2026, 2, 1),
      to: Date.UTC(2026, 2, 2),
      created: 0,
      complete: false,
      truncated: false,
    });
    expect(read.status.conditions).toEqual([
      { type: 'Paused', status: 'True', reason: '', message: '', lastTransitionTime: Date.UTC(2026, 2, 1) },
    ]);
    expect(read.status.failureWatermark).toBeUndefined();
    expect(read.problems).toEqual([
      { field: 'status.failureWatermark.finishedAt', message: 'Required value: its finish time (RFC 3339)' },
      { field: 'status.conditions[1].status', message: 'Required value: True or False' },
      {
        field: 'status.conditions[1].lastTransitionTime',
        message: 'Required value: when status last changed (RFC 3339)',
      },
    ]);
  });
});
