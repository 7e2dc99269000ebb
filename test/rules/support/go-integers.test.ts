/** Whole numbers as Go's strconv.ParseInt reads them. */
import { parseGoInteger } from '../../../src/rules/support/go-integers';

test.each([
  ['2147483647', 32, 2147483647n],
  ['-2147483648', 32, -2147483648n],
  ['+7', 32, 7n],
  ['007', 64, 7n],
  ['9223372036854775807', 64, 9223372036854775807n],
] as const)('%s fits %i bits', (text, bits, value) => {
  expect(parseGoInteger(text, bits)).toBe(value);
});

test.each([
  ['2147483648', 32],
  ['9223372036854775808', 64],
  ['1.5', 64],
  ['1_000', 64],
  [' 1', 64],
  ['', 64],
] as const)('%j is refused at %i bits', (text, bits) => {
  expect(parseGoInteger(text, bits)).toBeUndefined();
});
