/** The public API of cdk8s-batch. */

// Validation: the rules, their findings and policy, and the cdk8s validation plugin.
export { BatchRules } from './rules/batch-rules';
export { Severity } from './rules/finding';
export type { Finding, FindingPart } from './rules/finding';
export { RuleLevel } from './rules/policy';
export type { RulePolicy } from './rules/policy';
export { BatchValidation } from './plugin/batch-validation';
export type { BatchValidationProps } from './plugin/batch-validation';
export type {
  IValidationContext,
  IValidationLogger,
  IValidationReport,
  ValidationViolatingResource,
  ValidationViolation,
} from './plugin/cdk8s-validation';

// Constructs.
export { BatchAdmissionPolicy } from './constructs/batch-admission-policy';
export type { AdmissionPolicyGap, BatchAdmissionPolicyProps } from './constructs/batch-admission-policy';
export { BatchPolicy } from './constructs/batch-policy';
export type { BatchPolicyProps, EffectiveBatchPolicy } from './constructs/batch-policy';
export { GitOpsTool } from './constructs/gitops';
export { BatchWorkload } from './constructs/batch-workload';
export type { BatchWorkloadProps } from './constructs/batch-workload';
export { CronJob } from './constructs/cron-job';
export type { CronJobProps } from './constructs/cron-job';
export { Job } from './constructs/job';
export type { JobProps } from './constructs/job';
export { CompletionMode, PodReplacementPolicy } from './constructs/job-spec';
export type { JobSpecOptions, SuccessPolicyRule } from './constructs/job-spec';
export {
  ExitCodeOperator,
  PodConditionStatus,
  PodFailurePolicyAction,
  PodFailurePolicyRules,
} from './constructs/pod-failure-policy';
export type {
  PodFailurePolicyOnExitCodes,
  PodFailurePolicyOnPodCondition,
  PodFailurePolicyRule,
} from './constructs/pod-failure-policy';
export { Schedule, WeekDay } from './constructs/schedule';
export type { CronFields, MonthlyOptions, TimeOfDay, WeeklyOptions } from './constructs/schedule';
export { Synthesis } from './constructs/synthesis';
export type { SynthesisOptions } from './constructs/synthesis';
export { FailureScope, IndexFailurePolicy } from './constructs/indexed-batch/failure-policy';
export { IndexedBatch } from './constructs/indexed-batch/indexed-batch';
export type { IndexedBatchProps } from './constructs/indexed-batch/indexed-batch';
export { WorkItems } from './constructs/indexed-batch/work-items';
export type { WorkListOptions, WorkRangeOptions } from './constructs/indexed-batch/work-items';
export { IdentityOwner, KedaAuthentication, PodIdentityProvider } from './constructs/queue-worker/keda-authentication';
export type { PodIdentityOptions } from './constructs/queue-worker/keda-authentication';
export { QueueConnection } from './constructs/queue-worker/queue-connection';
export { KafkaOffsetResetPolicy, QueueTrigger, RabbitMqProtocol } from './constructs/queue-worker/queue-trigger';
export type {
  KafkaTriggerProps,
  RabbitMqTriggerProps,
  RedisListTriggerProps,
  SqsTriggerProps,
} from './constructs/queue-worker/queue-trigger';
export { QueueWorkerJob } from './constructs/queue-worker/queue-worker-job';
export type { KedaScaling, QueueWorkerJobProps } from './constructs/queue-worker/queue-worker-job';
export { ScalingStrategy } from './constructs/queue-worker/scaled-job';
export { BackupCronJob } from './constructs/backup/backup-cron-job';
export type { BackupCronJobProps } from './constructs/backup/backup-cron-job';
export { BackupRestoreJob } from './constructs/backup/backup-restore-job';
export type { BackupRestoreJobProps } from './constructs/backup/backup-restore-job';
export { BackupDestination, S3Encryption, S3StorageClass } from './constructs/backup/backup-destination';
export type { S3DestinationProps, VolumeDestinationProps } from './constructs/backup/backup-destination';
export { BackupSource, DatabaseEngine } from './constructs/backup/backup-source';
export type { CommandSourceProps, DatabaseSourceProps } from './constructs/backup/backup-source';
export { AccessScope, ApiVerb, WorkloadAccess } from './constructs/rbac/workload-access';
export type { AccessRule, WorkloadAccessProps } from './constructs/rbac/workload-access';
export { WorkloadIdentity } from './constructs/rbac/workload-identity';
export { BatchMonitoring } from './constructs/monitoring/batch-monitoring';
export type { AlertSettings, BatchMonitoringProps } from './constructs/monitoring/batch-monitoring';
export { HookDeletePolicy, MigrationHookStyle } from './constructs/migration/hooks';
export { MigrationJobNaming } from './constructs/migration/job-name';
export { MigrationJob } from './constructs/migration/migration-job';
export type { MigrationJobProps } from './constructs/migration/migration-job';
export { CleanupCronJob } from './constructs/rbac/cleanup-cron-job';
export type { CleanupCronJobProps } from './constructs/rbac/cleanup-cron-job';
export { CatchUpPolicy, DstPolicy, OverlapPolicy } from './reconciler/plan/types';
export { CatchUp } from './reconciler/constructs/catch-up';
export type { ExclusionWindowProps } from './reconciler/constructs/exclusion-window';
export { ScheduledJob } from './reconciler/constructs/scheduled-job';
export type { ScheduledJobProps } from './reconciler/constructs/scheduled-job';
export { ScheduleReconciler } from './reconciler/constructs/schedule-reconciler';
export type { ScheduleReconcilerProps } from './reconciler/constructs/schedule-reconciler';
export { JobTemplate } from './reconciler/constructs/job-template';
export type { JobTemplateParameter, JobTemplateProps } from './reconciler/constructs/job-template';
export { ParameterTarget } from './reconciler/template/job-template-object';
export { JobTemplateDefinition } from './reconciler/constructs/job-template-definition';
export { JobTemplateAccess, LaunchSubject } from './reconciler/constructs/job-template-access';
export type { JobTemplateAccessProps } from './reconciler/constructs/job-template-access';
