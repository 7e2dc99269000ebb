/** Several schedules on one object: the union of their fire times, one run per instant. */
import { answer, caseOf, input, ms, plan } from './support';
import { jobFor, World } from './world';

describe('schedules', () => {
  const weekdaysAndSaturdays = { schedule: '0 9 * * 1-5', schedules: ['0 12 * * 6'], timeZone: 'Europe/Berlin' };

  test('runs at the union of the schedules, in the shared timeZone', () => {
    // 2026-03-07 is a Saturday: 12:00 Berlin = 11:00Z; the next run is Monday 09:00 Berlin = 08:00Z.
    const a = answer(
      caseOf({
        cronJob: weekdaysAndSaturdays,
        lastScheduleTime: '2026-03-06T08:00:00Z',
        now: '2026-03-07T11:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ createJobFor: '2026-03-07T11:00:00Z', nextScheduleTime: '2026-03-09T08:00:00Z' });
  });

  test('two schedules firing in the same minute make one run, not two Jobs with one name', () => {
    const w = new World(
      { schedule: '0 9 * * *', schedules: ['0 * * * 1', '*/30 9 * * *'] },
      ms('2026-03-01T00:00:00Z'),
    );
    w.status = { active: [], lastScheduleTime: ms('2026-03-02T08:30:00Z') };
    const first = w.sync('2026-03-02T09:00:00.1Z'); // Monday
    expect(first.create?.jobName).toBe(jobFor('2026-03-02T09:00:00Z'));
    expect(first.requeueAfterMs).toBe(30 * 60_000);
    expect(w.sync('2026-03-02T09:00:01Z').create).toBeUndefined();
    expect(w.sync('2026-03-02T09:30:00.1Z').create?.jobName).toBe(jobFor('2026-03-02T09:30:00Z'));
    expect(new Set(w.created).size).toBe(w.created.length);
  });

  test('an empty schedule next to schedules means only the list; schedule may be left out of a case file', () => {
    const spec = input({
      creationTimestamp: '2026-03-01T00:00:00Z',
      now: '2026-03-01T00:00:00Z',
      cronJob: { schedules: ['0 6 * * *', '0 18 * * *'] },
    }).spec;
    expect(spec.schedule).toBe('');
    const a = answer({
      creationTimestamp: '2026-03-01T00:00:00Z',
      lastScheduleTime: '2026-03-01T06:00:00Z',
      now: '2026-03-01T18:00:00.1Z',
      cronJob: { schedules: ['0 6 * * *', '0 18 * * *'] },
    });
    expect(a).toMatchObject({ createJobFor: '2026-03-01T18:00:00Z', nextScheduleTime: '2026-03-02T06:00:00Z' });
  });

  test('an unparseable member is unparseableSchedule and names it', () => {
    const p = plan(
      caseOf({
        cronJob: { schedule: '0 9 * * *', schedules: ['0 12 * * 6', '0 25 * * *'] },
        now: '2026-03-01T00:00:00Z',
      }),
    );
    expect(p).toMatchObject({ skipReason: 'unparseableSchedule', requeueAfterMs: undefined });
    expect(p.skipDetail).toMatch(/^schedules\[1\]: end of range \(25\) above maximum \(23\)/);
  });

  test('@every and TZ= cannot be combined (every schedule shares one zone and counts from fixed times); an empty member is refused', () => {
    expect(() =>
      input(caseOf({ cronJob: { schedule: '@every 1h', schedules: ['0 9 * * *'] }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.schedule: @every counts from the previous run/);
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 9 * * *', schedules: [''] }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.schedules\[0\]: must not be empty/);
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 9 * * *', schedules: [7] }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.schedules\[0\]: must be a string/);
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 9 * * *', schedules: ['TZ=Asia/Tokyo 0 9 * * *'] },
          now: '2026-03-01T00:00:00Z',
        }),
      ),
    ).toThrow(/cronJob.schedules\[0\]: TZ= cannot be used with several schedules/);
  });

  test('with several schedules the due run is found exactly (no first-gap estimate)', () => {
    // Upstream's estimate misses the 2nd of March here (see upstream-edges); the union is searched exactly.
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 9 1 * *', schedules: ['0 9 2 * *'] },
        creationTimestamp: '2026-01-01T00:00:00Z',
        now: '2026-03-15T00:00:00Z',
      }),
    );
    expect(a).toMatchObject({
      createJobFor: '2026-03-02T09:00:00Z',
      warnTooManyMissed: false,
      nextScheduleTime: '2026-04-01T09:00:00Z',
    });
  });
});
