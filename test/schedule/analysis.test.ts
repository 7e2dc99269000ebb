import * as fc from 'fast-check';
import { analyzeSchedule, nominalIntervals } from '../../src/schedule/analysis';
import { controllerSchedule } from '../../src/schedule/controller-schedule';

const FROM = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3600;
const DAY = 86_400;

describe('analyzeSchedule', () => {
  test('a daily run at 01:30 in New York runs twice on the fall-back day', () => {
    const a = analyzeSchedule('30 1 * * *', 'America/New_York', FROM)!;
    expect(a.doubled[0]).toEqual({
      localTime: '2026-11-01 01:30',
      instants: ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'],
    });
    expect(a.skipped).toEqual([]);
    expect(a.shortestIntervalSeconds).toBe(HOUR);
  });

  test('a daily run at 02:00 in New York is skipped on the spring-forward day', () => {
    const a = analyzeSchedule('0 2 * * *', 'America/New_York', FROM)!;
    expect(a.skipped.map((e) => e.localTime)).toEqual(['2026-03-08 02:00', '2027-03-14 02:00']);
    expect(a.doubled).toEqual([]);
    // 2026-03-07 02:00 EST to 2026-03-09 02:00 EDT.
    expect(a.longestIntervalSeconds).toBe(47 * HOUR);
    expect(a.shortestIntervalSeconds).toBe(DAY);
  });

  test('UTC has no daylight-saving hazards', () => {
    const a = analyzeSchedule('*/5 * * * *', undefined, FROM)!;
    expect(a).toMatchObject({ skipped: [], doubled: [], shortestIntervalSeconds: 300, longestIntervalSeconds: 300 });
  });

  test('either day-of-month or day-of-week: 1st, 15th or Mondays', () => {
    const a = analyzeSchedule('0 0 1,15 * 1', undefined, FROM)!;
    expect(a.shortestIntervalSeconds).toBe(DAY);
    expect(a.longestIntervalSeconds).toBe(7 * DAY);
  });

  test('a schedule that never fires says so', () => {
    expect(analyzeSchedule('0 0 30 2 *', undefined, FROM)).toMatchObject({ runs: 0, neverFires: true });
  });

  test('a sparse schedule measures the interval beyond the window', () => {
    const a = analyzeSchedule('0 0 29 2 *', undefined, FROM)!;
    expect(a.neverFires).toBe(false);
    expect(a.shortestIntervalSeconds).toBe((366 + 365 * 3) * DAY);
  });

  test('@every has a constant interval', () => {
    expect(analyzeSchedule('@every 90m', 'Europe/Berlin', FROM)).toMatchObject({
      shortestIntervalSeconds: 5400,
      longestIntervalSeconds: 5400,
      skipped: [],
    });
  });

  test('an unparseable schedule has no analysis', () => {
    expect(analyzeSchedule('not a schedule', undefined, FROM)).toBeUndefined();
  });

  // The day walk must agree with stepping through every fire time, near transitions and far from them.
  test('agrees with a brute-force walk of the fire times', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      undefined,
    ];
    const starts = [
      '2026-03-05T00:00:00Z',
      '2026-10-28T12:00:00Z',
      '2026-04-02T00:00:00Z',
      '2026-09-24T00:00:00Z',
      '2026-06-01T00:00:00Z',
    ];
    const schedule = fc.constantFrom(
      '30 1 * * *',
      '0 2 * * *',
      '*/20 * * * *',
      '15 2,3 * * *',
      '0 0 * * 0',
      '45 23 * * *',
      '0 */6 1-10 * 1',
      '30 0-3 * * *',
      '0 0 * * *',
    );
    fc.assert(
      fc.property(schedule, fc.constantFrom(...zones), fc.constantFrom(...starts), (s, zone, start) => {
        const from = Date.parse(start);
        const days = 12;
        const a = analyzeSchedule(s, zone, from, days)!;
        const parsed = controllerSchedule(s, zone);
        if (parsed.error !== undefined) throw new Error(parsed.error);
        const fires: number[] = [];
        for (
          let t = parsed.schedule.next(from - 1);
          t !== null && t <= from + days * DAY * 1000;
          t = parsed.schedule.next(t)
        )
          fires.push(t / 1000);
        const gaps = fires.slice(1).map((t, i) => t - fires[i]);
        expect(a.runs).toBe(fires.length);
        if (fires.length >= 2) {
          expect(a.shortestIntervalSeconds).toBe(Math.min(...gaps));
          expect(a.longestIntervalSeconds).toBe(Math.max(...gaps));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('nominalIntervals', () => {
  test('ignores daylight saving and the current date', () => {
    expect(nominalIntervals('30 1 * * *', 'America/New_York')).toEqual({ shortestSeconds: DAY, longestSeconds: DAY });
  });

  test('counts leap days', () => {
    expect(nominalIntervals('0 0 29 2 *')).toEqual({ shortestSeconds: 1461 * DAY, longestSeconds: 1461 * DAY });
  });

  test('a schedule that repeats weekly is measured over two weeks, and that gives what eight years give', () => {
    const item = (max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min: 0, max }).map(String),
        fc
          .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 1, max: max + 1 }))
          .map(([start, step]) => `${start}/${step}`),
        fc
          .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
          .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      );
    const list = (max: number) => fc.array(item(max), { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
    // Every day of the month and every month: the runs depend on the weekday alone.
    const weekly = fc
      .tuple(list(59), list(23), fc.constantFrom('*', '?', '1-31', '*/1'), fc.constantFrom('*', '1-12', '?'), list(6))
      .map((fields) => fields.join(' '));
    fc.assert(
      fc.property(weekly, (schedule) => {
        const eightYears = analyzeSchedule(schedule, undefined, Date.UTC(2024, 0, 1), 8 * 366);
        const expected =
          eightYears?.shortestIntervalSeconds === undefined
            ? undefined
            : {
                shortestSeconds: eightYears.shortestIntervalSeconds,
                longestSeconds: eightYears.longestIntervalSeconds,
              };
        expect(nominalIntervals(schedule)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('is undefined for an invalid zone, an invalid schedule or one that never fires', () => {
    expect(nominalIntervals('0 3 * * *', 'Mars/Olympus')).toBeUndefined();
    expect(nominalIntervals('0 0 * * 7')).toBeUndefined();
    expect(nominalIntervals('0 0 30 2 *')).toBeUndefined();
  });
});
