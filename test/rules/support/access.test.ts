/** Safe readers and field paths. */
import {
  arrayOf,
  describeValue,
  fieldOf,
  integerOf,
  isAbsent,
  objectOf,
  stringOf,
} from '../../../src/rules/support/access';
import { child, index, key } from '../../../src/rules/support/field-path';

describe('safe readers', () => {
  test('each reader accepts only its JSON type', () => {
    expect(objectOf([])).toBeUndefined();
    expect(objectOf(null)).toBeUndefined();
    expect(objectOf({ a: 1 })).toEqual({ a: 1 });
    expect(arrayOf({})).toBeUndefined();
    expect(stringOf(1)).toBeUndefined();
    expect(integerOf('1')).toBeUndefined();
    expect(integerOf(1.5)).toBeUndefined();
    expect(integerOf(Number.NaN)).toBeUndefined();
    expect(integerOf(-3)).toBe(-3);
    expect(fieldOf('x', 'length')).toBeUndefined();
    expect(isAbsent(null) && isAbsent(undefined) && !isAbsent(0) && !isAbsent('')).toBe(true);
  });

  test('describeValue shortens long values and never throws', () => {
    expect(describeValue('x'.repeat(200)).length).toBeLessThan(90);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
    expect(describeValue(undefined)).toBe('nothing');
  });

  test('describeValue names the numbers JSON cannot write (YAML .inf and .nan), not as null', () => {
    expect([Infinity, -Infinity, NaN].map(describeValue)).toEqual([
      'infinity (.inf)',
      'minus infinity (-.inf)',
      'not-a-number (.nan)',
    ]);
    expect(describeValue(-1.5)).toBe('-1.5');
  });
});

describe('field paths', () => {
  test('the API server notation', () => {
    expect(index(child(child('spec', 'podFailurePolicy'), 'rules'), 1)).toBe('spec.podFailurePolicy.rules[1]');
    expect(key('spec.template.metadata.labels', 'job-name')).toBe('spec.template.metadata.labels[job-name]');
  });
});
