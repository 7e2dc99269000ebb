/**
 * Every construct rule (construct-rule.ts) of this layer, for the README's rule table and the
 * policy checks. A construct runs its own; those of ScheduledJob and JobTemplate
 * (reconciler/constructs, a layer above) register themselves when their module loads, so a
 * BatchPolicy knows their ids without this layer importing upward.
 */
import { ConstructRule } from '../rules/construct-rule';
import { BACKUP_EMITTED_RULES } from './backup/backup-emitted-rules';
import { BACKUP_RESTORE_RULES, BACKUP_RULES } from './backup/backup-validation';
import { BATCH_POLICY_RULES } from './batch-policy-rules';
import { EMITTED_TYPE_RULE } from './emitted-type-rule';
import { INDEXED_BATCH_RULES } from './indexed-batch/indexed-batch-rules';
import { MIGRATION_RULES } from './migration/migration-rules';
import { MONITORING_RULES } from './monitoring/monitoring-rules';
import { QUEUE_WORKER_RULES } from './queue-worker/queue-worker-rules';
import { CLEANUP_RULES } from './rbac/cleanup-rules';
import { WORKLOAD_ACCESS_RULES } from './rbac/workload-access-rules';
import { WORKLOAD_IDENTITY_RULES } from './rbac/workload-identity-rules';
import { RENDER_FAILED_RULE } from './render-failure-rule';

export const CONSTRUCT_RULES: readonly ConstructRule<never>[] = [
  RENDER_FAILED_RULE,
  EMITTED_TYPE_RULE,
  ...BATCH_POLICY_RULES,
  ...BACKUP_RULES,
  ...BACKUP_EMITTED_RULES,
  ...BACKUP_RESTORE_RULES,
  ...WORKLOAD_IDENTITY_RULES,
  ...INDEXED_BATCH_RULES,
  ...QUEUE_WORKER_RULES,
  ...MIGRATION_RULES,
  ...CLEANUP_RULES,
  ...WORKLOAD_ACCESS_RULES,
  ...MONITORING_RULES,
];

const REGISTERED_FROM_ABOVE: ConstructRule<never>[] = [];

/** Adds construct rules defined above this layer to the ids a policy may name. */
export function registerConstructRules(rules: readonly ConstructRule<never>[]): void {
  for (const rule of rules) if (!REGISTERED_FROM_ABOVE.includes(rule)) REGISTERED_FROM_ABOVE.push(rule);
}

/** This layer's construct rules and every one registered from above. */
export function knownConstructRules(): readonly ConstructRule<never>[] {
  return [...CONSTRUCT_RULES, ...REGISTERED_FROM_ABOVE];
}
