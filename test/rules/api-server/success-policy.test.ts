/**
 * The success policy, in a Job and in a CronJob's job template (target 1.31, where it is on).
 *
 * Checklist (k8s-validation.md §2 "successPolicy" rows → rule id):
 * - successPolicy set while not Indexed                       → job-success-policy-requires-indexed
 * - successPolicy.rules empty; more than 20                   → job-success-policy-rules-count
 * - rules[i] with neither succeededCount nor succeededIndexes  → job-success-policy-rule-empty
 * - rules[i].succeededIndexes longer than 65536; bad format
 *   (intervals, < completions, a < b, increasing)             → job-success-policy-indexes-invalid
 * - rules[i].succeededCount < 0, > completions, > listed       → job-success-policy-count-invalid
 */
import { parseIndexList } from '../../../src/rules/api-server/success-policy';
import { findingsOf, jobSpecPath, Json, RuleCase, runRuleTable, withJobSpec } from './fixtures';

const indexedWith =
  (successPolicy: Json, completions = 10) =>
  (spec: Json) =>
    Object.assign(spec, { completionMode: 'Indexed', completions, parallelism: 2, successPolicy });
const rules = (...list: Json[]) => ({ rules: list });

interface PolicyCase {
  readonly row: string;
  readonly rule: string;
  /** Relative to `<jobSpec>.successPolicy` ('' for the policy itself). */
  readonly field: string;
  readonly bad: (spec: Json) => void;
  readonly good: (spec: Json) => void;
}

const CASES: PolicyCase[] = [
  {
    row: 'successPolicy on a NonIndexed Job',
    rule: 'job-success-policy-requires-indexed',
    field: '',
    bad: (spec) => (spec.successPolicy = rules({ succeededCount: 1 })),
    good: indexedWith(rules({ succeededCount: 1 })),
  },
  {
    row: 'no rules',
    rule: 'job-success-policy-rules-count',
    field: '.rules',
    bad: indexedWith(rules()),
    good: indexedWith(rules({ succeededCount: 1 })),
  },
  {
    row: 'more than 20 rules',
    rule: 'job-success-policy-rules-count',
    field: '.rules',
    bad: indexedWith(rules(...Array.from({ length: 21 }, () => ({ succeededCount: 1 })))),
    good: indexedWith(rules(...Array.from({ length: 20 }, () => ({ succeededCount: 1 })))),
  },
  {
    row: 'a rule with neither succeededCount nor succeededIndexes',
    rule: 'job-success-policy-rule-empty',
    field: '.rules[1]',
    bad: indexedWith(rules({ succeededCount: 1 }, {})),
    good: indexedWith(rules({ succeededCount: 1 }, { succeededIndexes: '0' })),
  },
  {
    row: 'succeededIndexes longer than 65536 characters',
    rule: 'job-success-policy-indexes-invalid',
    field: '.rules[0].succeededIndexes',
    bad: indexedWith(rules({ succeededIndexes: `0-1${' '.repeat(65_534)}` })),
    good: indexedWith(rules({ succeededIndexes: '0-1' })),
  },
  {
    row: 'succeededIndexes index not below completions',
    rule: 'job-success-policy-indexes-invalid',
    field: '.rules[0].succeededIndexes',
    bad: indexedWith(rules({ succeededIndexes: '0-10' })),
    good: indexedWith(rules({ succeededIndexes: '0-9' })),
  },
  {
    row: 'succeededIndexes interval with a >= b',
    rule: 'job-success-policy-indexes-invalid',
    field: '.rules[0].succeededIndexes',
    bad: indexedWith(rules({ succeededIndexes: '3-3' })),
    good: indexedWith(rules({ succeededIndexes: '3-4' })),
  },
  {
    row: 'succeededIndexes intervals not increasing',
    rule: 'job-success-policy-indexes-invalid',
    field: '.rules[0].succeededIndexes',
    bad: indexedWith(rules({ succeededIndexes: '5,2-3' })),
    good: indexedWith(rules({ succeededIndexes: '2-3,5' })),
  },
  {
    row: 'succeededIndexes with a space or a negative index',
    rule: 'job-success-policy-indexes-invalid',
    field: '.rules[0].succeededIndexes',
    bad: indexedWith(rules({ succeededIndexes: '1, 3' })),
    good: indexedWith(rules({ succeededIndexes: '1,3' })),
  },
  {
    row: 'succeededCount < 0',
    rule: 'job-success-policy-count-invalid',
    field: '.rules[0].succeededCount',
    bad: indexedWith(rules({ succeededCount: -1 })),
    good: indexedWith(rules({ succeededCount: 0 })),
  },
  {
    row: 'succeededCount > completions',
    rule: 'job-success-policy-count-invalid',
    field: '.rules[0].succeededCount',
    bad: indexedWith(rules({ succeededCount: 11 })),
    good: indexedWith(rules({ succeededCount: 10 })),
  },
  {
    row: 'succeededCount > the number of listed indexes',
    rule: 'job-success-policy-count-invalid',
    field: '.rules[0].succeededCount',
    bad: indexedWith(rules({ succeededIndexes: '0-2,7', succeededCount: 5 })),
    good: indexedWith(rules({ succeededIndexes: '0-2,7', succeededCount: 4 })),
  },
];

describe.each(['Job', 'CronJob'] as const)('success policy rules in a %s', (kind) => {
  runRuleTable(
    CASES.map((c): RuleCase => ({
      row: c.row,
      rule: c.rule,
      field: `${jobSpecPath(kind)}.successPolicy${c.field}`,
      bad: withJobSpec(kind, c.bad),
      good: withJobSpec(kind, c.good),
      version: '1.31',
    })),
  );
});

describe('parseIndexList (validateIndexesFormat)', () => {
  test.each([
    ['', 5, { count: 0 }],
    ['0', 5, { count: 1 }],
    ['0-2,4', 5, { count: 4 }],
    ['+1-+3', 5, { count: 3 }],
    [
      '1-2-3',
      5,
      {
        error: `the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'`,
      },
    ],
    ['-1', 5, { error: 'cannot convert string to integer for index: ""' }],
    ['1,,2', 5, { error: 'cannot convert string to integer for index: ""' }],
    ['a', 5, { error: 'cannot convert string to integer for index: "a"' }],
    ['99999999999999999999', 5, { error: 'cannot convert string to integer for index: "99999999999999999999"' }],
    ['5', 5, { error: 'too large index: "5"' }],
    ['3-1', 5, { error: 'non-increasing order, previous: 3, current: 1' }],
    ['1-2,2', 5, { error: 'non-increasing order, previous: 2, current: 2' }],
  ])('%j with %i completions', (text, completions, expected) => {
    expect(parseIndexList(text, completions)).toEqual(expected);
  });
});

describe('success policy details', () => {
  test('an Indexed CronJob template without completions reports completions, not the indexes (which cannot be checked)', () => {
    const cronJob = withJobSpec('CronJob', (spec) =>
      Object.assign(spec, {
        completionMode: 'Indexed',
        successPolicy: rules({ succeededIndexes: '0-3', succeededCount: 2 }),
      }),
    );
    expect(findingsOf('job-success-policy-indexes-invalid', cronJob, '1.31')).toEqual([]);
    expect(findingsOf('job-success-policy-count-invalid', cronJob, '1.31')).toEqual([]);
    expect(findingsOf('job-indexed-completions-required', cronJob, '1.31')).toHaveLength(1);
  });

  test('unreadable indexes are reported once, not again as a count above zero listed indexes', () => {
    const job = withJobSpec('Job', indexedWith(rules({ succeededIndexes: 'x', succeededCount: 2 })));
    expect(findingsOf('job-success-policy-count-invalid', job, '1.31')).toEqual([]);
    expect(findingsOf('job-success-policy-indexes-invalid', job, '1.31')).toHaveLength(1);
  });

  test('in 1.30 (alpha) a Job loses its success policy; in 1.31 it is validated', () => {
    const job = withJobSpec('Job', (spec) => (spec.successPolicy = rules()));
    expect(findingsOf('job-success-policy-requires-indexed', job, '1.30')).toEqual([]);
    expect(findingsOf('job-success-policy-requires-indexed', job, '1.31')).toHaveLength(1);
  });
});
