/**
 * The exact due-run search, checked two ways: against brute-force enumeration of fire times, and
 * against upstream's estimate on schedules where that estimate is exact (a constant gap), where
 * catchUpPolicy Latest must decide exactly as upstream does.
 */
import * as fc from 'fast-check';
import { recentFireTimes } from '../../../src/reconciler/plan/due-runs';
import { planAnswer } from '../../../src/reconciler/resource/plan-case';
import { planSync } from '../../../src/reconciler/plan/plan';
import { CatchUpPolicy, JobPhase, OverlapPolicy, PlanInput } from '../../../src/reconciler/plan/types';
import { controllerSchedule } from '../../../src/schedule/controller-schedule';
import { CronSchedule } from '../../../src/schedule/cron';

const START = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

function parsed(schedule: string, zone?: string): CronSchedule {
  const p = controllerSchedule(schedule, zone);
  if (p.error !== undefined) throw new Error(p.error);
  return p.schedule;
}

function bruteForce(s: CronSchedule, after: number, now: number, count: number): number[] {
  const all: number[] = [];
  for (let t = s.next(after); t !== null && t <= now; t = s.next(t)) all.push(t);
  return all.slice(Math.max(0, all.length - count));
}

describe('recentFireTimes', () => {
  const schedules = [
    '*/7 * * * *',
    '0 9 1,2 * *',
    '30 6-16/4 * * 1-5',
    '0 0 29 2 *',
    '@every 13m',
    '5 4 * * 0',
    '0 */5 * * *',
    '0 12 * 1,7 *',
  ];
  const zones = [undefined, 'America/New_York', 'Asia/Kathmandu'];

  test('equals the last `count` fire times found by walking every one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...schedules),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 1, max: 6 }),
        (schedule, zone, offset, span, count) => {
          const s = parsed(schedule, schedule.startsWith('@') ? undefined : zone);
          const after = START + offset;
          expect(recentFireTimes(s, after, after + span, count)).toEqual(bruteForce(s, after, after + span, count));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('catchUpPolicy Latest agrees with upstream where the estimate is exact', () => {
  const regular = ['*/5 * * * *', '0 * * * *', '30 */2 * * *', '0 0 * * *', '15 10 * * *'];

  test('same create, deletions, skip reason, status and requeue', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...regular),
        fc.constantFrom(undefined, 'Asia/Kolkata'),
        fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: undefined }),
        fc.integer({ min: 1, max: 40 * DAY }),
        fc.option(fc.integer({ min: 0, max: 3 * 86_400 }), { nil: undefined }),
        fc.constantFrom(OverlapPolicy.ALLOW_ALL, OverlapPolicy.SKIP, OverlapPolicy.CANCEL_OTHER),
        fc.boolean(),
        (schedule, timeZone, lastOffset, nowOffset, startingDeadlineSeconds, overlapPolicy, busy) => {
          const lastScheduleTime = lastOffset === undefined ? undefined : START + lastOffset;
          const now = (lastScheduleTime ?? START) + nowOffset;
          const base: PlanInput = {
            name: 'p',
            creationTimestamp: START,
            spec: { schedule, timeZone, startingDeadlineSeconds, overlapPolicy },
            status: { active: busy ? ['p-1'] : [], lastScheduleTime },
            jobs: busy ? [{ name: 'p-1', phase: JobPhase.RUNNING }] : [],
            now,
          };
          const upstream = planAnswer(planSync(base));
          const exact = planAnswer(planSync({ ...base, spec: { ...base.spec, catchUpPolicy: CatchUpPolicy.LATEST } }));
          expect({ ...exact, warnTooManyMissed: upstream.warnTooManyMissed }).toEqual(upstream);
        },
      ),
      { numRuns: 500 },
    );
  });
});
