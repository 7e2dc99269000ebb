/** Backfill: replaying a past range, bounded, one run at a time unless AllowAll, never twice. */
import { backfillRunTimes } from '../../../src/reconciler/plan/backfill';
import { compileRunSchedule } from '../../../src/reconciler/plan/run-schedule';
import { OverlapPolicy, RunKind, ScheduledJobSpec } from '../../../src/reconciler/plan/types';
import { answer, caseOf, input, ms } from './support';
import { jobFor, World } from './world';

const created = ms('2026-01-01T00:00:00Z');
const range = { from: ms('2026-03-01T00:00:00Z'), to: ms('2026-03-01T05:00:00Z') };
const hours = (...h: string[]) => h.map((x) => jobFor(`2026-03-01T${x}:00:00Z`));

function times(spec: ScheduledJobSpec) {
  const c = compileRunSchedule(spec);
  if (c.kind !== 'ok') throw new Error(c.kind);
  return c.schedule.times;
}

describe('backfillRunTimes (the preview)', () => {
  const spec = { schedule: '0 * * * *' };

  test('both ends inclusive, oldest first', () => {
    expect(backfillRunTimes(times(spec), range, ms('2026-03-02T00:00:00Z'))).toEqual({
      times: ['00', '01', '02', '03', '04', '05'].map((h) => ms(`2026-03-01T${h}:00:00Z`)),
      truncated: false,
    });
  });

  test('bounded by maxRuns, and never past now', () => {
    expect(backfillRunTimes(times(spec), { ...range, maxRuns: 2 }, ms('2026-03-02T00:00:00Z'))).toEqual({
      times: [ms('2026-03-01T00:00:00Z'), ms('2026-03-01T01:00:00Z')],
      truncated: true,
    });
    expect(backfillRunTimes(times(spec), range, ms('2026-03-01T01:30:00Z')).times).toHaveLength(2);
  });

  test('exclusion windows apply', () => {
    expect(
      backfillRunTimes(times({ ...spec, exclusions: [{ hours: '01:00-04:00' }] }), range, ms('2026-03-02T00:00:00Z'))
        .times,
    ).toEqual(['00', '04', '05'].map((h) => ms(`2026-03-01T${h}:00:00Z`)));
  });
});

describe('backfill in the plan', () => {
  const now = '2026-03-02T00:30:00Z';

  test('AllowAll: every run of the range, one per sync with an immediate requeue, under scheduled names', () => {
    const w = new World({ schedule: '0 * * * *', backfill: range }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-02T00:00:00Z') };
    const plans = w.drain(now);
    expect(w.created).toEqual(hours('00', '01', '02', '03', '04', '05'));
    expect(plans.every((p) => p.create === undefined || p.create.kind === RunKind.BACKFILL)).toBe(true);
    expect(w.status.backfill).toEqual({
      ...range,
      through: ms('2026-03-01T05:00:00Z'),
      created: 6,
      complete: true,
      truncated: false,
    });
    expect(w.status.lastScheduleTime).toBe(ms('2026-03-02T00:00:00Z'));
    expect(plans[plans.length - 1].requeueAfterMs).toBe(ms('2026-03-02T01:00:00.1Z') - ms(now));
  });

  test.each([OverlapPolicy.SKIP, OverlapPolicy.CANCEL_OTHER, OverlapPolicy.BUFFER_ONE])(
    '%s: one backfill run at a time, never skipped or cancelled',
    (overlapPolicy) => {
      const w = new World(
        { schedule: '0 * * * *', backfill: { ...range, to: ms('2026-03-01T02:00:00Z') }, overlapPolicy },
        created,
      );
      w.status = { active: [], lastScheduleTime: ms('2026-03-02T00:00:00Z') };
      for (let i = 0; i < 3; i++) {
        const p = w.sync(now);
        expect(p.create?.kind).toBe(RunKind.BACKFILL);
        expect(p.deleteActive).toEqual([]);
        expect(w.sync(now).create).toBeUndefined();
        w.finishAll(true, now);
      }
      expect(w.created).toEqual(hours('00', '01', '02'));
      expect(w.sync(now).status.backfill?.complete).toBe(true);
    },
  );

  test('a time whose Job still exists is skipped, not run twice', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', backfill: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T02:00:00Z' } },
        lastScheduleTime: '2026-03-02T00:00:00Z',
        now,
        finishedJobs: [{ name: jobFor('2026-03-01T00:00:00Z'), succeeded: false, finishedAt: '2026-03-01T00:10:00Z' }],
        activeJobs: [{ name: jobFor('2026-03-01T01:00:00Z') }],
      }),
    );
    expect(a.createJobFor).toBe('2026-03-01T02:00:00Z');
  });

  test('maxRuns stops the request and marks it truncated', () => {
    const w = new World({ schedule: '0 * * * *', backfill: { ...range, maxRuns: 2 } }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-02T00:00:00Z') };
    w.drain(now);
    expect(w.created).toEqual(hours('00', '01'));
    expect(w.status.backfill).toMatchObject({ created: 2, complete: true, truncated: true });
  });

  test('a scheduled run that is due goes first; a new request starts over; removing it clears the progress', () => {
    const w = new World({ schedule: '0 * * * *', backfill: { ...range, to: ms('2026-03-01T00:00:00Z') } }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T23:00:00Z') };
    expect(w.drain(now).map((p) => p.create?.kind)).toEqual([RunKind.SCHEDULED, RunKind.BACKFILL, undefined]);
    w.spec = { ...w.spec, backfill: { from: ms('2026-03-01T03:00:00Z'), to: ms('2026-03-01T03:00:00Z') } };
    expect(w.sync(now).create?.jobName).toBe(jobFor('2026-03-01T03:00:00Z'));
    w.spec = { schedule: '0 * * * *' };
    expect(w.sync(now).status.backfill).toBeUndefined();
  });

  test('suspend and pause stop backfill too', () => {
    expect(
      answer(
        caseOf({
          cronJob: {
            schedule: '0 * * * *',
            suspend: true,
            backfill: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T02:00:00Z' },
          },
          now,
        }),
      ).createJobFor,
    ).toBeNull();
  });

  test('the range is checked', () => {
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', backfill: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } },
          now,
        }),
      ),
    ).toThrow(/cronJob.backfill.to: must not be before backfill.from/);
    expect(() =>
      input(
        caseOf({
          cronJob: {
            schedule: '0 * * * *',
            backfill: { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', maxRuns: 5000 },
          },
          now,
        }),
      ),
    ).toThrow(/cronJob.backfill.maxRuns: must be a whole number from 1 to 1000/);
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', backfill: { from: '2026-03-01T00:00:00Z' } }, now })),
    ).toThrow(/cronJob.backfill.to: Required value: the last instant/);
  });
});
