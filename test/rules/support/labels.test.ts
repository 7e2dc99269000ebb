/** Label maps and selectors: validation problems with their paths, and selector matching. */
import {
  labelEntries,
  labelMapProblems,
  labelSelectorProblems,
  selectorMatches,
  UNKNOWN_LABEL_VALUE,
} from '../../../src/rules/support/labels';

const labels = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('label maps', () => {
  test('problems are reported at the map, naming the key', () => {
    const problems = labelMapProblems({ 'bad key': 'x', ok: 'a b' }, 'metadata.labels');
    expect(problems.map((p) => p.field)).toEqual(['metadata.labels', 'metadata.labels']);
    expect(problems[0].message).toContain('"bad key"');
    expect(problems[1].message).toContain('"a b"');
  });

  test('non-string values and non-objects are left alone', () => {
    expect(labelMapProblems({ a: 1 }, 'x')).toEqual([]);
    expect(labelMapProblems('nope', 'x')).toEqual([]);
    expect([...labelEntries({ a: 'b', c: 1 })]).toEqual([['a', 'b']]);
  });
});

describe('label selectors', () => {
  test('expression problems have item paths', () => {
    const problems = labelSelectorProblems(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Near', values: ['x'] },
        ],
      },
      'spec.selector',
    );
    expect(problems.map((p) => p.field)).toEqual([
      'spec.selector.matchExpressions[0].values',
      'spec.selector.matchExpressions[1].operator',
    ]);
  });

  test.each([
    ['absent selects nothing', undefined, {}, false],
    ['empty selects everything', {}, { a: 'b' }, true],
    ['matchLabels equal', { matchLabels: { a: 'b' } }, { a: 'b', c: 'd' }, true],
    ['matchLabels differ', { matchLabels: { a: 'b' } }, { a: 'c' }, false],
    ['In', { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'b'] }] }, { a: 'b' }, true],
    ['In without the key', { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }, {}, false],
    ['NotIn without the key', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['b'] }] }, {}, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['b'] }] }, { a: 'b' }, false],
    ['Exists', { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
    [
      'a server-assigned value never equals a written one',
      { matchLabels: { uid: 'abc' } },
      { uid: UNKNOWN_LABEL_VALUE },
      false,
    ],
  ])('%s', (_name, selector, set, expected) => {
    expect(selectorMatches(selector, labels(set as Record<string, string>))).toBe(expected);
  });
});
