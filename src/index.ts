/** The public API of cdk8s-batch. */
export { RuleLevel } from './rules/policy';
export { BatchPolicy } from './constructs/batch-policy';
export type { BatchPolicyProps, EffectiveBatchPolicy } from './constructs/batch-policy';
export { BatchWorkload } from './constructs/batch-workload';
export type { BatchWorkloadProps } from './constructs/batch-workload';
export { CronJob } from './constructs/cron-job';
export type { CronJobProps } from './constructs/cron-job';
export { Job } from './constructs/job';
export type { JobProps } from './constructs/job';
export { CompletionMode, PodReplacementPolicy } from './constructs/job-spec';
export type { JobSpecOptions, SuccessPolicyRule } from './constructs/job-spec';
export { ExitCodeOperator, PodConditionStatus, PodFailurePolicyAction, PodFailurePolicyRules } from './constructs/pod-failure-policy';
export type { PodFailurePolicyOnExitCodes, PodFailurePolicyOnPodCondition, PodFailurePolicyRule } from './constructs/pod-failure-policy';
export { Schedule, WeekDay } from './constructs/schedule';
export type { CronFields, MonthlyOptions, TimeOfDay, WeeklyOptions } from './constructs/schedule';
export { Synthesis } from './constructs/synthesis';
