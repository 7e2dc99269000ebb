/**
 * The leader election loop of one replica: read the Lease, let lease-decision.ts decide, write if
 * told to, wait, repeat. Callers ask `isLeader()` right before every action that only the leader
 * may take; it is answered from the clock, so a leader whose renewals fail stops leading at its
 * deadline even while a request hangs. `stop()` steps down and releases the lease so another
 * replica takes over at once.
 *
 * client-node (1.4) has no leader election; this follows client-go's leaderelection package
 * (acquire, renew before the deadline, release on stop) on the ClusterClient interface and the
 * injected clock, so the never-two-leaders tests can run it against the API server double.
 */
import { ClusterClient } from '../cluster/client';
import { LeaseObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../cluster/clock';
import { ClusterError, ClusterErrorReason } from '../cluster/errors';
import {
  DEFAULT_LEADER_ELECTION,
  JITTER_FACTOR,
  LeaderElectionSettings,
  leaderElectionProblems,
} from './election-settings';
import {
  afterWrite,
  AttemptKind,
  Candidate,
  ElectorMemory,
  isLeading,
  planAttempt,
  releasedLease,
} from './lease-decision';

/** What the elector tells its owner. Callbacks run synchronously from the loop; they must not throw. */
export interface LeadershipListener {
  /** This replica became leader. */
  startedLeading?(): void;
  /** This replica stopped leading (renewal deadline passed, lease lost, or stop()). */
  stoppedLeading?(): void;
  /** The lease holder this replica observes changed ('' when the lease is free). */
  newLeader?(identity: string): void;
  /** A request failed; the loop carries on. */
  requestFailed?(error: unknown): void;
}

export interface LeaderElectorOptions {
  readonly client: ClusterClient;
  readonly clock: Clock;
  readonly namespace: string;
  /** The Lease's name. */
  readonly leaseName: string;
  /** This replica's identity (its pod name); unique among the candidates. */
  readonly identity: string;
  /** @default DEFAULT_LEADER_ELECTION (15 s lease, 10 s renew deadline, 2 s retry period) */
  readonly settings?: LeaderElectionSettings;
  /** A number in [0, 1) for retry jitter. @default Math.random */
  readonly random?: () => number;
  /** @default no callbacks */
  readonly listener?: LeadershipListener;
}

export class LeaderElector {
  private readonly candidate: Candidate;
  private readonly client: ClusterClient;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly listener: LeadershipListener;
  private memory: ElectorMemory = {};
  private reportedLeading = false;
  private reportedHolder: string | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly wake = new AbortController();
  private deadlineTimer: AbortController | undefined;

  public constructor(options: LeaderElectorOptions) {
    const settings = options.settings ?? DEFAULT_LEADER_ELECTION;
    const problems = leaderElectionProblems(settings);
    if (problems.length > 0) throw new Error(`invalid leader election settings: ${problems.join('; ')}`);
    this.candidate = {
      identity: options.identity,
      namespace: options.namespace,
      leaseName: options.leaseName,
      settings,
    };
    this.client = options.client;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.listener = options.listener ?? {};
  }

  /** Starts campaigning (once; later calls do nothing). */
  public start(): void {
    this.running ??= this.loop();
  }

  /** True while this replica may act as leader: checked against the clock at each call. */
  public isLeader(): boolean {
    return !this.stopping && isLeading(this.memory, this.clock.now());
  }

  /** The holder last observed ('' when free; undefined before the first read). */
  public leader(): string | undefined {
    return this.memory.observedHolder;
  }

  /**
   * Stops campaigning: waits for the attempt in flight, steps down, and (unless `release` is false)
   * gives the lease up so that another replica can lead at once.
   */
  public async stop(release: boolean = true): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake.abort();
    await this.running;
    this.deadlineTimer?.abort();
    this.memory = { ...this.memory, leadingUntil: undefined };
    this.report();
    // Releasing is safe even after the deadline passed: this replica no longer acts.
    if (release && this.memory.observedHolder === this.candidate.identity) await this.release();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      await this.attempt();
      this.report();
      await this.clock.sleep(this.nextDelay(), this.wake.signal);
      this.report();
    }
  }

  /** One read and, if the decision says so, one conditional write. */
  private async attempt(): Promise<void> {
    let lease: LeaseObject | undefined;
    try {
      lease = await this.client.get(ResourceKind.LEASE, this.candidate.namespace, this.candidate.leaseName);
    } catch (error) {
      if (!ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return this.failed(error);
    }
    if (this.stopping) return;
    const attempt = planAttempt(this.candidate, this.memory, lease, this.clock.now());
    this.memory = attempt.memory;
    this.report();
    if (attempt.kind === AttemptKind.WAIT) return;
    const startedAt = this.clock.now();
    try {
      const written =
        attempt.kind === AttemptKind.CREATE
          ? await this.client.create(ResourceKind.LEASE, attempt.lease!)
          : await this.client.update(ResourceKind.LEASE, attempt.lease!);
      this.memory = afterWrite(this.memory, written, startedAt, this.clock.now(), this.candidate.settings);
      this.armDeadline();
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * Leaders renew every retry period; candidates add jitter. A leader whose renewals keep failing
   * makes its last attempt a quarter retry period before its deadline (an attempt at the deadline
   * itself would come too late to keep leading), then sleeps until the deadline.
   */
  private nextDelay(): number {
    const { retryPeriodMs } = this.candidate.settings;
    if (!this.isLeader()) return retryPeriodMs * (1 + this.random() * JITTER_FACTOR);
    const remaining = this.memory.leadingUntil! - this.clock.now();
    const margin = retryPeriodMs / 4;
    if (remaining > retryPeriodMs + margin) return retryPeriodMs;
    return remaining > margin ? remaining - margin : remaining;
  }

  /** Reports leadership at the deadline even if the loop is stuck in a hanging request. */
  private armDeadline(): void {
    this.deadlineTimer?.abort();
    const timer = new AbortController();
    this.deadlineTimer = timer;
    void this.clock.sleep(this.memory.leadingUntil! - this.clock.now(), timer.signal).then(() => {
      if (!timer.signal.aborted) this.report();
    });
  }

  /** Tells the listener about changes of leadership and of the observed holder. */
  private report(): void {
    const holder = this.memory.observedHolder;
    if (holder !== undefined && holder !== this.reportedHolder) {
      this.reportedHolder = holder;
      this.listener.newLeader?.(holder);
    }
    const leading = this.isLeader();
    if (leading === this.reportedLeading) return;
    this.reportedLeading = leading;
    if (leading) this.listener.startedLeading?.();
    else this.listener.stoppedLeading?.();
  }

  private async release(): Promise<void> {
    try {
      const lease = await this.client.get(ResourceKind.LEASE, this.candidate.namespace, this.candidate.leaseName);
      const released = releasedLease(this.candidate.identity, lease, this.clock.now());
      if (released !== undefined) await this.client.update(ResourceKind.LEASE, released);
    } catch (error) {
      // Not released: the others take over once the lease expires.
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.listener.requestFailed?.(error);
  }
}
