/**
 * For the constructs that handle credentials (BackupCronJob, QueueWorkerJob, MigrationJob): the
 * secret rules (rules/best-practice/secrets.ts) restated as errors. Such a construct takes its
 * credentials from Secret references, so a credential in plain text on its pod (an `env` value added
 * after construction, a password in extra arguments, a patch) defeats what it is for. The finding is
 * the registry's own, same rule and field, judged at the error level unless a `BatchPolicy` sets
 * another; a reasoned suppression still applies (e.g. a throw-away test database).
 */
import { PLAIN_SECRET_RULES } from '../rules/best-practice/secrets';
import { Finding } from '../rules/finding';
import { RuleLevel } from '../rules/policy';
import { validateBatchObject, ValidateOptions } from '../rules/registry';

const SECRET_RULE_IDS = new Set(PLAIN_SECRET_RULES.map((rule) => rule.id));

/** The secret rules' findings about `object` (a batch/v1 Job or CronJob), errors unless the policy says otherwise. */
export function plainCredentialFindings(object: unknown, options: ValidateOptions): Finding[] {
  const levels = options.policy?.rules ?? {};
  const raised = Object.fromEntries([...SECRET_RULE_IDS].map((id) => [id, levels[id] ?? RuleLevel.ERROR]));
  return validateBatchObject(object, { ...options, policy: { rules: { ...levels, ...raised } } }).filter((f) =>
    SECRET_RULE_IDS.has(f.rule),
  );
}
