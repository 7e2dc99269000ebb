/** The apimachinery identifier grammars (IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue, IsDomainPrefixedPath), and control characters. */
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  domainPrefixedPathProblems,
  generateNamePrefixProblems,
  hasControlCharacter,
  labelValueProblems,
  qualifiedNameProblems,
} from '../../../src/rules/support/names';

const valid = (problems: string[]) => problems.length === 0;

describe('identifier grammars', () => {
  test.each([
    ['a', true],
    ['my-name', true],
    ['123-abc', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['-a', false],
    ['a-', false],
    ['A', false],
    ['a.b', false],
    ['a_b', false],
  ])('DNS-1123 label %j → %s', (text, ok) => expect(valid(dns1123LabelProblems(text))).toBe(ok));

  test.each([
    ['example.com', true],
    ['a', true],
    ['a..b', false],
    ['.a', false],
    ['a.', false],
    ['Example.com', false],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, true],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, false],
  ])('DNS-1123 subdomain %j → %s', (text, ok) => expect(valid(dns1123SubdomainProblems(text))).toBe(ok));

  test.each([
    ['MyName', true],
    ['my.name', true],
    ['123-abc', true],
    ['example.com/MyName', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['/name', false],
    ['example.com/', false],
    ['a/b/c', false],
    ['Example.com/name', false],
    ['_name', false],
    ['name_', false],
    ['', false],
  ])('qualified name %j → %s', (text, ok) => expect(valid(qualifiedNameProblems(text))).toBe(ok));

  test.each([
    ['', true],
    ['MyValue', true],
    ['my_value', true],
    ['12345', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['a b', false],
    ['-a', false],
    ['a/b', false],
  ])('label value %j → %s', (text, ok) => expect(valid(labelValueProblems(text))).toBe(ok));

  test.each([
    ['acme.io/foo', true],
    ['kueue.x-k8s.io/multikueue', true],
    ['acme.io/foo/bar:1', true],
    ['acme.io', false],
    ['/foo', false],
    ['acme.io/', false],
    ['ACME.io/foo', false],
    ['acme.io/f o', false],
    ['', false],
  ])('domain-prefixed path %j → %s', (text, ok) => expect(valid(domainPrefixedPathProblems(text))).toBe(ok));

  test.each([
    ['report-', true],
    ['report', true],
    ['-', false],
    ['Report-', false],
  ])('generateName prefix %j → %s', (text, ok) => expect(valid(generateNamePrefixProblems(text))).toBe(ok));

  test("problems are short sentences in the API server's words", () => {
    expect(dns1123LabelProblems('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(qualifiedNameProblems('/x')).toEqual(['prefix part must be non-empty']);
  });
});

test.each(['a\u0000b', 'line\nbreak', 'tab\there', 'del\u007f'])('%j has a control character', (text) => {
  expect(hasControlCharacter(text)).toBe(true);
});

test.each(['', 'CORP\\batch-runner', 'ünïcödé', 'space and ~'])('%j has none', (text) => {
  expect(hasControlCharacter(text)).toBe(false);
});
