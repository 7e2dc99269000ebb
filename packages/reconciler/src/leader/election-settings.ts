/**
 * The three durations of Lease-based leader election, with client-go's meanings and defaults
 * (the ones kube-controller-manager uses), and the checks that keep them safe.
 */

export interface LeaderElectionSettings {
  /**
   * How long a candidate waits, from the moment it first sees the lease at its current version,
   * before it may take the lease over from a holder that stopped renewing.
   * @default 15000
   */
  readonly leaseDurationMs: number;
  /**
   * How long the leader keeps acting after the start of its last successful renewal. It must be
   * shorter than leaseDurationMs: the difference absorbs clocks that run at different rates (the
   * ratio leaseDuration/renewDeadline is the tolerated ratio of the fastest to the slowest clock).
   * @default 10000
   */
  readonly renewDeadlineMs: number;
  /** Time between attempts to acquire or renew (candidates add up to 1.2 times this as jitter). @default 2000 */
  readonly retryPeriodMs: number;
}

export const DEFAULT_LEADER_ELECTION: LeaderElectionSettings = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

/** Candidates wait retryPeriod plus up to this factor of it between attempts, as client-go does. */
export const JITTER_FACTOR = 1.2;

/** What is wrong with `settings`, one sentence per problem; empty when they are usable. */
export function leaderElectionProblems(settings: LeaderElectionSettings): string[] {
  const problems: string[] = [];
  const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = settings;
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isFinite(value) || value <= 0)
      problems.push(`${name} must be a positive number of milliseconds, not ${value}`);
  }
  if (leaseDurationMs <= renewDeadlineMs) {
    problems.push(
      `leaseDurationMs (${leaseDurationMs}) must be greater than renewDeadlineMs (${renewDeadlineMs}), or a new leader could start before the old one stops`,
    );
  }
  if (renewDeadlineMs <= JITTER_FACTOR * retryPeriodMs) {
    problems.push(
      `renewDeadlineMs (${renewDeadlineMs}) must be greater than ${JITTER_FACTOR} × retryPeriodMs (${retryPeriodMs}), so the leader can retry a failed renewal before it must stop`,
    );
  }
  return problems;
}
