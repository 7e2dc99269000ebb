import {
  defaultRunDeadlineSeconds,
  defaultStartingDeadlineSeconds,
  shortestIntervalSeconds,
} from '../../src/constructs/cron-job-deadlines';

describe('startingDeadlineSeconds = clamp(shortest interval / 2, 60 s, 1 h)', () => {
  test.each([
    [60, 60],
    [119, 60],
    [300, 150],
    [900, 450],
    [3600, 1800],
    [7200, 3600],
    [86_400, 3600],
    [604_800, 3600],
  ])('shortest %i s -> %i s', (shortest, expected) => {
    expect(defaultStartingDeadlineSeconds(shortest, undefined)).toBe(expected);
  });

  test('never the marginal 10 s', () => {
    expect(defaultStartingDeadlineSeconds(1, undefined)).toBe(60);
  });

  test('an invalid schedule (no interval) gets the floor', () => {
    expect(defaultStartingDeadlineSeconds(undefined, undefined)).toBe(60);
  });

  test('an @every schedule gets its interval and a minute: under the interval it would never run', () => {
    expect(defaultStartingDeadlineSeconds(2700, 2700)).toBe(2760);
    expect(defaultStartingDeadlineSeconds(1, 1)).toBe(61);
    expect(defaultStartingDeadlineSeconds(129_600, 129_600)).toBe(129_660);
  });
});

describe('activeDeadlineSeconds of CronJob runs = min(1 h, shortest interval)', () => {
  test.each([
    [60, 60],
    [900, 900],
    [3600, 3600],
    [86_400, 3600],
  ])('shortest %i s -> %i s', (shortest, expected) => {
    expect(defaultRunDeadlineSeconds(shortest)).toBe(expected);
  });

  test('an invalid schedule gets the standalone Job budget', () => {
    expect(defaultRunDeadlineSeconds(undefined)).toBe(3600);
  });
});

describe('shortestIntervalSeconds', () => {
  test('the nominal shortest interval, the same on every call', () => {
    expect(shortestIntervalSeconds('*/5 * * * *', 'Etc/UTC')).toBe(300);
    expect(shortestIntervalSeconds('0 9,17 * * *', 'Europe/Berlin')).toBe(8 * 3600);
    expect(shortestIntervalSeconds('0 9,17 * * *', 'Europe/Berlin')).toBe(8 * 3600);
  });

  test('undefined for an invalid schedule, an unknown zone, or one that never fires', () => {
    expect(shortestIntervalSeconds('0 0 * * 7', 'Etc/UTC')).toBeUndefined();
    expect(shortestIntervalSeconds('0 3 * * *', 'Mars/Olympus')).toBeUndefined();
    expect(shortestIntervalSeconds('0 0 30 2 *', 'Etc/UTC')).toBeUndefined();
  });
});
