import { Duration } from 'cdk8s';
import { Schedule, WeekDay } from '../../src';
import { scheduleOf } from '../../src/constructs/schedule';
import { validateCronSchedule } from '../../src/schedule/validation';

describe('Schedule builders', () => {
  test.each([
    [Schedule.expression('0 3 * * *'), '0 3 * * *'],
    [Schedule.expression('@daily'), '@daily'],
    [Schedule.cron(), '* * * * *'],
    [Schedule.cron({ minute: '*/5', hour: '9-17', weekDay: 'MON-FRI' }), '*/5 9-17 * * MON-FRI'],
    [Schedule.hourly(), '0 * * * *'],
    [Schedule.hourly(30), '30 * * * *'],
    [Schedule.daily({ hour: 3 }), '0 3 * * *'],
    [Schedule.daily({ hour: 23, minute: 45 }), '45 23 * * *'],
    [Schedule.weekly({ weekDay: WeekDay.SUNDAY, hour: 6 }), '0 6 * * 0'],
    [Schedule.weekly({ weekDay: WeekDay.SATURDAY, hour: 6, minute: 15 }), '15 6 * * 6'],
    [Schedule.monthly({ day: 1, hour: 2 }), '0 2 1 * *'],
  ])('%#: %p is written as "%s", which Kubernetes accepts', (schedule, expected) => {
    expect(schedule.expressionString).toBe(expected);
    expect(validateCronSchedule(expected)).toEqual([]);
  });

  test.each([
    [Duration.minutes(1), '* * * * *'],
    [Duration.minutes(15), '*/15 * * * *'],
    [Duration.minutes(30), '*/30 * * * *'],
    [Duration.hours(1), '0 * * * *'],
    [Duration.hours(6), '0 */6 * * *'],
    [Duration.days(1), '0 0 * * *'],
    [Duration.days(7), '0 0 * * 0'],
    [Duration.minutes(7), '@every 7m'],
    [Duration.minutes(90), '@every 1h30m'],
    [Duration.seconds(45), '@every 45s'],
  ])('every(%s) is "%s"', (interval, expected) => {
    expect(Schedule.every(interval).expressionString).toBe(expected);
    expect(validateCronSchedule(expected)).toEqual([]);
  });

  test('the builders do not validate: a bad field is written as is, for the rules to report', () => {
    expect(Schedule.cron({ minute: '99' }).expressionString).toBe('99 * * * *');
  });
});

describe('H resolution', () => {
  test('is stable for a seed and differs between seeds', () => {
    const schedule = Schedule.hashed('H H * * *');
    expect(schedule.resolve('app/chart/a')).toBe(schedule.resolve('app/chart/a'));
    const times = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => schedule.resolve(`chart/${id}`)));
    expect(times.size).toBeGreaterThan(1);
  });

  test('leaves schedules without H unchanged', () => {
    expect(Schedule.expression('0 4 * * THU').resolve('seed')).toBe('0 4 * * THU');
  });

  test('a string prop and an expression are the same schedule', () => {
    expect(scheduleOf('H 3 * * *').resolve('s')).toBe(Schedule.expression('H 3 * * *').resolve('s'));
  });
});
