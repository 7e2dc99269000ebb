import { CatchUpPolicy, DstPolicy, OverlapPolicy } from '../../../src/reconciler/plan/types';
import { readResourceSpec } from '../../../src/reconciler/resource/spec-conversion';

const TEMPLATE = {
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
};

function problems(spec: unknown) {
  return readResourceSpec(spec).problems.map((p) => p.field);
}

test('every field of a full spec is read, instants as milliseconds', () => {
  const reading = readResourceSpec({
    schedule: '0 3 * * *',
    timeZone: 'Europe/Berlin',
    startingDeadlineSeconds: 300,
    overlapPolicy: 'BufferAll',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    schedules: ['0 12 * * 6'],
    bufferLimit: 5,
    jitterSeconds: 60,
    exclusions: [
      {
        name: 'freeze',
        dates: ['12-24..01-02'],
        weekdays: ['Sat-Sun'],
        hours: '22:00-06:00',
        from: '2026-12-01T00:00',
        until: '2027-01-05T00:00',
      },
    ],
    catchUpPolicy: 'UpTo',
    catchUpLimit: 3,
    pauseAfterFailures: 5,
    dstPolicy: 'Once',
    runNowAt: '2026-03-01T10:20:00+01:00',
    backfill: { from: '2026-02-01T00:00:00Z', to: '2026-02-02T00:00:00Z', maxRuns: 10 },
    scheduledTimeEnv: 'SCHEDULED_TIME',
    jobTemplate: { metadata: { labels: { app: 'x' }, annotations: { note: 'y' } }, ...TEMPLATE },
  });
  expect(reading.problems).toEqual([]);
  expect(reading.spec).toEqual({
    schedule: '0 3 * * *',
    timeZone: 'Europe/Berlin',
    startingDeadlineSeconds: 300,
    overlapPolicy: OverlapPolicy.BUFFER_ALL,
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    schedules: ['0 12 * * 6'],
    bufferLimit: 5,
    jitterSeconds: 60,
    exclusions: [
      {
        name: 'freeze',
        dates: ['12-24..01-02'],
        weekdays: ['Sat-Sun'],
        hours: '22:00-06:00',
        from: '2026-12-01T00:00',
        until: '2027-01-05T00:00',
      },
    ],
    catchUpPolicy: CatchUpPolicy.UP_TO,
    catchUpLimit: 3,
    pauseAfterFailures: 5,
    dstPolicy: DstPolicy.ONCE,
    runNowAt: Date.parse('2026-03-01T09:20:00Z'),
    backfill: { from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-02-02T00:00:00Z'), maxRuns: 10 },
  });
});

test('a minimal spec has only its schedule; absent and null fields stay unset', () => {
  expect(readResourceSpec({ schedule: '@hourly', timeZone: null, jobTemplate: TEMPLATE })).toEqual({
    spec: { schedule: '@hourly' },
    problems: [],
  });
  expect(readResourceSpec({ schedules: ['0 1 * * *'], jobTemplate: TEMPLATE }).spec).toEqual({
    schedule: '',
    schedules: ['0 1 * * *'],
  });
});

test('every problem is reported at once, with its field path, and no spec is returned', () => {
  const reading = readResourceSpec({
    schedule: 5,
    suspend: 'yes',
    overlapPolicy: 'Forbid',
    jitterSeconds: '60',
    schedules: ['0 1 * * *', 7],
    exclusions: [{ hours: 9 }, 'weekends'],
    runNowAt: 'now',
    backfill: { from: '2026-02-01', to: '2026-02-02T00:00:00Z', maxRuns: 'ten' },
    scheduledTimeEnv: 'A=B',
    jobTemplate: { metadata: { labels: { app: 1 } } },
    concurrencyPolicy: 'Allow',
  });
  expect(reading.spec).toBeUndefined();
  expect(reading.problems.map((p) => p.field)).toEqual([
    'spec.concurrencyPolicy',
    'spec.schedule',
    'spec.overlapPolicy',
    'spec.suspend',
    'spec.schedules[1]',
    'spec.jitterSeconds',
    'spec.exclusions[0].hours',
    'spec.exclusions[1]',
    'spec.runNowAt',
    'spec.backfill.from',
    'spec.backfill.maxRuns',
    'spec.scheduledTimeEnv',
    'spec.jobTemplate.spec',
    'spec.jobTemplate.metadata.labels[app]',
  ]);
  const byField = Object.fromEntries(reading.problems.map((p) => [p.field, p.message]));
  expect(byField['spec.concurrencyPolicy']).toMatch(/^unknown field \(known fields: schedule, timeZone/);
  expect(byField['spec.overlapPolicy']).toBe(
    'must be one of AllowAll, Skip, CancelOther, BufferOne, BufferAll, not "Forbid"',
  );
  expect(byField['spec.runNowAt']).toBe('must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not "now"');
  expect(byField['spec.suspend']).toBe('must be true or false, not "yes"');
});

test('schedule and jobTemplate are required; the spec must be an object', () => {
  expect(problems({})).toEqual(['spec.schedule', 'spec.jobTemplate']);
  expect(problems({ schedule: '@daily', jobTemplate: {} })).toEqual(['spec.jobTemplate.spec']);
  expect(problems(undefined)).toEqual(['spec']);
  expect(problems(['@daily'])).toEqual(['spec']);
});

test('ranges and cross-field rules are left to the plan (validatePlanSpec), so they are judged once', () => {
  expect(
    readResourceSpec({ schedule: '@daily', bufferLimit: 500, catchUpPolicy: 'UpTo', jobTemplate: TEMPLATE }).problems,
  ).toEqual([]);
});
