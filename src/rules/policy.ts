import type { Rule } from './rule';

/**
 * A project-wide rule policy: raise a best-practice rule to an error, or turn it off. API-server
 * rules stay errors whatever the policy says, because the API server will reject the object anyway.
 * Per-object suppression of a single best-practice rule needs a written reason, kept in the
 * manifest as the annotation `cdk8s-batch.io/suppress-<rule-id>: <reason>`.
 */

/** What the policy makes of a best-practice rule. */
export enum RuleLevel {
  ERROR = 'error',
  WARNING = 'warning',
  OFF = 'off',
}

export interface RulePolicy {
  /**
   * Level per rule id, e.g. `{ 'job-missing-active-deadline': RuleLevel.ERROR }`.
   * @default - every API-server rule is an error and every best-practice rule a warning
   */
  readonly rules?: { [ruleId: string]: RuleLevel };
}

/**
 * The level a policy gives a best-practice rule: its own entry, else its group's (a group id stands
 * for every rule in the group), else warning, or off for an opt-in rule.
 */
export function policyLevel(
  rule: Pick<Rule, 'id' | 'optIn' | 'group'>,
  levels: RulePolicy['rules'] | undefined,
): RuleLevel {
  return (
    levels?.[rule.id] ??
    (rule.group === undefined ? undefined : levels?.[rule.group.id]) ??
    (rule.optIn ? RuleLevel.OFF : RuleLevel.WARNING)
  );
}

export const SUPPRESSION_ANNOTATION_PREFIX = 'cdk8s-batch.io/suppress-';

/** The annotation key that suppresses `ruleId` on one object. */
export function suppressionAnnotation(ruleId: string): string {
  return `${SUPPRESSION_ANNOTATION_PREFIX}${ruleId}`;
}

/** The annotation keys that suppress a best-practice rule: its own, and its group's. */
export function suppressionKeys(rule: Pick<Rule, 'id' | 'group'>): string[] {
  const own = suppressionAnnotation(rule.id);
  return rule.group === undefined ? [own] : [own, suppressionAnnotation(rule.group.id)];
}
