/** Text checks shared by rules and constructs. */
import { hasControlCharacter } from '../../../src/rules/support/names';

test.each(['a\u0000b', 'line\nbreak', 'tab\there', 'del\u007f'])('%j has a control character', (text) => {
  expect(hasControlCharacter(text)).toBe(true);
});

test.each(['', 'CORP\\batch-runner', 'ünïcödé', 'space and ~'])('%j has none', (text) => {
  expect(hasControlCharacter(text)).toBe(false);
});
