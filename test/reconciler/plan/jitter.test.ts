/** Deterministic jitter: stable per run, bounded, never past the next run, deadlines from the jittered start. */
import { jitterDelayMs } from '../../../src/reconciler/plan/jitter';
import { answer, caseOf, ms, plan } from './support';
import { jobFor } from './world';

const TEN = ms('2026-03-01T10:00:00Z');

describe('jitterDelayMs', () => {
  test('is a pure function of name and scheduled time, in whole seconds within [0, bound]', () => {
    const d = jitterDelayMs('backup', TEN, 300, null);
    expect(jitterDelayMs('backup', TEN, 300, null)).toBe(d);
    expect(d % 1000).toBe(0);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(300_000);
  });

  test('spreads many objects on one schedule over the whole bound', () => {
    const delays = Array.from({ length: 1000 }, (_, i) => jitterDelayMs(`job-${i}`, TEN, 300, null) / 1000);
    expect(Math.min(...delays)).toBeLessThan(10);
    expect(Math.max(...delays)).toBeGreaterThan(290);
    expect(new Set(delays).size).toBeGreaterThan(250);
  });

  test('differs between runs of one object', () => {
    const delays = new Set(
      Array.from({ length: 24 }, (_, h) => jitterDelayMs('backup', TEN + h * 3_600_000, 3600, null)),
    );
    expect(delays.size).toBeGreaterThan(15);
  });

  test('is clamped to one second less than the gap to the next run, and 0 turns it off', () => {
    for (let i = 0; i < 200; i++) expect(jitterDelayMs(`n${i}`, TEN, 600, TEN + 60_000)).toBeLessThanOrEqual(59_000);
    expect(jitterDelayMs('x', TEN, 600, TEN + 1000)).toBe(0);
    expect(jitterDelayMs('x', TEN, 0, null)).toBe(0);
  });
});

describe('jitter in the plan', () => {
  const cronJob = { schedule: '0 * * * *', jitterSeconds: 600 };
  const base = { cronJob, lastScheduleTime: '2026-03-01T09:00:00Z' };
  const delay = jitterDelayMs('mycronjob', TEN, 600, TEN + 3_600_000);

  test('the example offset is well inside the bound (the tests below rely on it)', () => {
    expect(delay).toBeGreaterThan(60_000);
    expect(delay).toBeLessThan(540_000);
  });

  test('before its start the run waits: requeue at start + 100 ms, nextScheduleTime is the run it waits for', () => {
    const p = plan(caseOf({ ...base, now: '2026-03-01T10:00:00.1Z' }));
    expect(p).toMatchObject({ skipReason: 'waitingForJitter', nextScheduleTime: TEN, requeueAfterMs: delay });
  });

  test('at its start it is created; the Job name and createJobFor keep the scheduled minute', () => {
    const a = answer(caseOf({ ...base, now: new Date(TEN + delay + 100).toISOString() }));
    expect(a).toMatchObject({
      createJobFor: '2026-03-01T10:00:00Z',
      createJobName: jobFor('2026-03-01T10:00:00Z'),
      lastScheduleTimeAfter: '2026-03-01T10:00:00Z',
    });
    // The requeue then aims at 11:00's own jittered start.
    const eleven = TEN + 3_600_000;
    expect(a.nextScheduleTime).toBe('2026-03-01T11:00:00Z');
    expect(a.requeueAfterMs).toBe(eleven + jitterDelayMs('mycronjob', eleven, 600, eleven + 3_600_000) - (TEN + delay));
  });

  test('startingDeadlineSeconds counts from the jittered start, not the scheduled time', () => {
    const at = (offsetMs: number) =>
      answer(
        caseOf({
          ...base,
          cronJob: { ...cronJob, startingDeadlineSeconds: 30 },
          now: new Date(TEN + delay + offsetMs).toISOString(),
        }),
      ).createJobFor;
    expect(at(29_000)).toBe('2026-03-01T10:00:00Z');
    expect(at(30_000)).toBeNull();
  });

  test('a minutely schedule with a large bound still runs every minute, in order', () => {
    const names: string[] = [];
    let last = '2026-03-01T09:59:00Z';
    for (let t = TEN; t < TEN + 10 * 60_000; t += 1000) {
      const a = answer(
        caseOf({
          cronJob: { schedule: '* * * * *', jitterSeconds: 600 },
          lastScheduleTime: last,
          now: new Date(t).toISOString(),
        }),
      );
      if (a.createJobFor !== null) {
        names.push(a.createJobName as string);
        last = a.createJobFor;
      }
    }
    const minutes = Array.from({ length: 10 }, (_, i) => jobFor(new Date(TEN + i * 60_000).toISOString()));
    expect(names.length).toBeGreaterThanOrEqual(9);
    expect(names).toEqual(minutes.slice(0, names.length));
  });
});
