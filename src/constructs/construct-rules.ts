/**
 * Every construct rule (construct-rule.ts) of this layer, for the README's rule table and the
 * policy checks. A construct runs its own; a ScheduledJob's (reconciler/constructs, a layer above)
 * are listed beside these wherever the whole set is needed.
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
