/** DstPolicy: Kubernetes' doubled fall-back run by default, or once per wall-clock time. */
import { controllerSchedule, nextFireTimes } from '../../../src/schedule/controller-schedule';
import { repeatsEarlierWallTime } from '../../../src/reconciler/plan/dst';
import { DstPolicy } from '../../../src/reconciler/plan/types';
import { loadLocation, TimeZone } from '../../../src/schedule/time-zone';
import { answer, caseOf, input, ms, plan } from './support';
import { World } from './world';

function runs(schedule: string, timeZone: string, from: string, until: string, dstPolicy?: DstPolicy): string[] {
  const w = new World({ schedule, timeZone, dstPolicy }, ms('2026-01-01T00:00:00Z'));
  w.status = { active: [], lastScheduleTime: ms(from) };
  const times: string[] = [];
  for (let t = ms(from); t <= ms(until); t += 15 * 60_000) {
    const p = w.sync(new Date(t + 100).toISOString());
    if (p.create) times.push(new Date(p.create.scheduledTime).toISOString().replace('.000Z', 'Z'));
  }
  return times;
}

describe('DstPolicy', () => {
  test('Kubernetes (the default): 01:30 New York runs twice on 2026-11-01', () => {
    expect(runs('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-02T06:30:00Z',
    ]);
    expect(
      runs('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', DstPolicy.KUBERNETES),
    ).toHaveLength(3);
  });

  test('Once: the repeat at 06:30Z is dropped', () => {
    expect(
      runs('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', DstPolicy.ONCE),
    ).toEqual(['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
  });

  test('Once explains the dropped run and requeues to the next day', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '30 1 * * *', timeZone: 'America/New_York', dstPolicy: 'Once' },
        lastScheduleTime: '2026-11-01T05:30:00Z',
        now: '2026-11-01T06:30:00.1Z',
      }),
    );
    expect(p).toMatchObject({ skipReason: 'repeatedWallTime', nextScheduleTime: ms('2026-11-02T06:30:00Z') });
  });

  test('Once on an hourly schedule: the whole repeated hour is skipped, then 02:00 EST runs', () => {
    expect(
      runs('0 * * * *', 'America/New_York', '2026-11-01T04:30:00Z', '2026-11-01T07:30:00Z', DstPolicy.ONCE),
    ).toEqual(['2026-11-01T05:00:00Z', '2026-11-01T07:00:00Z']);
  });

  test('Once changes nothing in spring (a skipped time stays skipped) or in UTC', () => {
    expect(
      runs('30 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', DstPolicy.ONCE),
    ).toEqual(['2026-03-09T06:30:00Z']);
    const a = answer(
      caseOf({
        cronJob: { schedule: '30 1 * * *', dstPolicy: 'Once' },
        lastScheduleTime: '2026-10-31T01:30:00Z',
        now: '2026-11-01T01:30:00.1Z',
      }),
    );
    expect(a.createJobFor).toBe('2026-11-01T01:30:00Z');
  });

  test('southern hemisphere and half-hour shifts (Sydney, Lord Howe)', () => {
    for (const [zone, schedule] of [
      ['Australia/Sydney', '30 2 * * *'],
      ['Australia/Lord_Howe', '45 1 * * *'],
    ]) {
      const parsed = controllerSchedule(schedule, zone);
      if (parsed.error !== undefined) throw new Error(parsed.error);
      const doubled = nextFireTimes(parsed.schedule, ms('2026-04-04T00:00:00Z'), 3);
      // Kubernetes runs the first two within the hour; Once keeps only the first.
      expect(doubled[1] - doubled[0]).toBeLessThanOrEqual(3_600_000);
      const once = runs(
        schedule,
        zone,
        '2026-04-04T00:00:00Z',
        new Date(doubled[1] + 60_000).toISOString(),
        DstPolicy.ONCE,
      );
      expect(once).toEqual([new Date(doubled[0]).toISOString().replace('.000Z', 'Z')]);
    }
  });

  test('repeatsEarlierWallTime', () => {
    const ny = loadLocation('America/New_York') as TimeZone;
    expect(repeatsEarlierWallTime(ms('2026-11-01T05:30:00Z'), ny)).toBe(false);
    expect(repeatsEarlierWallTime(ms('2026-11-01T06:30:00Z'), ny)).toBe(true);
    expect(repeatsEarlierWallTime(ms('2026-11-01T06:59:59Z'), ny)).toBe(true);
    expect(repeatsEarlierWallTime(ms('2026-11-01T07:00:00Z'), ny)).toBe(false);
    expect(repeatsEarlierWallTime(ms('2026-03-08T07:30:00Z'), ny)).toBe(false);
  });

  test('an unknown policy names the field', () => {
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', dstPolicy: 'Twice' }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.dstPolicy: must be one of Kubernetes, Once/);
  });
});
