import { checkPolicyDocument } from '../../src/manifests/policy-document';
import { RuleLevel } from '../../src/rules/policy';
import { ALL_RULES } from '../../src/rules/registry';
import { RuleOrigin } from '../../src/rules/rule';

const RULES = [
  { id: 'job-name-too-long', origin: RuleOrigin.API_SERVER },
  { id: 'job-missing-ttl', origin: RuleOrigin.BEST_PRACTICE },
  { id: 'image-latest-tag', origin: RuleOrigin.BEST_PRACTICE },
];

const problemOf = (value: unknown) => {
  const result = checkPolicyDocument(value, RULES);
  if (!('problem' in result)) throw new Error('expected a problem');
  return result.problem;
};

describe('checkPolicyDocument', () => {
  test('a valid policy comes back as a RulePolicy', () => {
    expect(
      checkPolicyDocument(
        { rules: { 'job-missing-ttl': 'error', 'image-latest-tag': 'off', 'job-name-too-long': 'error' } },
        RULES,
      ),
    ).toEqual({
      policy: {
        rules: {
          'job-missing-ttl': RuleLevel.ERROR,
          'image-latest-tag': RuleLevel.OFF,
          'job-name-too-long': RuleLevel.ERROR,
        },
      },
    });
  });

  test.each([
    [{}, {}],
    [{ rules: null }, {}],
    [{ rules: {} }, { rules: {} }],
  ])('%j changes nothing', (value, policy) => {
    expect(checkPolicyDocument(value, RULES)).toEqual({ policy });
  });

  test.each([[null], ['rules'], [[{ rules: {} }]]])('%j is not a policy', (value) => {
    expect(problemOf(value)).toBe('a policy must be a mapping like {rules: {<rule-id>: error|warning|off}}');
  });

  test('misspelt top-level keys are named', () => {
    expect(problemOf({ rule: {}, level: 1 })).toBe('unknown keys "rule", "level": a policy has only "rules"');
  });

  test('rules must be a mapping', () => {
    expect(problemOf({ rules: ['job-missing-ttl'] })).toBe(
      '"rules" must be a mapping of rule ids to error, warning or off',
    );
  });

  test('every unknown level is named with its rule', () => {
    expect(problemOf({ rules: { 'job-missing-ttl': 'warn', 'image-latest-tag': 2 } })).toBe(
      'unknown levels "warn" for "job-missing-ttl", 2 for "image-latest-tag": use error, warning or off',
    );
  });

  test('levels are exact, not case-insensitive', () => {
    expect(problemOf({ rules: { 'job-missing-ttl': 'Error' } })).toMatch(/^unknown level "Error"/);
  });

  test('every unknown rule id is named', () => {
    expect(problemOf({ rules: { 'no-such-rule': 'off', 'job-missing-ttl': 'off', 'other-typo': 'error' } })).toBe(
      'unknown rule ids "no-such-rule", "other-typo" (the README lists every rule id)',
    );
  });

  test('an API-server rule cannot be relaxed', () => {
    expect(problemOf({ rules: { 'job-name-too-long': 'off' } })).toBe(
      '"job-name-too-long" is an API-server rule, always an error: the API server rejects such objects',
    );
  });

  test('all mistakes are reported together, in one line', () => {
    const problem = problemOf({ rules: { 'job-missing-ttl': 'warn', nope: 'off', 'job-name-too-long': 'warning' } });
    expect(problem.split('; ')).toHaveLength(3);
    expect(problem).not.toContain('\n');
  });

  test('by default the registry is the list of known rules', () => {
    const known = ALL_RULES.find((rule) => rule.origin === RuleOrigin.BEST_PRACTICE);
    const rules = { 'surely-not-a-rule': 'off', ...(known ? { [known.id]: 'off' } : {}) };
    expect(checkPolicyDocument({ rules })).toEqual({
      problem: 'unknown rule id "surely-not-a-rule" (the README lists every rule id)',
    });
  });
});
