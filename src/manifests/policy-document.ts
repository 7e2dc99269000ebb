/**
 * A rule policy written by a user, `{rules: {<rule-id>: error|warning|off}}`, from a `lint
 * --policy` file or the validation plugin's properties: checked whole, so one message names every
 * mistake (a misspelt level, an unknown rule id, an API-server rule someone tried to relax).
 */
import { RuleLevel, RulePolicy } from '../rules/policy';
import { ALL_RULES, PolicyEntryProblem, policyEntryProblems } from '../rules/registry';
import { Rule } from '../rules/rule';

/** A usable policy, or one line saying everything wrong with it. */
export type PolicyCheck = { readonly policy: RulePolicy } | { readonly problem: string };

const LEVELS: readonly string[] = Object.values(RuleLevel);

/** Checks a policy document against the known rules (the registry's, unless a test passes its own). */
export function checkPolicyDocument(
  value: unknown,
  rules: readonly Pick<Rule, 'id' | 'origin' | 'group'>[] = ALL_RULES,
): PolicyCheck {
  if (!isMapping(value)) return { problem: 'a policy must be a mapping like {rules: {<rule-id>: error|warning|off}}' };
  const extraKeys = Object.keys(value).filter((key) => key !== 'rules');
  if (extraKeys.length > 0)
    return { problem: `unknown ${plural(extraKeys, 'key')} ${quoted(extraKeys)}: a policy has only "rules"` };
  if (value.rules === undefined || value.rules === null) return { policy: {} };
  if (!isMapping(value.rules)) return { problem: '"rules" must be a mapping of rule ids to error, warning or off' };

  const levels = value.rules;
  const entries = Object.entries(levels);
  const problems: string[] = [];
  const badLevels = entries.filter(([, level]) => typeof level !== 'string' || !LEVELS.includes(level));
  if (badLevels.length > 0) {
    const list = badLevels.map(([id, level]) => `${JSON.stringify(level)} for "${id}"`).join(', ');
    problems.push(`unknown ${plural(badLevels, 'level')} ${list}: use error, warning or off`);
  }
  const entryProblems = policyEntryProblems(levels, rules);
  const unknownIds = entryProblems.filter((p) => p.problem === PolicyEntryProblem.UNKNOWN_RULE).map((p) => p.id);
  if (unknownIds.length > 0)
    problems.push(`unknown rule ${plural(unknownIds, 'id')} ${quoted(unknownIds)} (the README lists every rule id)`);
  // A misspelt level is reported above; only a real level can relax an API-server rule.
  const relaxed = entryProblems
    .filter((p) => p.problem === PolicyEntryProblem.API_SERVER_RULE && LEVELS.includes(levels[p.id] as string))
    .map((p) => p.id);
  if (relaxed.length > 0) {
    problems.push(
      `${quoted(relaxed)} ${relaxed.length === 1 ? 'is an API-server rule' : 'are API-server rules'}, always an error: the API server rejects such objects`,
    );
  }
  if (problems.length > 0) return { problem: problems.join('; ') };
  return { policy: { rules: levels as { [ruleId: string]: RuleLevel } } };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plural(items: readonly unknown[], word: string): string {
  return items.length === 1 ? word : `${word}s`;
}

function quoted(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}
