/**
 * Upstream CronJob controller v2 behaviours that the shared case table does not pin down (see
 * docs/research/cronjob-controller.md §3, §6, §7, §9). No extension field is set anywhere here.
 */
import { planSync } from '../../../src/reconciler/plan/plan';
import { OverlapPolicy } from '../../../src/reconciler/plan/types';
import { answer, caseOf, plan } from './support';

describe('daylight saving (robfig in the zone, as Kubernetes)', () => {
  const fallBack = { schedule: '30 1 * * *', timeZone: 'America/New_York' };

  test('fall back: 01:30 runs twice, at 05:30Z (EDT) and 06:30Z (EST), under different names', () => {
    const first = answer(
      caseOf({
        cronJob: fallBack,
        creationTimestamp: '2026-10-01T00:00:00Z',
        lastScheduleTime: '2026-10-31T05:30:00Z',
        now: '2026-11-01T05:30:05Z',
      }),
    );
    expect(first).toMatchObject({
      createJobFor: '2026-11-01T05:30:00Z',
      createJobName: 'mycronjob-29891850',
      nextScheduleTime: '2026-11-01T06:30:00Z',
    });
    const second = answer(
      caseOf({
        cronJob: fallBack,
        creationTimestamp: '2026-10-01T00:00:00Z',
        lastScheduleTime: '2026-11-01T05:30:00Z',
        now: '2026-11-01T06:30:00.1Z',
      }),
    );
    expect(second).toMatchObject({
      createJobFor: '2026-11-01T06:30:00Z',
      createJobName: 'mycronjob-29891910',
      nextScheduleTime: '2026-11-02T06:30:00Z',
    });
  });

  test('spring forward: 03:30 local exists and fires at 07:30Z', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '30 3 * * *', timeZone: 'America/New_York' },
        lastScheduleTime: '2026-03-07T08:30:00Z',
        now: '2026-03-08T07:30:01Z',
      }),
    );
    expect(a.createJobFor).toBe('2026-03-08T07:30:00Z');
  });

  test('half- and quarter-hour zones', () => {
    expect(
      answer(caseOf({ cronJob: { schedule: '0 0 * * *', timeZone: 'Asia/Kolkata' }, now: '2026-03-01T18:30:00Z' }))
        .createJobFor,
    ).toBe('2026-03-01T18:30:00Z');
    expect(
      answer(
        caseOf({
          cronJob: { schedule: '0 * * * *', timeZone: 'Asia/Kathmandu' },
          now: '2026-03-01T10:16:00Z',
          lastScheduleTime: '2026-03-01T09:15:00Z',
        }),
      ).createJobFor,
    ).toBe('2026-03-01T10:15:00Z');
  });
});

describe('startingDeadlineSeconds', () => {
  test('0 means never run: the window (now, now] is empty', () => {
    const a = answer(
      caseOf({ cronJob: { schedule: '* * * * *', startingDeadlineSeconds: 0 }, now: '2026-03-01T10:00:00Z' }),
    );
    expect(a).toMatchObject({
      createJobFor: null,
      skippedReason: 'noUnmetScheduleTime',
      nextScheduleTime: '2026-03-01T10:01:00Z',
      requeueAfterMs: 60_100,
    });
  });

  test('a missed deadline is silent: nothing due, no event', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', startingDeadlineSeconds: 30 },
        now: '2026-03-01T10:00:31Z',
        lastScheduleTime: '2026-03-01T09:00:00Z',
      }),
    );
    expect(p.skipReason).toBe('noUnmetScheduleTime');
    expect(p.events).toEqual([]);
  });

  test('a run exactly deadline seconds old is outside the window; one second younger is inside', () => {
    const at = (now: string) =>
      answer(
        caseOf({
          cronJob: { schedule: '0 * * * *', startingDeadlineSeconds: 30 },
          now,
          lastScheduleTime: '2026-03-01T09:00:00Z',
        }),
      ).createJobFor;
    expect(at('2026-03-01T10:00:30Z')).toBeNull();
    expect(at('2026-03-01T10:00:29Z')).toBe('2026-03-01T10:00:00Z');
  });
});

describe('the 100-missed estimate', () => {
  test('100 missed (now 01:40 on a minutely schedule created at 00:00) does not warn', () => {
    const a = answer(caseOf({ cronJob: { schedule: '* * * * *' }, now: '2026-03-01T01:40:00Z' }));
    expect(a).toMatchObject({ createJobFor: '2026-03-01T01:40:00Z', warnTooManyMissed: false });
  });

  test('the estimate uses the first gap, so an irregular schedule can find nothing although a run was due (upstream quirk)', () => {
    // 1st and 2nd of each month: first gap one day, so 73 days later the search starts on Mar 14 and finds only Apr 1.
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 9 1,2 * *' },
        creationTimestamp: '2026-01-01T00:00:00Z',
        now: '2026-03-15T00:00:00Z',
      }),
    );
    expect(a).toMatchObject({
      createJobFor: null,
      skippedReason: 'noUnmetScheduleTime',
      nextScheduleTime: '2026-04-01T09:00:00Z',
    });
  });
});

describe('schedule problems', () => {
  test('a schedule that never fires is invalidSchedule, without requeue', () => {
    const p = plan(caseOf({ cronJob: { schedule: '0 0 31 2 *' }, now: '2026-03-01T10:00:00Z' }));
    expect(p).toMatchObject({ skipReason: 'invalidSchedule', requeueAfterMs: undefined, nextScheduleTime: undefined });
    expect(p.events.map((e) => e.reason)).toEqual(['InvalidSchedule']);
  });

  test('an unparseable schedule still gets history cleanup and active pruning', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '61 * * * *', failedJobsHistoryLimit: 0 },
        now: '2026-03-01T10:00:00Z',
        activeJobs: [{ name: 'mycronjob-1', existsInCluster: false }],
        finishedJobs: [{ name: 'mycronjob-2', succeeded: false, finishedAt: '2026-03-01T09:00:00Z' }],
      }),
    );
    expect(p).toMatchObject({
      skipReason: 'unparseableSchedule',
      deleteFinished: ['mycronjob-2'],
      requeueAfterMs: undefined,
    });
    expect(p.status.active).toEqual([]);
  });

  test('a TZ prefix inside the schedule is used verbatim, an unknown one is unparseable', () => {
    const p = plan(caseOf({ cronJob: { schedule: 'TZ=Mars/Olympus 0 * * * *' }, now: '2026-03-01T10:00:00Z' }));
    expect(p.skipReason).toBe('unparseableSchedule');
    expect(p.events.map((e) => e.reason)).toEqual(['UnsupportedSchedule', 'UnparseableSchedule']);
    const a = answer(
      caseOf({
        cronJob: { schedule: 'TZ=Asia/Tokyo 0 9 * * *', timeZone: 'Europe/Berlin' },
        creationTimestamp: '2026-02-28T12:00:00Z',
        now: '2026-03-01T00:00:30Z',
      }),
    );
    expect(a.createJobFor).toBe('2026-03-01T00:00:00Z');
  });

  test('an unknown timeZone stops before suspend and schedule, without requeue', () => {
    expect(
      answer(
        caseOf({
          cronJob: { schedule: 'nonsense', timeZone: 'America/Nowhere', suspend: true },
          now: '2026-03-01T10:00:00Z',
        }),
      ),
    ).toMatchObject({
      skippedReason: 'invalidTimeZone',
      requeueAfterMs: null,
    });
  });
});

describe('due times', () => {
  test('now exactly on a fire time is due; a creation time exactly on one is not', () => {
    expect(answer(caseOf({ cronJob: { schedule: '0 * * * *' }, now: '2026-03-01T01:00:00Z' })).createJobFor).toBe(
      '2026-03-01T01:00:00Z',
    );
    expect(
      answer(
        caseOf({
          cronJob: { schedule: '0 * * * *' },
          creationTimestamp: '2026-03-01T01:00:00Z',
          now: '2026-03-01T01:00:00Z',
        }),
      ).createJobFor,
    ).toBeNull();
  });

  test('unsuspending after an outage starts one Job, for the most recent missed time', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '*/10 * * * *', concurrencyPolicy: 'Forbid' },
        lastScheduleTime: '2026-03-01T01:00:00Z',
        now: '2026-03-01T05:07:00Z',
      }),
    );
    expect(a).toMatchObject({
      createJobFor: '2026-03-01T05:00:00Z',
      warnTooManyMissed: false,
      nextScheduleTime: '2026-03-01T05:10:00Z',
    });
  });

  test('@every counts from creation before the first run; a deadline moves its origin to now - deadline (upstream quirk)', () => {
    expect(
      answer(
        caseOf({
          cronJob: { schedule: '@every 7m' },
          creationTimestamp: '2026-03-01T00:00:10Z',
          now: '2026-03-01T00:07:10Z',
        }),
      ).createJobFor,
    ).toBe('2026-03-01T00:07:10Z');
    // With a 100 s deadline the search starts at 00:20:00, so the "run" is 00:27:00, not 00:21:10.
    const a = answer(
      caseOf({
        cronJob: { schedule: '@every 7m', startingDeadlineSeconds: 100 },
        creationTimestamp: '2026-03-01T00:00:10Z',
        now: '2026-03-01T00:21:40Z',
      }),
    );
    expect(a).toMatchObject({ createJobFor: null, nextScheduleTime: '2026-03-01T00:28:10Z' });
  });
});

describe('Forbid and Replace edge cases', () => {
  const due = { now: '2026-03-01T10:00:05Z', lastScheduleTime: '2026-03-01T09:00:00Z' };

  test('Forbid: a finished Job still listed as active is pruned first and does not block', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid' },
        ...due,
        finishedJobs: [
          { name: 'mycronjob-29539260', succeeded: true, finishedAt: '2026-03-01T09:30:00Z', inStatusActive: true },
        ],
      }),
    );
    expect(p.create?.jobName).toBe('mycronjob-29539320');
    expect(p.events.map((e) => e.reason)).toEqual(['SawCompletedJob', 'SuccessfulCreate']);
    // Its completion counts in the same sync (Kubernetes 1.31+, kubernetes#122025).
    expect(p.status.lastSuccessfulTime).toBe(Date.parse('2026-03-01T09:30:00Z'));
  });

  test('Forbid: an unexpected running Job (not in active) does not block and is not adopted', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid' },
        ...due,
        activeJobs: [{ name: 'stray', inStatusActive: false }],
      }),
    );
    expect(p.create?.jobName).toBe('mycronjob-29539320');
    expect(p.status.active).toEqual(['mycronjob-29539320']);
    expect(p.events[0]).toMatchObject({ type: 'Warning', reason: 'UnexpectedJob', jobName: 'stray' });
  });

  test('Forbid does not move lastScheduleTime, so the run starts once the active one is gone (no deadline)', () => {
    const blocked = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid' },
        ...due,
        activeJobs: [{ name: 'mycronjob-29539260' }],
      }),
    );
    expect(blocked).toMatchObject({
      skippedReason: 'forbidConcurrent',
      lastScheduleTimeAfter: '2026-03-01T09:00:00Z',
      nextScheduleTime: '2026-03-01T11:00:00Z',
    });
    const later = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid' },
        now: '2026-03-01T10:40:00Z',
        lastScheduleTime: '2026-03-01T09:00:00Z',
      }),
    );
    expect(later.createJobFor).toBe('2026-03-01T10:00:00Z');
  });

  test.each([
    ['nothing is due', { now: '2026-03-01T09:30:00Z' }],
    ['suspended', { cronJob: { suspend: true } }],
    ['outside the deadline window', { cronJob: { startingDeadlineSeconds: 3 } }],
  ])('Replace deletes nothing when %s', (_label, extra) => {
    const c = caseOf({
      ...due,
      ...extra,
      cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Replace', ...(extra as { cronJob?: object }).cronJob },
      activeJobs: [{ name: 'mycronjob-29539260' }],
    });
    const a = answer(c);
    expect(a.deleteActive).toEqual([]);
    expect(a.createJobFor).toBeNull();
    expect(a.statusActiveAfter).toEqual(['mycronjob-29539260']);
  });

  test('Replace deletes every active Job, in status order, then creates', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Replace' },
        ...due,
        activeJobs: [{ name: 'b' }, { name: 'a' }],
      }),
    );
    expect(p.deleteActive).toEqual(['b', 'a']);
    expect(p.events.map((e) => `${e.reason} ${e.jobName}`)).toEqual([
      'SuccessfulDelete b',
      'SuccessfulDelete a',
      'SuccessfulCreate mycronjob-29539320',
    ]);
    expect(p.status.active).toEqual(['mycronjob-29539320']);
  });
});

describe('history cleanup', () => {
  const finished = (name: string, succeeded: boolean, startTime?: string) => ({
    name,
    succeeded,
    startTime,
    finishedAt: '2026-03-01T08:00:00Z',
  });

  test('deletes the oldest by start time; a Job without one counts as newest; ties by name; successful list first', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 },
        now: '2026-03-01T08:30:00Z',
        lastScheduleTime: '2026-03-01T08:00:00Z',
        finishedJobs: [
          finished('f-late', false, '2026-03-01T07:00:00Z'),
          finished('s-none', true),
          finished('s-b', true, '2026-03-01T05:00:00Z'),
          finished('s-a', true, '2026-03-01T05:00:00Z'),
          finished('f-early', false, '2026-03-01T04:00:00Z'),
        ],
      }),
    );
    expect(a.deleteFinished).toEqual(['s-a', 's-b', 'f-early']);
  });

  test('two Jobs without start times tie-break by name; a limit of 0 deletes them all; unfinished Jobs are never touched', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 0 },
        now: '2026-03-01T08:30:00Z',
        lastScheduleTime: '2026-03-01T08:00:00Z',
        activeJobs: [{ name: 'running' }],
        finishedJobs: [finished('z', true), finished('y', true), finished('x', false), finished('w', false)],
      }),
    );
    expect(a.deleteFinished).toEqual(['y', 'w', 'x']);
    expect(a.statusActiveAfter).toEqual(['running']);
  });

  test('without limits nothing is deleted', () => {
    const a = answer({
      creationTimestamp: '2026-03-01T00:00:00Z',
      now: '2026-03-01T08:30:00Z',
      cronJob: { schedule: '0 * * * *' },
      finishedJobs: [finished('a', true), finished('b', false)],
    });
    expect(a.deleteFinished).toEqual([]);
  });

  test('runs while suspended; a deleted Job leaves status.active, and a deleted succeeded Job still counts for lastSuccessfulTime in the same pass', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', suspend: true, successfulJobsHistoryLimit: 0 },
        now: '2026-03-01T08:30:00Z',
        finishedJobs: [
          {
            name: 'done',
            succeeded: true,
            finishedAt: '2026-03-01T08:10:00Z',
            startTime: '2026-03-01T08:00:00Z',
            inStatusActive: true,
          },
        ],
      }),
    );
    expect(p).toMatchObject({ skipReason: 'suspended', deleteFinished: ['done'] });
    expect(p.status.active).toEqual([]);
    expect(p.status.lastSuccessfulTime).toBe(Date.parse('2026-03-01T08:10:00Z'));
  });
});

describe('lastSuccessfulTime', () => {
  test('never moves backwards', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *' },
        now: '2026-03-01T08:30:00Z',
        lastScheduleTime: '2026-03-01T08:00:00Z',
        lastSuccessfulTime: '2026-03-01T08:20:00Z',
        finishedJobs: [{ name: 'old', succeeded: true, finishedAt: '2026-03-01T07:10:00Z' }],
      }),
    );
    expect(a.lastSuccessfulTimeAfter).toBe('2026-03-01T08:20:00Z');
  });
});

describe('a spec the runtime did not validate', () => {
  test('a malformed extension field stops the plan with invalidSpec naming it, without requeue, after cleanup and pruning', () => {
    const p = planSync({
      name: 'x',
      creationTimestamp: 0,
      spec: {
        schedule: '0 * * * *',
        overlapPolicy: OverlapPolicy.BUFFER_ONE,
        bufferLimit: 5,
        exclusions: [{ hours: 'noon' }],
      },
      status: { active: ['gone'] },
      jobs: [],
      now: Date.parse('2026-03-01T10:00:00Z'),
    });
    expect(p).toMatchObject({ skipReason: 'invalidSpec', requeueAfterMs: undefined, create: undefined });
    expect(p.skipDetail).toBe(
      'bufferLimit: applies to overlapPolicy BufferAll only; exclusions[0].hours: "noon" is not a time range such as "22:00-06:00" or "9-17"',
    );
    expect(p.events.map((e) => e.reason)).toEqual(['MissingJob', 'InvalidSpec']);
    expect(p.status.active).toEqual([]);
  });
});
