import * as fc from 'fast-check';
import { promDuration, promString, regexLiteral, selector } from '../../../src/constructs/monitoring/promql';
import { matches, promqlSelectors } from './promql-shape';

describe('PromQL text', () => {
  test('strings escape quotes, backslashes and line breaks, and read back as the same value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const [s] = promqlSelectors(selector('m', [{ label: 'l', op: '=', value }]));
        expect(s.matchers[0].value).toBe(value);
      }),
    );
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  test('a regex literal matches exactly the literal, whatever characters it has', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', '.', '-', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\'),
        }),
        fc.string({ maxLength: 3 }),
        (literal, other) => {
          const m = { label: 'l', op: '=~', value: regexLiteral(literal) };
          expect(matches(m, literal)).toBe(true);
          if (other !== literal) expect(matches(m, other)).toBe(false);
        },
      ),
    );
  });

  test('durations in the Prometheus format', () => {
    expect(promDuration(0)).toBe('0s');
    expect(promDuration(900)).toBe('15m');
    expect(promDuration(86400)).toBe('1d');
    expect(promDuration(133200)).toBe('1d13h');
    expect(promDuration(90061)).toBe('1d1h1m1s');
  });
});

describe('the structural reader rejects broken PromQL (so the alert checks can fail)', () => {
  test.each([
    ['an unclosed parenthesis', '(up{job="a"} == 1'],
    ['a stray closing parenthesis', 'up{job="a"}) == 1'],
    ['an unquoted matcher value', 'up{job=a}'],
    ['an unterminated string', 'up{job="a}'],
    ['a bad escape', 'up{job="a\\d"}'],
    ['a missing operator', 'up{job "a"}'],
    ['a selector without a metric', '{job="a"}'],
    ['a missing comma', 'up{job="a" ns="b"}'],
  ])('%s', (_name, expr) => expect(() => promqlSelectors(expr)).toThrow());

  test('and reads a valid one', () => {
    expect(promqlSelectors('max by(namespace) (a{x="1", y=~"2|3"}) > on(namespace) b{z!="4"}')).toEqual([
      {
        metric: 'a',
        matchers: [
          { label: 'x', op: '=', value: '1' },
          { label: 'y', op: '=~', value: '2|3' },
        ],
      },
      { metric: 'b', matchers: [{ label: 'z', op: '!=', value: '4' }] },
    ]);
  });
});
