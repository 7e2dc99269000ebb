/** The interval a ScheduledJob's default deadlines derive from: the union of its schedules, less the jitter. */
import {
  defaultsIntervalSeconds,
  unionShortestIntervalSeconds,
} from '../../../src/reconciler/constructs/scheduled-job-intervals';

describe('unionShortestIntervalSeconds', () => {
  test.each<[string, string[], number | undefined]>([
    ['one schedule: its own shortest interval', ['0 */6 * * *'], 21_600],
    ['two schedules apart by less than either repeats', ['0 9 * * *', '30 9 * * *'], 1800],
    ['a weekday and a weekend schedule far apart', ['0 9 * * 1-5', '0 12 * * 6'], 86_400],
    ['the same instant twice is one run, not a gap of 0', ['0 9 * * *', '0 9 * * *'], 86_400],
    ['a minutely schedule is the floor at once', ['* * * * *', '0 9 1 1 *'], 60],
    ['an invalid schedule has no interval', ['0 9 * * *', '0 25 * * *'], undefined],
    ['a gap that only a yearly schedule creates', ['0 0 * * *', '5 0 1 1 *'], 300],
  ])('%s', (_name, schedules, expected) => {
    expect(unionShortestIntervalSeconds(schedules, 'Etc/UTC')).toBe(expected);
  });
});

describe('defaultsIntervalSeconds', () => {
  test('subtracts the jitter', () => {
    expect(defaultsIntervalSeconds(['0 * * * *'], 'Etc/UTC', 600)).toBe(3000);
  });
  test('a jitter that leaves no gap gives no interval (validation reports it; defaults take their floor)', () => {
    expect(defaultsIntervalSeconds(['0 * * * *'], 'Etc/UTC', 3600)).toBeUndefined();
  });
  test('no jitter: the union', () => {
    expect(defaultsIntervalSeconds(['0 9 * * *', '30 9 * * *'], 'Etc/UTC', 0)).toBe(1800);
  });
});
