/**
 * Extensions together, over simulated days: the controller syncs when the plan asks and when a Job
 * finishes; every run the schedule implies (union, minus exclusions, minus DST repeats) must be
 * created exactly once, in order, under its scheduled name, never before its jittered start.
 */
import * as fc from 'fast-check';
import { jitterDelayMs } from '../../../src/reconciler/plan/jitter';
import { compileRunSchedule } from '../../../src/reconciler/plan/run-schedule';
import { CatchUpPolicy, DstPolicy, OverlapPolicy, ScheduledJobSpec } from '../../../src/reconciler/plan/types';
import { CronSchedule } from '../../../src/schedule/cron';
import { World } from './world';

function compiledTimes(spec: ScheduledJobSpec): CronSchedule {
  const c = compileRunSchedule(spec);
  if (c.kind !== 'ok') throw new Error(c.kind);
  return c.schedule.times;
}

/** The run times in (from, to], walked one by one: the independent expectation. */
function runTimes(spec: ScheduledJobSpec, from: number, to: number): number[] {
  const s = compiledTimes(spec);
  const times: number[] = [];
  for (let t = s.next(from); t !== null && t <= to; t = s.next(t)) times.push(t);
  return times;
}

/** Drives a World from `from` to `to`: syncs at each requeue and at each Job's finish. */
function simulate(
  w: World,
  from: number,
  to: number,
  duration: (i: number) => number,
): { createdAt: Map<string, number> } {
  const finishAt = new Map<string, number>();
  const createdAt = new Map<string, number>();
  let now = from;
  let syncs = 0;
  while (now <= to && syncs++ < 20_000) {
    for (const [name, at] of finishAt) {
      if (at <= now) {
        w.finish(name, true, new Date(at).toISOString());
        finishAt.delete(name);
      }
    }
    const plan = w.sync(new Date(now).toISOString());
    if (plan.create) {
      createdAt.set(plan.create.jobName, now);
      finishAt.set(plan.create.jobName, now + duration(createdAt.size));
    }
    const wake = plan.requeueAfterMs === undefined ? Infinity : now + plan.requeueAfterMs;
    now = Math.min(wake, ...finishAt.values());
  }
  return { createdAt };
}

describe('extensions combined', () => {
  const from = Date.parse('2026-10-31T00:00:00Z');
  const to = Date.parse('2026-11-02T00:00:00Z');

  test('union + exclusions + DST Once + jitter + BufferAll: every run exactly once, in order, after its start', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }), (minutes) => {
        const spec: ScheduledJobSpec = {
          schedule: '*/20 * * * *',
          schedules: ['30 1 * * *', '45 */3 * * *'],
          timeZone: 'America/New_York',
          dstPolicy: DstPolicy.ONCE,
          exclusions: [{ hours: '12:00-13:00' }, { dates: ['2026-11-01'], hours: '20:00-22:00' }],
          jitterSeconds: 240,
          overlapPolicy: OverlapPolicy.BUFFER_ALL,
          bufferLimit: 100,
          successfulJobsHistoryLimit: 2,
          failedJobsHistoryLimit: 1,
        };
        const w = new World(spec, from - 1000, 'combo');
        const { createdAt } = simulate(w, from, to, (i) => minutes[i % minutes.length] * 60_000);
        const expected = runTimes(spec, from - 1000, to - 3_600_000);
        const created = [...createdAt.keys()];
        const minuteOf = (name: string) => Number(name.slice('combo-'.length)) * 60_000;
        // Exactly once each, in order, all expected runs (those well before the end) present.
        expect(new Set(created).size).toBe(created.length);
        expect(created.map(minuteOf)).toEqual([...created.map(minuteOf)].sort((a, b) => a - b));
        expect(created.map(minuteOf).slice(0, expected.length)).toEqual(expected);
        // Never before the jittered start.
        const times = compiledTimes(spec);
        for (const [name, at] of createdAt) {
          const t = minuteOf(name);
          expect(at).toBeGreaterThanOrEqual(t + jitterDelayMs('combo', t, 240, times.next(t)));
        }
      }),
      { numRuns: 8 },
    );
  });

  test('catch-up UpTo after an outage, with Skip: the K most recent missed runs, then the schedule as usual', () => {
    const spec: ScheduledJobSpec = {
      schedule: '0 * * * *',
      catchUpPolicy: CatchUpPolicy.UP_TO,
      catchUpLimit: 2,
      overlapPolicy: OverlapPolicy.SKIP,
    };
    const w = new World(spec, from - 1000, 'c');
    w.status = { active: [], lastScheduleTime: from };
    // The controller comes back at 05:30 after being down since 00:00.
    const { createdAt } = simulate(w, from + 5.5 * 3_600_000, from + 9.1 * 3_600_000, () => 10 * 60_000);
    const hours = [...createdAt.keys()].map((n) => new Date(Number(n.slice(2)) * 60_000).toISOString().slice(11, 16));
    expect(hours).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00', '09:00']);
  });
});
