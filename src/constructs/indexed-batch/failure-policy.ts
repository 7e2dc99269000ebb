/**
 * Pod failure policy presets for Indexed Jobs, as a small immutable builder: which failures are
 * the cluster's fault (ignored), which mean bad input (retrying cannot help: fail at once), and
 * which are transient (retried). The builder only decides the rules; the base construct renders
 * them and the rules engine checks them like any hand-written `podFailurePolicy`.
 *
 * Rules are emitted in a fixed order whatever order the methods were called in, because the Job
 * controller applies the first rule that matches: disruptions, then bad input, then transient
 * failures, then everything else.
 */
import { Violation } from '../../rules/rule';
import {
  ExitCodeOperator,
  PodFailurePolicyAction,
  PodFailurePolicyRule,
  PodFailurePolicyRules,
} from '../pod-failure-policy';

/** What a failure that retrying cannot fix stops. */
export enum FailureScope {
  /** The whole Job fails at once and its running pods are terminated. */
  JOB = 'Job',
  /**
   * Only the failing index is marked failed; the other indexes go on. Needs per-index retries
   * (`retriesPerIndex`, Kubernetes 1.29 or later).
   */
  INDEX = 'Index',
}

export class IndexFailurePolicy {
  /**
   * The default: evictions, preemptions and node drains (pod condition `DisruptionTarget`) do not
   * count against the retry limits, because the pod was healthy and the cluster took it away.
   * Every other failure counts as usual.
   */
  public static standard(): IndexFailurePolicy {
    return new IndexFailurePolicy(true, [], undefined, [], undefined);
  }

  /** No rules at all: every failure, disruptions included, counts against the retry limits. */
  public static countEveryFailure(): IndexFailurePolicy {
    return new IndexFailurePolicy(false, [], undefined, [], undefined);
  }

  private constructor(
    private readonly ignoreDisruptions: boolean,
    private readonly badInputExitCodes: readonly number[],
    private readonly badInputScope: FailureScope | undefined,
    private readonly transientExitCodes: readonly number[],
    private readonly otherFailureScope: FailureScope | undefined,
  ) {}

  /**
   * A container exiting with one of `exitCodes` reports bad input that no retry will fix: fail
   * `scope` at once instead of retrying.
   * @param exitCodes non-zero exit codes, e.g. `[2]`
   * @param scope what fails; default: the index when per-index retries are on, else the Job
   */
  public failOnBadInput(exitCodes: number[], scope?: FailureScope): IndexFailurePolicy {
    return new IndexFailurePolicy(
      this.ignoreDisruptions,
      exitCodes,
      scope,
      this.transientExitCodes,
      this.otherFailureScope,
    );
  }

  /**
   * Only the listed exit codes are transient (e.g. 75, `EX_TEMPFAIL`): they count against the
   * retry limits as usual, while any other non-zero exit code fails `otherFailures` at once.
   * @param exitCodes the transient exit codes
   * @param otherFailures what any other failure fails; default: the index when per-index retries are on, else the Job
   */
  public countOnlyTransient(exitCodes: number[], otherFailures?: FailureScope): IndexFailurePolicy {
    return new IndexFailurePolicy(
      this.ignoreDisruptions,
      this.badInputExitCodes,
      this.badInputScope,
      exitCodes,
      otherFailures,
    );
  }

  /**
   * The `podFailurePolicy` rules. With `perIndex` (per-index retries on), an unspecified scope is
   * the index; otherwise the Job.
   * @internal
   */
  public _rules(perIndex: boolean): PodFailurePolicyRule[] {
    const action = (scope: FailureScope | undefined): PodFailurePolicyAction => {
      const resolved = scope ?? (perIndex ? FailureScope.INDEX : FailureScope.JOB);
      return resolved === FailureScope.INDEX ? PodFailurePolicyAction.FAIL_INDEX : PodFailurePolicyAction.FAIL_JOB;
    };
    const rules: PodFailurePolicyRule[] = [];
    if (this.ignoreDisruptions) rules.push(PodFailurePolicyRules.ignoreDisruptions());
    if (this.badInputExitCodes.length > 0) {
      rules.push({
        action: action(this.badInputScope),
        onExitCodes: { operator: ExitCodeOperator.IN, values: [...this.badInputExitCodes] },
      });
    }
    if (this.transientExitCodes.length > 0) {
      const values = [...this.transientExitCodes];
      rules.push({ action: PodFailurePolicyAction.COUNT, onExitCodes: { operator: ExitCodeOperator.IN, values } });
      rules.push({
        action: action(this.otherFailureScope),
        onExitCodes: { operator: ExitCodeOperator.NOT_IN, values },
      });
    }
    return rules;
  }

  /**
   * Mistakes the rules engine cannot see: an exit code listed both as bad input and as transient.
   * @internal
   */
  public _violations(): Violation[] {
    const overlap = this.badInputExitCodes.filter((code) => this.transientExitCodes.includes(code));
    if (overlap.length === 0) return [];
    return [
      {
        field: 'failurePolicy',
        message: `exit code${overlap.length === 1 ? '' : 's'} ${[...new Set(overlap)].join(', ')} ${overlap.length === 1 ? 'is' : 'are'} listed both as bad input and as transient; the bad-input rule comes first, so ${overlap.length === 1 ? 'it is' : 'they are'} never retried.`,
        fix: 'list each exit code in only one of failOnBadInput and countOnlyTransient.',
      },
    ];
  }
}
