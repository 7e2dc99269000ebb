/** Best practices the API server does not enforce: warnings by default, configurable by policy. */
import { Rule } from '../rule';

export const BEST_PRACTICE_RULES: readonly Rule[] = [];
