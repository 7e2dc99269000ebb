/**
 * A typed `spec.podFailurePolicy` (batch/v1): which pod failures count against the backoff limit,
 * which fail the Job (or one index) at once, and which are ignored. The construct renders these
 * structs into the API server's shape; the rules in src/rules check the result like any other
 * field, so a mistake here is reported with a field path and a fix rather than thrown.
 */

/** What the Job controller does when a rule matches a failed pod. */
export enum PodFailurePolicyAction {
  /** Fail the whole Job at once and terminate its running pods. */
  FAIL_JOB = 'FailJob',
  /** Fail only this index (Indexed Jobs with `backoffLimitPerIndex`). */
  FAIL_INDEX = 'FailIndex',
  /** Do not count the failure against `backoffLimit`; a replacement pod is created. */
  IGNORE = 'Ignore',
  /** Count the failure as usual (the default handling, useful to stop later rules matching). */
  COUNT = 'Count',
}

/** How `values` is compared with a container's exit code. */
export enum ExitCodeOperator {
  /** The exit code is one of `values` (0 is not allowed with this operator). */
  IN = 'In',
  /** The exit code is none of `values`. */
  NOT_IN = 'NotIn',
}

/** The status a pod condition must have for a rule to match. */
export enum PodConditionStatus {
  TRUE = 'True',
  FALSE = 'False',
  UNKNOWN = 'Unknown',
}

/** Matches a failed pod by the exit codes of its containers. */
export interface PodFailurePolicyOnExitCodes {
  /** How `values` is compared with the exit code. */
  readonly operator: ExitCodeOperator;
  /**
   * The exit codes. The API server wants them sorted and without repeats; the construct sorts and
   * de-duplicates them for you, because the order carries no meaning.
   */
  readonly values: number[];
  /**
   * Only look at this container (or init container).
   * @default - every container of the pod
   */
  readonly containerName?: string;
}

/** Matches a failed pod by one of its conditions, e.g. `DisruptionTarget` (evicted or preempted). */
export interface PodFailurePolicyOnPodCondition {
  /** The condition type, e.g. `DisruptionTarget` or `ConfigIssue`. */
  readonly type: string;
  /**
   * The status the condition must have.
   * @default PodConditionStatus.TRUE (the API server's default)
   */
  readonly status?: PodConditionStatus;
}

/** One rule; exactly one of `onExitCodes` and `onPodConditions` must be set. */
export interface PodFailurePolicyRule {
  /** What happens when the rule matches. */
  readonly action: PodFailurePolicyAction;
  /**
   * Match by container exit codes.
   * @default - not matched by exit codes
   */
  readonly onExitCodes?: PodFailurePolicyOnExitCodes;
  /**
   * Match by pod conditions (any of them).
   * @default - not matched by pod conditions
   */
  readonly onPodConditions?: PodFailurePolicyOnPodCondition[];
}

/** The pod condition Kubernetes sets on pods that are evicted, preempted or deleted by a node drain. */
export const DISRUPTION_TARGET = 'DisruptionTarget';

/** Ready-made rules for the common cases. */
export class PodFailurePolicyRules {
  /**
   * Evictions, preemptions and node drains do not count against `backoffLimit`: the pod was
   * healthy, the cluster took it away. (`activeDeadline` still bounds the Job.)
   */
  public static ignoreDisruptions(): PodFailurePolicyRule {
    return { action: PodFailurePolicyAction.IGNORE, onPodConditions: [{ type: DISRUPTION_TARGET }] };
  }

  /** Fail the Job at once when a container exits with one of `exitCodes` (a bug no retry will fix). */
  public static failJobOnExitCodes(exitCodes: number[], containerName?: string): PodFailurePolicyRule {
    return {
      action: PodFailurePolicyAction.FAIL_JOB,
      onExitCodes: { operator: ExitCodeOperator.IN, values: exitCodes, containerName },
    };
  }

  /** Fail only the pod's index when a container exits with one of `exitCodes` (needs `backoffLimitPerIndex`). */
  public static failIndexOnExitCodes(exitCodes: number[], containerName?: string): PodFailurePolicyRule {
    return {
      action: PodFailurePolicyAction.FAIL_INDEX,
      onExitCodes: { operator: ExitCodeOperator.IN, values: exitCodes, containerName },
    };
  }

  private constructor() {}
}

/**
 * `spec.podFailurePolicy` as the API server reads it. (The bundled 1.28 L1 type wrongly makes
 * `onPodConditions` required, so the rendered shape is the struct above with everything filled in.)
 */
export interface RenderedPodFailurePolicy {
  readonly rules: PodFailurePolicyRule[];
}

/** The API server's shape of a list of rules. */
export function renderPodFailurePolicy(rules: readonly PodFailurePolicyRule[]): RenderedPodFailurePolicy {
  return {
    rules: rules.map((rule) => ({
      action: rule.action,
      onExitCodes: rule.onExitCodes && {
        operator: rule.onExitCodes.operator,
        values: [...new Set(rule.onExitCodes.values)].sort((a, b) => a - b),
        containerName: rule.onExitCodes.containerName,
      },
      onPodConditions: rule.onPodConditions?.map((c) => ({
        type: c.type,
        status: c.status ?? PodConditionStatus.TRUE,
      })),
    })),
  };
}
