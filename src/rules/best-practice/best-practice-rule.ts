/** The shape every best-practice rule shares: a warning by default, which a policy may raise, lower or a reasoned annotation suppress. */
import { BatchKind, Rule, RuleOrigin } from '../rule';

export const JOBS_AND_CRONJOBS: readonly BatchKind[] = ['Job', 'CronJob'];
export const JOBS_ONLY: readonly BatchKind[] = ['Job'];
export const CRONJOBS_ONLY: readonly BatchKind[] = ['CronJob'];

export type BestPracticeRuleSpec = Omit<Rule, 'origin'>;

export function bestPracticeRule(spec: BestPracticeRuleSpec): Rule {
  return { ...spec, origin: RuleOrigin.BEST_PRACTICE };
}
