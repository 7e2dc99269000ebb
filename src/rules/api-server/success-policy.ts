/**
 * The success policy (validateSuccessPolicy): Indexed Jobs only, 1 to 20 rules, each with a
 * succeededIndexes interval list ("0-3,7,9-10": increasing, each index below completions) and/or
 * a succeededCount no larger than completions or the listed indexes.
 */
import { FEATURES } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../support/access';
import { child, index } from '../support/field-path';
import { parseGoInteger } from '../support/go-integers';
import { apiServerRule, BOTH_KINDS, isIndexed, jobSpecOf } from './api-server-rule';

const MAX_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

/** The result of reading an index list: how many indexes it names, or why it cannot be read. */
export type IndexListResult = { readonly count: number; readonly error?: undefined } | { readonly error: string };

/** Go's strconv.Atoi on a 64-bit platform. */
function goAtoi(text: string): number | undefined {
  const value = parseGoInteger(text, 64);
  return value === undefined ? undefined : Number(value);
}

/**
 * Reads an index list as validateIndexesFormat does: comma-separated intervals "a" or "a-b"
 * with a < b, every index below `completions`, each interval after the previous one. The
 * empty string names no index.
 */
export function parseIndexList(text: string, completions: number): IndexListResult {
  if (text === '') return { count: 0 };
  let count = 0;
  let last: number | undefined;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) {
      return {
        error: `the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    }
    const bounds: number[] = [];
    for (const limit of limits) {
      const value = goAtoi(limit);
      if (value === undefined) return { error: `cannot convert string to integer for index: "${limit}"` };
      if (value >= completions) return { error: `too large index: "${limit}"` };
      bounds.push(value);
    }
    const [first, end = first] = bounds;
    if (bounds.length === 2 && first >= end)
      return { error: `non-increasing order, previous: ${first}, current: ${end}` };
    if (last !== undefined && last >= first)
      return { error: `non-increasing order, previous: ${last}, current: ${first}` };
    count += end - first + 1;
    last = end;
  }
  return { count };
}

/** The policy when it reaches its own checks: set, on an Indexed Job. */
function indexedPolicy(input: RuleInput): Readonly<Record<string, unknown>> | undefined {
  const spec = jobSpecOf(input);
  return isIndexed(spec) ? objectOf(spec.successPolicy) : undefined;
}

/** Each rule of an Indexed Job's policy, with its path. */
function eachRule(
  input: RuleInput,
  check: (rule: Readonly<Record<string, unknown>>, path: string) => Violation[],
): Violation[] {
  const rules = arrayOf(indexedPolicy(input)?.rules) ?? [];
  const rulesPath = child(child(input.jobSpecPath, 'successPolicy'), 'rules');
  const violations: Violation[] = [];
  rules.forEach((raw, i) => {
    const rule = objectOf(raw);
    if (rule) violations.push(...check(rule, index(rulesPath, i)));
  });
  return violations;
}

export const jobSuccessPolicyRequiresIndexed = apiServerRule({
  id: 'job-success-policy-requires-indexed',
  since: FEATURES.successPolicy,
  kinds: BOTH_KINDS,
  summary: 'A successPolicy on a Job that is not Indexed.',
  check(input) {
    const spec = jobSpecOf(input);
    if (isAbsent(spec.successPolicy) || isIndexed(spec)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'successPolicy'),
        message: 'A success policy names indexes, so it "requires indexed completion mode".',
        fix: 'Set completionMode: Indexed with completions, or remove successPolicy.',
      },
    ];
  },
});

export const jobSuccessPolicyRulesCount = apiServerRule({
  id: 'job-success-policy-rules-count',
  since: FEATURES.successPolicy,
  kinds: BOTH_KINDS,
  summary: 'A successPolicy with no rules, or with more than 20.',
  check(input) {
    const policy = indexedPolicy(input);
    if (!policy || (!isAbsent(policy.rules) && !Array.isArray(policy.rules))) return [];
    const count = arrayOf(policy.rules)?.length ?? 0;
    const field = child(child(input.jobSpecPath, 'successPolicy'), 'rules');
    if (count === 0) {
      return [
        {
          field,
          message:
            'The success policy has no rules ("at least one rules must be specified when the successPolicy is specified").',
          fix: 'Add a rule with succeededIndexes and/or succeededCount, or remove successPolicy.',
        },
      ];
    }
    if (count > MAX_RULES) {
      return [
        {
          field,
          message: `The success policy has ${count} rules; it "must have at most ${MAX_RULES} items".`,
          fix: 'Keep at most 20 rules.',
        },
      ];
    }
    return [];
  },
});

export const jobSuccessPolicyRuleEmpty = apiServerRule({
  id: 'job-success-policy-rule-empty',
  since: FEATURES.successPolicy,
  kinds: BOTH_KINDS,
  summary: 'A successPolicy rule with neither succeededIndexes nor succeededCount.',
  check(input) {
    return eachRule(input, (rule, path) =>
      isAbsent(rule.succeededCount) && isAbsent(rule.succeededIndexes)
        ? [
            {
              field: path,
              message:
                'The rule says nothing ("at least one of succeededCount or succeededIndexes must be specified").',
              fix: 'Set succeededIndexes (e.g. "0-2,5") and/or succeededCount.',
            },
          ]
        : [],
    );
  },
});

export const jobSuccessPolicyIndexesInvalid = apiServerRule({
  id: 'job-success-policy-indexes-invalid',
  since: FEATURES.successPolicy,
  kinds: BOTH_KINDS,
  summary:
    'succeededIndexes is longer than 64 KiB or not increasing intervals "a" or "a-b" below completions, joined by commas.',
  check(input) {
    const completions = integerOf(jobSpecOf(input).completions);
    return eachRule(input, (rule, path) => {
      const indexes = stringOf(rule.succeededIndexes);
      if (indexes === undefined) return [];
      const field = child(path, 'succeededIndexes');
      const violations: Violation[] = [];
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
        violations.push({
          field,
          message: `succeededIndexes is ${indexes.length} characters long; it may not be more than ${MAX_SUCCEEDED_INDEXES_LENGTH}.`,
          fix: 'Write runs of indexes as intervals, e.g. "0-999" instead of listing each.',
        });
      }
      // Without completions (indexed-completions-required reports it) the indexes cannot be checked.
      if (completions === undefined) return violations;
      const parsed = parseIndexList(indexes, completions);
      if (parsed.error !== undefined) {
        violations.push({
          field,
          message: `succeededIndexes ${describeValue(indexes)} cannot be read ("error parsing succeededIndexes: ${parsed.error}").`,
          fix: `Write increasing intervals "a" or "a-b" (a < b) joined by commas, every index from 0 to ${completions - 1}, e.g. "0-2,5".`,
        });
      }
      return violations;
    });
  },
});

export const jobSuccessPolicyCountInvalid = apiServerRule({
  id: 'job-success-policy-count-invalid',
  since: FEATURES.successPolicy,
  kinds: BOTH_KINDS,
  summary: 'succeededCount is negative, above completions, or above the number of indexes in succeededIndexes.',
  check(input) {
    const completions = integerOf(jobSpecOf(input).completions);
    return eachRule(input, (rule, path) => {
      const count = integerOf(rule.succeededCount);
      if (count === undefined) return [];
      const field = child(path, 'succeededCount');
      const violations: Violation[] = [];
      if (count < 0) {
        violations.push({
          field,
          message: `succeededCount is ${count}; it "must be greater than or equal to 0".`,
          fix: 'Set succeededCount to 0 or more.',
        });
      }
      if (completions === undefined) return violations;
      if (count > completions) {
        violations.push({
          field,
          message: `succeededCount ${count} "must be less than or equal to ${completions} (the number of specified completions)".`,
          fix: `Set succeededCount to at most ${completions}.`,
        });
      }
      const indexes = stringOf(rule.succeededIndexes);
      // When the list cannot be read, job-success-policy-indexes-invalid is the finding that helps.
      const listed = indexes === undefined ? undefined : parseIndexList(indexes, completions);
      if (listed?.error === undefined && listed !== undefined && count > listed.count) {
        violations.push({
          field,
          message: `succeededCount ${count} "must be less than or equal to ${listed.count} (the number of indexes in the specified succeededIndexes field)".`,
          fix: `Set succeededCount to at most ${listed.count}, or list more indexes.`,
        });
      }
      return violations;
    });
  },
});

export const SUCCESS_POLICY_RULES = [
  jobSuccessPolicyRequiresIndexed,
  jobSuccessPolicyRulesCount,
  jobSuccessPolicyRuleEmpty,
  jobSuccessPolicyIndexesInvalid,
  jobSuccessPolicyCountInvalid,
];
