/**
 * The scaling strategy that fits a QueueWorkerJob's triggers. The batch/v1 Job KEDA creates from
 * the ScaledJob (what synth-time validation checks) is rules/keda-scaled-job.ts, which lint uses too.
 */
import { QueueCounting, QueueTrigger } from './queue-trigger';

/** KEDA's job-creation strategies that need no tuning parameters. */
export enum ScalingStrategy {
  /** Jobs to create = ceil(queue length / target) - running Jobs. For counts that include in-flight messages. */
  DEFAULT = 'default',
  /** Also subtracts only pending Jobs: for counts of waiting messages only (taken ones left the queue). */
  ACCURATE = 'accurate',
  /** Fills every free slot up to maxReplicaCount while messages wait. */
  EAGER = 'eager',
}

/**
 * The strategy for `triggers`: `accurate` when every trigger counts only waiting messages (with
 * `default` those would be subtracted twice: once by leaving the queue, once as running Jobs, so
 * the backlog is under-served), else KEDA's `default`.
 */
export function defaultScalingStrategy(triggers: readonly QueueTrigger[]): ScalingStrategy {
  const waitingOnly = triggers.length > 0 && triggers.every((t) => t._counting === QueueCounting.WAITING_ONLY);
  return waitingOnly ? ScalingStrategy.ACCURATE : ScalingStrategy.DEFAULT;
}
