/**
 * What every "never works" rule shares: the API server accepts the object, but the kubelet, the
 * Job controller or the CronJob controller can never run it or never let it succeed. Such findings
 * are errors like the API server's (never suppressible: suppressing one would not make it work), and
 * every message opens with the same words, so a reader tells them from API-server refusals.
 */
import { Rule, RuleOrigin } from '../rule';

export const NEVER_WORKS_PREFIX = 'Accepted by the API server but can never run: ';

/** The parts of a rule an author writes; the origin is always NEVER_WORKS and messages get the prefix. */
export type NeverWorksRuleDefinition = Omit<Rule, 'origin'>;

export function neverWorksRule(definition: NeverWorksRuleDefinition): Rule {
  return {
    ...definition,
    origin: RuleOrigin.NEVER_WORKS,
    check: (input) => {
      const violations = definition.check(input);
      // The usual answer, no violation, is passed on as it is rather than copied.
      return violations.length === 0
        ? violations
        : violations.map((v) => ({ ...v, message: NEVER_WORKS_PREFIX + v.message }));
    },
  };
}
