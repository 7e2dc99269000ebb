/**
 * Several leader election candidates on one API server double and one simulated clock, each with
 * its own connection (for per-replica faults), its own view of time (offset and rate), and a
 * monitor that records every moment two of them believe they lead.
 */
import { Clock } from '../../../src/cluster/clock';
import { SimulatedClock } from '../../support/simulated-clock';
import { ApiServerDouble } from '../../support/api-server-double/api-server-double';
import { SeededRandom } from '../../support/seeded-random';
import { LeaderElectionSettings } from '../../../src/leader/election-settings';
import { LeaderElector } from '../../../src/leader/leader-elector';

export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_NAME = 'cdk8s-batch-reconciler';
export const START = Date.UTC(2026, 0, 1);

/** A replica's clock: the shared simulated time, shifted by `offsetMs` and running at `rate`. */
export class SkewedClock implements Clock {
  private readonly origin: number;

  public constructor(
    private readonly base: SimulatedClock,
    private readonly offsetMs: number,
    private readonly rate: number,
  ) {
    this.origin = base.now();
  }

  public now(): number {
    return this.origin + this.offsetMs + (this.base.now() - this.origin) * this.rate;
  }

  public sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.base.sleep(Math.ceil(ms / this.rate), signal);
  }
}

export interface CandidateOptions {
  readonly offsetMs?: number;
  readonly rate?: number;
  /** Jitter source; `() => 0` makes every candidate retry in lockstep. */
  readonly random?: () => number;
  readonly settings?: LeaderElectionSettings;
}

export interface Term {
  readonly identity: string;
  /** Shared simulated time at which it started and stopped leading. */
  readonly from: number;
  to?: number;
}

export class ElectionHarness {
  public readonly clock = new SimulatedClock(START);
  public readonly api: ApiServerDouble;
  public readonly electors = new Map<string, LeaderElector>();
  /** Leadership terms as the callbacks reported them. */
  public readonly terms: Term[] = [];
  /** "a started leading while b still led", for every time it happened. */
  public readonly overlaps: string[] = [];
  private readonly random: SeededRandom;

  public constructor(seed = 1) {
    this.api = new ApiServerDouble({ clock: this.clock, seed });
    this.random = new SeededRandom(seed + 1000);
  }

  public add(identity: string, options: CandidateOptions = {}): LeaderElector {
    const jitter = this.random.fork();
    const elector: LeaderElector = new LeaderElector({
      client: this.api.client(identity),
      clock: new SkewedClock(this.clock, options.offsetMs ?? 0, options.rate ?? 1),
      namespace: LEASE_NAMESPACE,
      leaseName: LEASE_NAME,
      identity,
      settings: options.settings,
      random: options.random ?? (() => jitter.next()),
      listener: {
        startedLeading: () => {
          for (const [other, candidate] of this.electors) {
            if (other !== identity && candidate.isLeader())
              this.overlaps.push(`${identity} started leading at ${this.clock.now() - START} while ${other} still led`);
          }
          this.terms.push({ identity, from: this.clock.now() });
        },
        stoppedLeading: () => {
          const term = [...this.terms].reverse().find((t) => t.identity === identity && t.to === undefined);
          if (term) term.to = this.clock.now();
        },
      },
    });
    this.electors.set(identity, elector);
    return elector;
  }

  public start(...identities: string[]): void {
    for (const identity of identities.length > 0 ? identities : this.electors.keys())
      this.electors.get(identity)!.start();
  }

  /** Who believes it leads right now. */
  public leaders(): string[] {
    return [...this.electors].filter(([, elector]) => elector.isLeader()).map(([identity]) => identity);
  }

  /** Advances time in steps, checking after each that at most one candidate leads. */
  public async run(ms: number, stepMs = 250): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      await this.clock.advanceTo(Math.min(end, this.clock.now() + stepMs));
      const leaders = this.leaders();
      if (leaders.length > 1) this.overlaps.push(`${leaders.join(' and ')} both led at ${this.clock.now() - START}`);
    }
  }

  /** Runs until `condition` holds (checked every 100 ms of simulated time) or `limitMs` passes; returns the time taken. */
  public async until(condition: () => boolean, limitMs = 120_000): Promise<number> {
    const started = this.clock.now();
    while (!condition()) {
      if (this.clock.now() - started >= limitMs) throw new Error(`condition not met within ${limitMs} ms`);
      await this.run(100, 100);
    }
    return this.clock.now() - started;
  }

  public async stopAll(): Promise<void> {
    const stopping = [...this.electors.values()].map((elector) => elector.stop(false));
    await this.clock.advance(60_000);
    await Promise.all(stopping);
  }
}
