import { describeSchedule, fieldExpression, formatSeconds } from '../../src/schedule/describe';

describe('describeSchedule', () => {
  test.each([
    ['0 2 * * *', undefined, 'At 02:00'],
    ['0 2 * * *', 'Europe/Berlin', 'At 02:00, in Europe/Berlin'],
    ['@weekly', undefined, 'At 00:00, only on Sunday'],
    ['*/15 9-17 * * MON-FRI', undefined, 'Every 15 minutes, between 09:00 and 17:59, Monday through Friday'],
    // robfig quirks are described as Kubernetes runs them: "*-5" is "*", "+5" is 5.
    ['*-5 * * * *', undefined, 'Every minute'],
    ['+5 * * * *', undefined, 'At 5 minutes past the hour'],
  ])('%s (%s)', (schedule, zone, expected) => {
    expect(describeSchedule(schedule, zone)).toBe(expected);
  });

  test('says when either the day of month or the day of week runs it', () => {
    expect(describeSchedule('0 0 1,15 * 1')).toContain('either the day of month or the day of week');
    expect(describeSchedule('0 0 */1 * 1')).not.toContain('either');
  });

  test('@every and invalid schedules', () => {
    expect(describeSchedule('@every 1h30m')).toMatch(/^Every 1h30m, counted from the last scheduled run/);
    expect(describeSchedule('0 0 * * 7')).toBe('Invalid schedule (end of range (7) above maximum (6): 7)');
    expect(describeSchedule(', * * * *')).toBe('Never runs (a field allows no value)');
  });

  test('fieldExpression and formatSeconds', () => {
    const values = Array.from({ length: 60 }, (_, v) => v % 15 === 5);
    expect(fieldExpression({ values, star: false }, 0)).toBe('5/15');
    expect(fieldExpression({ values: [false, true, true, true, false, true], star: false }, 0)).toBe('1-3,5');
    expect(formatSeconds(5400)).toBe('1h30m');
    expect(formatSeconds(0)).toBe('0s');
  });
});
