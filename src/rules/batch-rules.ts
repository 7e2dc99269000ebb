/**
 * The rules as public API, for platform code that checks objects it builds itself: a class with
 * static methods, as jsii requires, over the registry every other consumer uses.
 */
import { Finding } from './finding';
import { RulePolicy } from './policy';
import { ALL_RULES, validateBatchObject } from './registry';

export class BatchRules {
  /**
   * The findings for one batch/v1 Job or CronJob (plain JSON, as sent to the API server); an empty
   * list for anything else.
   * @param manifest the object
   * @param kubernetesVersion the release whose rules apply, e.g. "1.36" (default DEFAULT_KUBERNETES_VERSION, "1.35")
   * @param policy rule levels (default: API-server rules errors, best practices warnings)
   */
  public static check(manifest: unknown, kubernetesVersion?: string, policy?: RulePolicy): Finding[] {
    return validateBatchObject(manifest, { kubernetesVersion, policy });
  }

  /** Every rule id, API-server rules first. */
  public static ids(): string[] {
    return ALL_RULES.map((rule) => rule.id);
  }

  private constructor() {}
}
