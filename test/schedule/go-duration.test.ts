import { parseGoDuration } from '../../src/schedule/go-duration';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  test.each([
    ['0', 0n],
    ['5m', 300_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['.5m', 30_000_000_000n],
    ['-5m', -300_000_000_000n],
    ['+10s', 10_000_000_000n],
    ['1h0m0.5s', 3_600_500_000_000n],
    ['300ms', 300_000_000n],
    ['2us', 2_000n],
    ['2\u00b5s', 2_000n],
    ['2\u03bcs', 2_000n],
    ['1ns', 1n],
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
  ])('%s', (text, nanos) => {
    expect(parseGoDuration(text)).toEqual({ nanos });
  });

  test.each([
    ['', 'time: invalid duration ""'],
    ['5', 'time: missing unit in duration "5"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
    ['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
    ['99999999999999999999h', 'time: invalid duration "99999999999999999999h"'],
  ])('%s is rejected', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ error });
  });
});
