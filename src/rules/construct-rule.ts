/**
 * A construct rule: a check of what a pattern construct was asked for (its props, resolved to plain
 * data) that no manifest rule can see, e.g. a backup bucket given as a URL or a migration run by
 * several pods at once. The same shape as a manifest `Rule` (id, origin, summary, a pure check
 * returning violations) and reported the same way: findings with the rule id, a field path (the
 * emitted object's, or the prop's where the object has no such field), a fix and a policy level.
 * Each construct keeps its rules beside it; `CONSTRUCT_RULES` (constructs/construct-rules.ts) lists
 * them for the README's rule table and the policy checks.
 */
import { Finding, Severity } from './finding';
import { RuleLevel, suppressionAnnotation } from './policy';
import { RuleOrigin, Violation } from './rule';

export interface ConstructRule<Input> {
  /** Stable, kebab-case, at most 54 characters (it must fit a suppression annotation key). */
  readonly id: string;
  /**
   * `RuleOrigin.CONSTRUCT`: what was asked for cannot work, always an error. `RuleOrigin.BEST_PRACTICE`:
   * a hazard an author may knowingly accept, an error unless a `BatchPolicy` lowers it or
   * `suppressRule` suppresses it with a reason (a construct's own mistakes are not left to a warning
   * nobody reads: the author states the exception instead).
   */
  readonly origin: RuleOrigin.CONSTRUCT | RuleOrigin.BEST_PRACTICE;
  /** The constructs whose props it checks, for the rule table. */
  readonly constructs: readonly string[];
  /** One line for the rule table in the README. */
  readonly summary: string;
  check(input: Input): Violation[];
}

/** Where a construct's policy comes from: the levels of its `BatchPolicy`, and the suppressions on its manifest. */
export interface ConstructRuleContext {
  /** Levels by rule id (the merged `BatchPolicy` rules). */
  readonly levels: { readonly [ruleId: string]: RuleLevel };
  /** The annotations of the emitted object, whose `cdk8s-batch.io/suppress-<id>` entries suppress best-practice rules. */
  readonly annotations?: { readonly [key: string]: unknown };
}

/** Runs construct rules over one input and returns their findings, in rule order, with the policy applied. */
export function checkConstructRules<Input>(
  rules: readonly ConstructRule<Input>[],
  input: Input,
  context: ConstructRuleContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    let severity = Severity.ERROR;
    if (rule.origin === RuleOrigin.BEST_PRACTICE) {
      const level = context.levels[rule.id] ?? RuleLevel.ERROR;
      const reason = context.annotations?.[suppressionAnnotation(rule.id)];
      if (level === RuleLevel.OFF || (typeof reason === 'string' && reason.trim() !== '')) continue;
      severity = level === RuleLevel.WARNING ? Severity.WARNING : Severity.ERROR;
    }
    for (const v of rule.check(input)) {
      findings.push({ rule: rule.id, severity, field: v.field, message: v.message, fix: v.fix });
    }
  }
  return findings;
}
