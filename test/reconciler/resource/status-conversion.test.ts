import * as fc from 'fast-check';
import { ConditionStatus, ScheduledJobStatus } from '../../../src/reconciler/plan/types';
import { readResourceStatus, writeResourceStatus } from '../../../src/reconciler/resource/status-conversion';

const t = (iso: string) => Date.parse(iso);

test('a full status is written with RFC 3339 instants and the printer-column fields', () => {
  const status: ScheduledJobStatus = {
    active: ['etl-29539320'],
    lastScheduleTime: t('2026-03-01T10:00:00Z'),
    lastSuccessfulTime: t('2026-03-01T09:20:00.5Z'),
    queue: [t('2026-03-01T11:00:00Z')],
    consecutiveFailures: 2,
    failureWatermark: { finishedAt: t('2026-03-01T09:20:00.5Z'), jobName: 'etl-29539260' },
    lastRunNowAt: t('2026-03-01T10:20:00Z'),
    backfill: {
      from: t('2026-02-01T00:00:00Z'),
      to: t('2026-02-02T00:00:00Z'),
      through: t('2026-02-01T05:00:00Z'),
      created: 6,
      complete: false,
      truncated: false,
    },
    conditions: [
      {
        type: 'Paused',
        status: ConditionStatus.FALSE,
        reason: 'BelowFailureLimit',
        message: '2 of 3',
        lastTransitionTime: t('2026-03-01T00:00:00Z'),
      },
    ],
  };
  const written = writeResourceStatus(status, { nextScheduleTime: t('2026-03-01T11:00:00Z'), observedGeneration: 4 });
  expect(written).toEqual({
    active: [{ name: 'etl-29539320' }],
    activeCount: 1,
    lastScheduleTime: '2026-03-01T10:00:00Z',
    lastSuccessfulTime: '2026-03-01T09:20:00.5Z',
    nextScheduleTime: '2026-03-01T11:00:00Z',
    queue: ['2026-03-01T11:00:00Z'],
    consecutiveFailures: 2,
    failureWatermark: { finishedAt: '2026-03-01T09:20:00.5Z', jobName: 'etl-29539260' },
    lastRunNowAt: '2026-03-01T10:20:00Z',
    backfill: {
      from: '2026-02-01T00:00:00Z',
      to: '2026-02-02T00:00:00Z',
      through: '2026-02-01T05:00:00Z',
      created: 6,
      complete: false,
      truncated: false,
    },
    conditions: [
      {
        type: 'Paused',
        status: 'False',
        reason: 'BelowFailureLimit',
        message: '2 of 3',
        lastTransitionTime: '2026-03-01T00:00:00Z',
      },
    ],
    observedGeneration: 4,
  });
  expect(readResourceStatus(written)).toEqual({ status, problems: [] });
});

test('an empty status is written as activeCount 0 and read back as no active Jobs', () => {
  expect(writeResourceStatus({ active: [] })).toEqual({ activeCount: 0 });
  expect(readResourceStatus(undefined)).toEqual({ status: { active: [] }, problems: [] });
  expect(readResourceStatus({ activeCount: 0 })).toEqual({ status: { active: [] }, problems: [] });
});

test('property: writing then reading gives the plan status back', () => {
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
  const status = fc.record(
    {
      active: fc.array(name, { maxLength: 4 }),
      lastScheduleTime: instant,
      lastSuccessfulTime: instant,
      queue: fc.array(instant, { maxLength: 3 }),
      consecutiveFailures: fc.nat(1000),
      failureWatermark: fc.record({ finishedAt: instant, jobName: name }),
      lastRunNowAt: instant,
      backfill: fc.record(
        {
          from: instant,
          to: instant,
          through: instant,
          created: fc.nat(1000),
          complete: fc.boolean(),
          truncated: fc.boolean(),
        },
        { requiredKeys: ['from', 'to', 'created', 'complete', 'truncated'] },
      ),
      conditions: fc.array(
        fc.record({
          type: name,
          status: fc.constantFrom(ConditionStatus.TRUE, ConditionStatus.FALSE),
          reason: name,
          message: fc.string(),
          lastTransitionTime: instant,
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['active'] },
  );
  fc.assert(fc.property(status, (s) => expect(readResourceStatus(writeResourceStatus(s)).status).toEqual(s)));
});

test('a malformed field is reported and read as absent; the others are kept', () => {
  const read = readResourceStatus({
    active: [{ name: 'a' }, { uid: 'x' }, 'b'],
    lastScheduleTime: 'yesterday',
    lastSuccessfulTime: '2026-03-01T09:00:00Z',
    consecutiveFailures: 'two',
    conditions: [{ type: 'Paused', status: 'Maybe', lastTransitionTime: '2026-03-01T00:00:00Z' }],
  });
  expect(read.status).toEqual({ active: ['a'], lastSuccessfulTime: t('2026-03-01T09:00:00Z'), conditions: [] });
  expect(read.problems.map((p) => p.field)).toEqual([
    'status.active[1].name',
    'status.active[2]',
    'status.lastScheduleTime',
    'status.consecutiveFailures',
    'status.conditions[0].status',
  ]);
  expect(readResourceStatus('broken').problems).toEqual([
    { field: 'status', message: 'must be an object, not "broken"' },
  ]);
});
