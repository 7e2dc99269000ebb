import {
  ScheduleProblemKind,
  validateCronSchedule,
  validateSchedule,
  validateTimeZone,
} from '../../src/schedule/validation';

const kinds = (problems: { kind: ScheduleProblemKind }[]) => problems.map((p) => p.kind);

describe('validateSchedule (API server, create, 1.29+)', () => {
  test('an empty schedule is required', () => {
    expect(kinds(validateSchedule(''))).toEqual([ScheduleProblemKind.SCHEDULE_REQUIRED]);
  });

  test('TZ anywhere is refused, in addition to any parse error', () => {
    expect(kinds(validateSchedule('CRON_TZ=America/New_York 0 9 * * *'))).toEqual([
      ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX,
    ]);
    expect(kinds(validateSchedule('TZ=UTC'))).toEqual([
      ScheduleProblemKind.SCHEDULE_SYNTAX,
      ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX,
    ]);
    expect(kinds(validateSchedule('CRON_TZ=Mars/Olympus 0 0 * * *'))).toEqual([
      ScheduleProblemKind.SCHEDULE_SYNTAX,
      ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX,
    ]);
    expect(validateSchedule('CRON_TZ=Europe/Berlin 0 0 * * *')[0].fix).toBe(
      'Remove the prefix and set the CronJob\'s timeZone to "Europe/Berlin": schedule "0 0 * * *".',
    );
  });

  test.each([
    ['0 0 0 * * *', 'no seconds field'],
    ['0 0 * * * * *', 'neither seconds nor years'],
    ['0 0 L * *', 'no "L"'],
    ['0 0 * * 5L', 'no "L"'],
    ['0 0 15W * *', 'no "W"'],
    ['0 0 * * FRI#3', 'no "#"'],
    ['H * * * *', 'Jenkins-style H'],
    ['H/15 * * * *', 'Jenkins-style H'],
    ['0 0 * * 7', 'write 0 (or SUN) for Sunday'],
    ['0 0 * * 6-7', 'write 0 (or SUN) for Sunday'],
    ['@minutely', '"* * * * *"'],
    ['@weekdays', '"0 0 * * 1-5"'],
    ['@reboot', 'plain Job'],
    ['@HOURLY', 'case-sensitive: write "@hourly"'],
    [' @daily', 'white space'],
    ['@every 1d', 'no d unit'],
    ['0 0 * * FRI-MON', 'do not wrap'],
    ['*/0 * * * *', 'step of 1 or more'],
    ['0 24 * * *', 'at most 23'],
    ['0 0 0 * *', 'at least 1'],
    ['1-2-3 * * * *', 'single /step'],
    ['0 0 * * MONDAY', '3-letter day names'],
  ])('%s is rejected with a fix about %s', (schedule, fix) => {
    const problems = validateSchedule(schedule);
    expect(kinds(problems)).toContain(ScheduleProblemKind.SCHEDULE_SYNTAX);
    expect(problems.map((p) => p.fix).join(' ')).toContain(fix);
    expect(problems.every((p) => p.field === 'schedule')).toBe(true);
  });

  test.each([
    '0 0 30 2 *',
    '1,,2 * * * *',
    '? ? ? ? ?',
    '@every 0s',
    '@midnight',
    '0\t0\t*\t*\t*',
    '+5 * * * *',
    '*-5 * * * *',
  ])('%s is accepted', (s) => {
    expect(validateSchedule(s)).toEqual([]);
  });
});

describe('validateTimeZone (API server)', () => {
  test.each([
    ['', [ScheduleProblemKind.TIME_ZONE_EMPTY]],
    ['Local', [ScheduleProblemKind.TIME_ZONE_LOCAL]],
    ['local', [ScheduleProblemKind.TIME_ZONE_LOCAL, ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['utc', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['Mars/Olympus', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['../etc/passwd', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['America/New York', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['+05:00', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['America/-Foo', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
    ['Europe/Abcdefghijklmno', [ScheduleProblemKind.TIME_ZONE_UNKNOWN]],
  ])('%j is rejected', (zone, expected) => {
    const problems = validateTimeZone(zone);
    expect(kinds(problems)).toEqual(expected);
    expect(problems.every((p) => p.field === 'timeZone' && p.fix.length > 10)).toBe(true);
  });

  test.each([
    'UTC',
    'Etc/UTC',
    'Europe/Berlin',
    'America/Argentina/Buenos_Aires',
    'America/North_Dakota/New_Salem',
    'US/Eastern',
    'EST5EDT',
    'Etc/GMT+5',
    'GMT',
    'Asia/Calcutta',
  ])('%s is accepted', (zone) => {
    expect(validateTimeZone(zone)).toEqual([]);
  });

  test('no timeZone field is fine; utc gets a case fix; offsets get an IANA hint', () => {
    expect(validateTimeZone(undefined)).toEqual([]);
    expect(validateTimeZone('utc')[0].fix).toContain('case-sensitive');
    expect(validateTimeZone('+05:00')[0].fix).toContain('not an offset');
  });

  test('validateCronSchedule reports schedule and zone problems together', () => {
    expect(validateCronSchedule('0 0 * * 7', 'Mars/Olympus').map((p) => p.field)).toEqual(['schedule', 'timeZone']);
  });
});
