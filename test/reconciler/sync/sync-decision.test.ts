import { ScheduledJobObject } from '../../../src/reconciler/resource/objects';
import { decideSync, decideWithoutRun } from '../../../src/reconciler/sync/sync-decision';
import { EventType, JobPhase, RunKind, SkipReason } from '../../../src/reconciler/plan/types';

const TEMPLATE = {
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
};
const BROKEN = {
  spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'Main_', image: '' }] } } },
};
const NOW = Date.parse('2026-03-01T10:00:00.1Z');

function object(spec: Record<string, unknown>, status?: Record<string, unknown>): ScheduledJobObject {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: {
      name: 'report',
      namespace: 'batch',
      uid: 'uid-1',
      generation: 3,
      creationTimestamp: '2026-03-01T00:00:00Z',
    },
    spec: { jobTemplate: TEMPLATE, ...spec },
    status: status ?? { lastScheduleTime: '2026-03-01T09:00:00Z' },
  };
}

test('a due run: the Job to create, passed by the rules, and the status as if it exists', () => {
  const d = decideSync({ object: object({ schedule: '0 * * * *' }), jobs: [], now: NOW });
  expect(d.job?.metadata.name).toBe('report-29539320');
  expect(d.job?.metadata.ownerReferences?.[0].uid).toBe('uid-1');
  expect(d.plan?.create).toEqual({
    kind: RunKind.SCHEDULED,
    scheduledTime: Date.parse('2026-03-01T10:00:00Z'),
    jobName: 'report-29539320',
  });
  expect(d.status).toMatchObject({
    active: [{ name: 'report-29539320' }],
    activeCount: 1,
    lastScheduleTime: '2026-03-01T10:00:00Z',
    nextScheduleTime: '2026-03-01T11:00:00Z',
    observedGeneration: 3,
  });
  expect(d.status.conditions?.map((c) => `${c.type}=${c.status} ${c.reason}`)).toEqual([
    'SpecValid=True Valid',
    'JobTemplateValid=True LintPassed',
  ]);
  expect(d.events.map((e) => e.reason)).toEqual(['SuccessfulCreate']);
  expect(d.refusal).toBeUndefined();
});

test('a Job the rules reject is refused: no Job, no run recorded, the findings on a condition and a Warning event', () => {
  const d = decideSync({
    object: object({ schedule: '0 * * * *', jobTemplate: BROKEN, successfulJobsHistoryLimit: 0 }),
    jobs: [{ name: 'report-29539260', phase: JobPhase.SUCCEEDED, finishedAt: NOW - 60_000 }],
    now: NOW,
  });
  expect(d.job).toBeUndefined();
  expect(d.refusal?.jobName).toBe('report-29539320');
  expect(d.refusal?.errors.map((f) => `${f.rule} ${f.field}`)).toEqual([
    'pod-container-name-invalid spec.template.spec.containers[0].name',
    'pod-container-image-required spec.template.spec.containers[0].image',
    'job-restart-policy-invalid spec.template.spec.restartPolicy',
  ]);
  // Nothing started: lastScheduleTime stays, nothing is active; history cleanup still happens.
  expect(d.status.lastScheduleTime).toBe('2026-03-01T09:00:00Z');
  expect(d.status.active).toBeUndefined();
  expect(d.plan?.deleteFinished).toEqual(['report-29539260']);
  const condition = d.status.conditions?.find((c) => c.type === 'JobTemplateValid');
  expect(condition).toMatchObject({ status: 'False', reason: 'LintErrors' });
  expect(condition?.message).toContain('pod-container-image-required at spec.template.spec.containers[0].image');
  expect(d.events.find((e) => e.reason === 'JobTemplateInvalid')).toMatchObject({
    type: EventType.WARNING,
    jobName: 'report-29539320',
  });
  expect(d.events.map((e) => e.reason)).not.toContain('SuccessfulCreate');
});

test('the template condition keeps its transition time while its status holds', () => {
  const first = decideSync({ object: object({ schedule: '0 * * * *', jobTemplate: BROKEN }), jobs: [], now: NOW });
  const again = decideSync({
    object: object({ schedule: '0 * * * *', jobTemplate: BROKEN }, first.status as Record<string, unknown>),
    jobs: [],
    now: NOW + 3_600_000,
  });
  const time = (d: typeof first) => d.status.conditions?.find((c) => c.type === 'JobTemplateValid')?.lastTransitionTime;
  expect(time(again)).toBe(time(first));
});

test('a spec that cannot be read: nothing planned, SpecValid=False naming each field, the status otherwise kept', () => {
  const d = decideSync({
    object: object({ schedule: '0 * * * *', runNowAt: 'soon', suspend: 'no' }),
    jobs: [],
    now: NOW,
  });
  expect(d.plan).toBeUndefined();
  expect(d.problems.map((p) => p.field)).toEqual(['spec.suspend', 'spec.runNowAt']);
  expect(d.status).toMatchObject({ lastScheduleTime: '2026-03-01T09:00:00Z', observedGeneration: 3 });
  expect(d.status.conditions?.[0]).toMatchObject({ type: 'SpecValid', status: 'False', reason: 'InvalidSpec' });
  expect(d.events).toEqual([
    {
      type: EventType.WARNING,
      reason: 'InvalidSpec',
      message: expect.stringContaining('spec.runNowAt: must be an RFC 3339 instant'),
    },
  ]);
});

test('a spec the plan finds invalid (a range) also says so on SpecValid', () => {
  const d = decideSync({ object: object({ schedule: '0 * * * *', jitterSeconds: -1 }), jobs: [], now: NOW });
  expect(d.plan?.skipReason).toBe(SkipReason.INVALID_SPEC);
  expect(d.status.conditions?.[0]).toMatchObject({
    type: 'SpecValid',
    status: 'False',
    message: expect.stringContaining('jitterSeconds'),
  });
});

test('decideWithoutRun: what a sync that starts nothing writes (run-now stays pending, the event is added)', () => {
  const input = { object: object({ schedule: '0 * * * *', runNowAt: '2026-03-01T10:00:00Z' }), jobs: [], now: NOW };
  expect(decideSync(input).plan?.create?.kind).toBe(RunKind.RUN_NOW);
  const d = decideWithoutRun(input, { type: EventType.WARNING, reason: 'JobNameTaken', message: 'taken' });
  expect(d.job).toBeUndefined();
  expect(d.status.lastRunNowAt).toBeUndefined();
  expect(d.status.lastScheduleTime).toBe('2026-03-01T09:00:00Z');
  expect(d.events.map((e) => e.reason)).toEqual(['JobNameTaken']);
});

test('an object without a creation time uses the assumed one', () => {
  const o = object({ schedule: '0 * * * *' }, {});
  const fromFile = { ...o, metadata: { name: 'report' } };
  expect(decideSync({ object: fromFile, jobs: [], now: NOW }).plan?.create).toBeUndefined();
  expect(
    decideSync({ object: fromFile, jobs: [], now: NOW, assumedCreation: NOW - 86_400_000 }).plan?.create?.jobName,
  ).toBe('report-29539320');
});

describe('SpecValid is False, with a reason, for every spec that cannot run (issue 15, finding 5)', () => {
  test.each([
    ['an unknown time zone', { schedule: '0 * * * *', timeZone: 'Europe/Berln' }, 'UnknownTimeZone', 'Europe/Berln'],
    ['day of week 7 (robfig allows 0-6)', { schedule: '0 0 * * 7' }, 'UnparseableSchedule', 'above maximum (6)'],
    ['a date that never comes', { schedule: '0 0 30 2 *' }, 'ScheduleNeverFires', 'no run time'],
    [
      'a second schedule that does not parse',
      { schedule: '0 * * * *', schedules: ['61 * * * *'] },
      'UnparseableSchedule',
      'spec.schedules[0]',
    ],
    [
      'every run excluded',
      { schedule: '0 9 * * *', exclusions: [{ hours: '08:00-10:00' }] },
      'ScheduleNeverFires',
      'excluded',
    ],
    [
      'an unknown time zone while suspended',
      { schedule: '0 * * * *', timeZone: 'Europe/Berln', suspend: true },
      'UnknownTimeZone',
      'Europe/Berln',
    ],
    [
      'a bad schedule behind a pending run-now request',
      { schedule: '0 0 * * 7', runNowAt: '2026-03-01T10:00:00Z' },
      'UnparseableSchedule',
      '7',
    ],
  ])('%s', (_name, spec, reason, words) => {
    const d = decideSync({ object: object(spec), jobs: [], now: NOW });
    expect(d.status.conditions?.find((c) => c.type === 'SpecValid')).toMatchObject({
      status: 'False',
      reason,
      message: expect.stringContaining(words),
    });
  });

  test('a valid spec, suspended, is still valid', () => {
    const d = decideSync({ object: object({ schedule: '0 0 29 2 *', suspend: true }), jobs: [], now: NOW });
    expect(d.status.conditions?.find((c) => c.type === 'SpecValid')).toMatchObject({ status: 'True' });
  });
});
