/** The shape every best-practice rule shares: a warning by default, which a policy may raise, lower or a reasoned annotation suppress. */
import { BatchKind, Rule, RuleInput, RuleOrigin, Violation } from '../rule';

export const JOBS_AND_CRONJOBS: readonly BatchKind[] = ['Job', 'CronJob'];
export const JOBS_ONLY: readonly BatchKind[] = ['Job'];
export const CRONJOBS_ONLY: readonly BatchKind[] = ['CronJob'];

export interface BestPracticeRuleSpec {
  readonly id: string;
  readonly kinds: readonly BatchKind[];
  readonly summary: string;
  readonly check: (input: RuleInput) => Violation[];
}

export function bestPracticeRule(spec: BestPracticeRuleSpec): Rule {
  return { id: spec.id, origin: RuleOrigin.BEST_PRACTICE, kinds: spec.kinds, summary: spec.summary, check: spec.check };
}
