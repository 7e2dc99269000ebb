/** Exclusion windows: parsing (every mistake names its field), matching in the zone, and the plan's use of them. */
import { ExclusionCalendar } from '../../../src/reconciler/plan/exclusions';
import { ExclusionWindow } from '../../../src/reconciler/plan/types';
import { loadLocation, TimeZone, UTC } from '../../../src/schedule/time-zone';
import { answer, caseOf, input, ms, plan } from './support';
import { World } from './world';

const NEW_YORK = loadLocation('America/New_York') as TimeZone;

function calendar(windows: ExclusionWindow[], zone: TimeZone = UTC): ExclusionCalendar {
  const c = ExclusionCalendar.compile(windows, zone);
  if (Array.isArray(c)) throw new Error(JSON.stringify(c));
  return c;
}

const excluded = (c: ExclusionCalendar, iso: string) => c.match(ms(iso))?.label;

describe('matching', () => {
  test('dates: one day, a yearly day, ranges of either kind (a yearly range may wrap over the new year)', () => {
    const c = calendar([
      { name: 'release day', dates: ['2026-04-15'] },
      { name: 'christmas', dates: ['12-24..12-26'] },
      { name: 'new year', dates: ['12-31..01-01'] },
      { name: 'freeze', dates: ['2026-07-01..2026-07-03'] },
    ]);
    expect(excluded(c, '2026-04-15T23:59:59Z')).toBe('release day');
    expect(excluded(c, '2026-04-16T00:00:00Z')).toBeUndefined();
    expect(excluded(c, '2031-12-25T12:00:00Z')).toBe('christmas');
    expect(excluded(c, '2026-12-31T05:00:00Z')).toBe('new year');
    expect(excluded(c, '2027-01-01T05:00:00Z')).toBe('new year');
    expect(excluded(c, '2027-01-02T05:00:00Z')).toBeUndefined();
    expect(excluded(c, '2026-07-03T05:00:00Z')).toBe('freeze');
    expect(excluded(c, '2027-07-02T05:00:00Z')).toBeUndefined();
  });

  test('weekdays by name, number and range, a range may wrap (Fri-Mon)', () => {
    const c = calendar([{ weekdays: ['Fri-Mon'] }]);
    // 2026-03-06 is a Friday.
    expect(['06', '07', '08', '09', '10'].map((d) => excluded(c, `2026-03-${d}T12:00:00Z`) !== undefined)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(excluded(calendar([{ weekdays: ['3'] }]), '2026-03-04T12:00:00Z')).toBe('exclusions[0]');
  });

  test('hours: start inclusive, end exclusive, wrapping past midnight', () => {
    const c = calendar([{ hours: '22:00-06:00' }]);
    expect(excluded(c, '2026-03-01T21:59:59Z')).toBeUndefined();
    expect(excluded(c, '2026-03-01T22:00:00Z')).toBeDefined();
    expect(excluded(c, '2026-03-02T05:59:00Z')).toBeDefined();
    expect(excluded(c, '2026-03-02T06:00:00Z')).toBeUndefined();
    expect(c.match(ms('2026-03-01T23:00:00Z'))?.until).toBe(ms('2026-03-02T06:00:00Z'));
    expect(excluded(calendar([{ hours: '9-17' }]), '2026-03-01T16:59:00Z')).toBeDefined();
  });

  test('conditions of one window are ANDed: weekday evenings only', () => {
    const c = calendar([{ weekdays: ['Mon-Fri'], hours: '18:00-24:00' }]);
    expect(excluded(c, '2026-03-02T19:00:00Z')).toBeDefined();
    expect(excluded(c, '2026-03-01T19:00:00Z')).toBeUndefined(); // Sunday
    expect(excluded(c, '2026-03-02T17:00:00Z')).toBeUndefined();
    // It may end at midnight (the end of the hours) or earlier, never later.
    expect(c.match(ms('2026-03-02T19:00:00Z'))?.until).toBe(ms('2026-03-03T00:00:00Z'));
  });

  test('from/until are local to the zone; an RFC 3339 instant is taken as is', () => {
    const c = calendar([{ from: '2026-12-18T18:00', until: '2027-01-04T08:00' }], NEW_YORK);
    expect(excluded(c, '2026-12-18T22:59:59Z')).toBeUndefined(); // 17:59:59 EST
    expect(excluded(c, '2026-12-18T23:00:00Z')).toBeDefined();
    expect(c.match(ms('2026-12-25T00:00:00Z'))?.until).toBe(ms('2027-01-04T13:00:00Z'));
    expect(excluded(calendar([{ from: '2026-12-18T23:00:00Z' }], NEW_YORK), '2030-01-01T00:00:00Z')).toBeDefined();
  });

  test("dates and hours are read on the zone's wall clock", () => {
    const c = calendar([{ dates: ['2026-03-02'] }], NEW_YORK);
    expect(excluded(c, '2026-03-02T04:59:00Z')).toBeUndefined(); // still Mar 1 in New York
    expect(excluded(c, '2026-03-02T05:00:00Z')).toBeDefined();
  });
});

describe('mistakes name their field', () => {
  test.each([
    [{ dates: ['2026-02-30'] }, 'exclusions[0].dates[0]', 'is not a date'],
    [{ dates: ['2026-05-01..2026-04-01'] }, 'exclusions[0].dates[0]', 'ends before it starts'],
    [{ dates: ['2026-05-01..05-03'] }, 'exclusions[0].dates[0]', 'is not a date'],
    [{ dates: [] }, 'exclusions[0].dates', 'non-empty list'],
    [{ weekdays: ['Mon-Fri-Sat'] }, 'exclusions[0].weekdays[0]', 'is not a weekday'],
    [{ weekdays: ['Funday'] }, 'exclusions[0].weekdays[0]', 'is not a weekday'],
    [{ hours: '25:00-06:00' }, 'exclusions[0].hours', 'is not a time range'],
    [{ hours: '08:60-09:00' }, 'exclusions[0].hours', 'is not a time range'],
    [{ hours: '00:00-24:00' }, 'exclusions[0].hours', 'covers the whole day'],
    [{ from: '2026-12-18 18:00' }, 'exclusions[0].from', 'is not a local date-time'],
    [{ from: '2026-02-30T18:00' }, 'exclusions[0].from', 'is not a local date-time'],
    [{ until: '2026-02-30T18:00:00Z' }, 'exclusions[0].until', 'is not a local date-time'],
    [{ until: '2026-12-18T18:00:00z' }, 'exclusions[0].until', 'is not a local date-time'],
    [{ from: '2026-12-18T18:00', until: '2026-12-18T17:00' }, 'exclusions[0].until', 'must be after from'],
    [{ name: 'nothing' }, 'exclusions[0]', 'needs at least one of'],
  ])('%j', (window, field, message) => {
    const c = ExclusionCalendar.compile([window], UTC);
    expect(c).toEqual([{ field, message: expect.stringContaining(message) }]);
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', exclusions: [window] }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(`cronJob.${field}: `);
  });

  test('a good window compiles', () => {
    expect(
      ExclusionCalendar.compile(
        [
          {
            dates: ['12-24..12-26'],
            weekdays: ['Sat', 'sun'],
            hours: '9-17',
            from: '2026-01-01T00:00',
            until: '2027-01-01T00:00',
          },
        ],
        UTC,
      ),
    ).toBeInstanceOf(ExclusionCalendar);
  });
});

describe('exclusion windows in the plan', () => {
  const weekend = { name: 'weekend', weekdays: ['Sat-Sun'] };

  test('a run inside a window is not created: skippedReason excluded, and the requeue jumps to the end of the window', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 * * * *', exclusions: [weekend] },
        lastScheduleTime: '2026-02-27T23:00:00Z',
        now: '2026-03-01T10:00:00.1Z',
      }),
    );
    expect(p).toMatchObject({
      create: undefined,
      skipReason: 'excluded',
      skipDetail: '2026-03-01T10:00:00Z: inside exclusion window weekend',
    });
    expect(p.nextScheduleTime).toBe(ms('2026-03-02T00:00:00Z'));
    expect(p.status.lastScheduleTime).toBe(ms('2026-02-27T23:00:00Z'));
  });

  test('after the window the first run starts; runs excluded in between are not caught up', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', exclusions: [weekend] },
        lastScheduleTime: '2026-02-27T23:00:00Z',
        now: '2026-03-02T00:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ createJobFor: '2026-03-02T00:00:00Z', nextScheduleTime: '2026-03-02T01:00:00Z' });
  });

  test('a change freeze on a minutely schedule is jumped over, not walked minute by minute', () => {
    const w = new World(
      {
        schedule: '* * * * *',
        exclusions: [{ from: '2026-12-18T18:00', until: '2027-01-04T08:00' }],
        timeZone: 'Europe/Berlin',
      },
      ms('2026-12-01T00:00:00Z'),
    );
    w.status = { active: [], lastScheduleTime: ms('2026-12-18T16:59:00Z') };
    const p = w.sync('2026-12-18T17:00:00.1Z');
    expect(p).toMatchObject({ skipReason: 'excluded', nextScheduleTime: ms('2027-01-04T07:00:00Z') });
  });

  test("holidays every year, in the schedule's zone", () => {
    const a = answer(
      caseOf({
        cronJob: {
          schedule: '0 9 * * *',
          timeZone: 'America/New_York',
          exclusions: [{ name: 'christmas', dates: ['12-25'] }],
        },
        lastScheduleTime: '2026-12-24T14:00:00Z',
        now: '2026-12-25T14:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ skippedReason: 'excluded', nextScheduleTime: '2026-12-26T14:00:00Z' });
  });

  test('@every keeps its phase across a window', () => {
    // Every 25 minutes from 09:10; 10:00-11:00 excluded: 09:35, [10:00, 10:25, 10:50 excluded], 11:15.
    const a = answer(
      caseOf({
        cronJob: { schedule: '@every 25m', exclusions: [{ hours: '10:00-11:00' }] },
        lastScheduleTime: '2026-03-02T09:35:00Z',
        now: '2026-03-02T10:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ skippedReason: 'excluded', nextScheduleTime: '2026-03-02T11:15:00Z' });
  });

  test('a window without end that covers every later run leaves nothing to run: invalidSchedule', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', exclusions: [{ from: '2026-03-01T12:00' }] },
        lastScheduleTime: '2026-03-01T11:00:00Z',
        now: '2026-03-01T11:30:00Z',
      }),
    );
    expect(a).toMatchObject({ skippedReason: 'invalidSchedule', requeueAfterMs: null });
  });

  test('a run outside every window is unaffected', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', exclusions: [weekend, { hours: '02:00-04:00' }] },
        lastScheduleTime: '2026-03-02T09:00:00Z',
        now: '2026-03-02T10:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ createJobFor: '2026-03-02T10:00:00Z' });
  });
});
