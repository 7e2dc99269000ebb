/** The catch-up policy: how many runs missed during downtime start, instead of upstream's estimate and 100-missed warning. */
import { CatchUpPolicy, OverlapPolicy } from '../../../src/reconciler/plan/types';
import { answer, caseOf, input, ms, plan } from './support';
import { jobFor, World } from './world';

const created = ms('2026-03-01T00:00:00Z');
const down = { lastScheduleTime: '2026-03-01T02:00:00Z', now: '2026-03-01T10:00:05Z' };

describe('catchUpPolicy', () => {
  test('Latest: the most recent missed run starts, found exactly, with no TooManyMissedTimes even after a year', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '* * * * *', catchUpPolicy: 'Latest' },
        lastScheduleTime: '2025-03-01T00:00:00Z',
        now: '2026-03-01T10:00:30Z',
      }),
    );
    expect(a).toMatchObject({ createJobFor: '2026-03-01T10:00:00Z', warnTooManyMissed: false, requeueAfterMs: 30_100 });
  });

  test('Latest also fixes the irregular-schedule estimate', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 9 1,2 * *', catchUpPolicy: 'Latest' },
        creationTimestamp: '2026-01-01T00:00:00Z',
        now: '2026-03-15T00:00:00Z',
      }),
    );
    expect(a.createJobFor).toBe('2026-03-02T09:00:00Z');
  });

  test('None: an on-time run starts (up to a minute after its start)...', () => {
    expect(
      answer(
        caseOf({
          cronJob: { schedule: '0 * * * *', catchUpPolicy: 'None' },
          lastScheduleTime: '2026-03-01T09:00:00Z',
          now: '2026-03-01T10:01:00Z',
        }),
      ).createJobFor,
    ).toBe('2026-03-01T10:00:00Z');
  });

  test('...a later one does not: lateRunSkipped, and the schedule resumes at the next run', () => {
    const p = plan(
      caseOf({ cronJob: { schedule: '0 * * * *', catchUpPolicy: 'None' }, ...down, now: '2026-03-01T10:30:00Z' }),
    );
    expect(p).toMatchObject({
      create: undefined,
      skipReason: 'lateRunSkipped',
      nextScheduleTime: ms('2026-03-01T11:00:00Z'),
    });
    expect(p.skipDetail).toContain('2026-03-01T10:00:00Z');
    // After the same downtime, a sync 5 s after 10:00 starts 10:00 and skips 03:00-09:00.
    expect(answer(caseOf({ cronJob: { schedule: '0 * * * *', catchUpPolicy: 'None' }, ...down })).createJobFor).toBe(
      '2026-03-01T10:00:00Z',
    );
    expect(
      answer(
        caseOf({
          cronJob: { schedule: '0 * * * *', catchUpPolicy: 'None' },
          lastScheduleTime: '2026-03-01T09:00:00Z',
          now: '2026-03-01T10:01:00.001Z',
        }),
      ).skippedReason,
    ).toBe('lateRunSkipped');
  });

  test('UpTo K: the K most recent missed runs start, oldest first, one per sync with an immediate requeue', () => {
    const w = new World({ schedule: '0 * * * *', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 3 }, created);
    w.status = { active: [], lastScheduleTime: ms(down.lastScheduleTime) };
    const plans = w.drain(down.now);
    expect(plans.map((p) => p.create?.jobName)).toEqual(
      ['08', '09', '10'].map((h) => jobFor(`2026-03-01T${h}:00:00Z`)),
    );
    expect(plans.map((p) => p.requeueAfterMs)).toEqual([0, 0, 3_595_100]);
    expect(w.sync(down.now).skipReason).toBe('noUnmetScheduleTime');
  });

  test('UpTo with fewer missed runs than K starts them all', () => {
    const w = new World({ schedule: '0 * * * *', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 5 }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T08:00:00Z') };
    w.drain(down.now);
    expect(w.created).toEqual([jobFor('2026-03-01T09:00:00Z'), jobFor('2026-03-01T10:00:00Z')]);
  });

  test('UpTo with Skip: the catch-up runs follow one another as each finishes', () => {
    const w = new World(
      { schedule: '0 * * * *', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 2, overlapPolicy: OverlapPolicy.SKIP },
      created,
    );
    w.status = { active: [], lastScheduleTime: ms(down.lastScheduleTime) };
    expect(w.drain(down.now).map((p) => p.skipReason ?? p.create?.jobName)).toEqual([
      jobFor('2026-03-01T09:00:00Z'),
      'forbidConcurrent',
    ]);
    w.finishAll(true, '2026-03-01T10:20:00Z');
    expect(w.sync('2026-03-01T10:20:00Z').create?.jobName).toBe(jobFor('2026-03-01T10:00:00Z'));
  });

  test('UpTo with BufferAll: all handled in one sync, one started and the rest queued', () => {
    const w = new World(
      {
        schedule: '0 * * * *',
        catchUpPolicy: CatchUpPolicy.UP_TO,
        catchUpLimit: 3,
        overlapPolicy: OverlapPolicy.BUFFER_ALL,
      },
      created,
    );
    w.status = { active: [], lastScheduleTime: ms(down.lastScheduleTime) };
    const p = w.sync(down.now);
    expect(p.create?.jobName).toBe(jobFor('2026-03-01T08:00:00Z'));
    expect(p.status.queue).toEqual([ms('2026-03-01T09:00:00Z'), ms('2026-03-01T10:00:00Z')]);
    expect(p.requeueAfterMs).toBe(3_595_100);
  });

  test('the starting deadline still bounds catch-up', () => {
    const w = new World(
      { schedule: '0 * * * *', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 5, startingDeadlineSeconds: 3 * 3600 },
      created,
    );
    w.status = { active: [], lastScheduleTime: ms(down.lastScheduleTime) };
    w.drain(down.now);
    expect(w.created).toEqual(['08', '09', '10'].map((h) => jobFor(`2026-03-01T${h}:00:00Z`)));
  });

  test('a week of downtime on a minutely schedule: exactly the last K, cheaply', () => {
    const w = new World({ schedule: '* * * * *', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 4 }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T00:00:00Z') };
    const started = Date.now();
    w.drain('2026-03-08T00:00:30Z');
    expect(Date.now() - started).toBeLessThan(500);
    expect(w.created).toEqual(
      ['57', '58', '59'].map((m) => jobFor(`2026-03-07T23:${m}:00Z`)).concat(jobFor('2026-03-08T00:00:00Z')),
    );
  });

  test('@every keeps its phase while catching up', () => {
    const w = new World({ schedule: '@every 7m', catchUpPolicy: CatchUpPolicy.UP_TO, catchUpLimit: 2 }, created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T00:00:10Z') };
    w.drain('2026-03-01T01:00:00Z');
    // 00:00:10 + 8 x 7m = 00:56:10; the two most recent are 00:49:10 and 00:56:10.
    expect(w.status.lastScheduleTime).toBe(ms('2026-03-01T00:56:10Z'));
    expect(w.created).toEqual([jobFor('2026-03-01T00:49:10Z'), jobFor('2026-03-01T00:56:10Z')]);
  });

  test('catchUpLimit belongs to UpTo, and UpTo needs it', () => {
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', catchUpPolicy: 'UpTo' }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.catchUpLimit: is required with catchUpPolicy UpTo/);
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', catchUpPolicy: 'Latest', catchUpLimit: 2 },
          now: '2026-03-01T00:00:00Z',
        }),
      ),
    ).toThrow(/cronJob.catchUpLimit: applies to catchUpPolicy UpTo only/);
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', catchUpPolicy: 'All' }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.catchUpPolicy: must be one of None, Latest, UpTo/);
  });
});

describe('bookkeeping under the exact search', () => {
  test('a due run whose Job is already active is alreadyScheduled, and lastScheduleTime catches up with it', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', catchUpPolicy: 'Latest' },
        lastScheduleTime: '2026-03-01T09:00:00Z',
        now: '2026-03-01T10:00:30Z',
        activeJobs: [{ name: jobFor('2026-03-01T10:00:00Z') }],
      }),
    );
    expect(a).toMatchObject({
      skippedReason: 'alreadyScheduled',
      lastScheduleTimeAfter: '2026-03-01T10:00:00Z',
      nextScheduleTime: '2026-03-01T11:00:00Z',
    });
  });
});
