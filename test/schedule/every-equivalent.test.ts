import { fixedScheduleFor } from '../../src/schedule/every-equivalent';

test.each([
  [60, '* * * * *'],
  [300, '*/5 * * * *'],
  [1800, '*/30 * * * *'],
  [3600, '0 * * * *'],
  [7200, '0 */2 * * *'],
  [6 * 3600, '0 */6 * * *'],
  [86_400, '0 0 * * *'],
  [7 * 86_400, '0 0 * * 0'],
  [420, undefined],
  [90, undefined],
  [5 * 3600, undefined],
  [2 * 86_400, undefined],
])('@every %i s is %s', (seconds, expected) => {
  expect(fixedScheduleFor(seconds)).toBe(expected);
});
