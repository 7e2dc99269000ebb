/**
 * Fault injection for the API server double: which request fails, and how. Faults come from two
 * places: rules queued on demand ("the next create of this Job times out after being applied")
 * and per-request probabilities drawn from a seeded source ("10% of reconciler requests fail").
 * The same seed and the same sequence of requests give the same faults.
 */
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SeededRandom } from '../seeded-random';

/** The API calls of the client interface. */
export enum Verb {
  LIST = 'list',
  WATCH = 'watch',
  GET = 'get',
  CREATE = 'create',
  UPDATE = 'update',
  UPDATE_STATUS = 'updateStatus',
  DELETE = 'delete',
}

export const WRITE_VERBS: readonly Verb[] = [Verb.CREATE, Verb.UPDATE, Verb.UPDATE_STATUS, Verb.DELETE];

export enum FaultKind {
  /** 404 NotFound, whatever is stored. */
  NOT_FOUND = 'NotFound',
  /** 409 Conflict, whatever is stored. */
  CONFLICT = 'Conflict',
  /** 500 InternalError; nothing is applied. */
  SERVER_ERROR = 'ServerError',
  /** TIMEOUT; the request never reached storage. */
  TIMEOUT_NOT_APPLIED = 'TimeoutNotApplied',
  /** TIMEOUT; the request was applied (objects written, watch events sent) but the answer was lost. */
  TIMEOUT_APPLIED = 'TimeoutApplied',
  /** No failure: the request is applied at once and its answer arrives `delayMs` later. */
  SLOW = 'Slow',
}

/** Which requests a fault applies to; every given condition must hold. */
export interface RequestMatch {
  /** @default every verb */
  readonly verbs?: readonly Verb[];
  /** @default every kind */
  readonly kinds?: readonly ResourceKind[];
  /** Names of the double's clients (`ApiServerDouble.client(name)`). @default every client */
  readonly clients?: readonly string[];
  /** The object's name (for list and watch: never matches). @default any name */
  readonly name?: string;
}

/** A fault for the next matching requests. */
export interface FaultRule extends RequestMatch {
  readonly fault: FaultKind;
  /** How many matching requests it hits; ignored when `until` is set. @default 1 */
  readonly times?: number;
  /** Hit every matching request before this simulated instant (a partition, an outage). @default none */
  readonly until?: number;
  /** Simulated milliseconds before the answer (or the error) arrives. @default 0 */
  readonly delayMs?: number;
}

/** Per-request fault probabilities for matching requests; one draw per request. */
export interface FaultRates extends RequestMatch {
  /** @default 0 */
  readonly notFound?: number;
  /** @default 0 */
  readonly conflict?: number;
  /** @default 0 */
  readonly serverError?: number;
  /** @default 0 */
  readonly timeoutNotApplied?: number;
  /** @default 0 */
  readonly timeoutApplied?: number;
  /** Probability, per delivered watch event, that the watch connection drops just before it. @default 0 */
  readonly watchDrop?: number;
  /** Simulated milliseconds before a faulty request's error arrives. @default 0 */
  readonly delayMs?: number;
}

/** One request, as fault rules see it. */
export interface RequestInfo {
  readonly verb: Verb;
  readonly kind: ResourceKind;
  readonly client: string;
  readonly name?: string;
  /** Undefined: across every namespace (a list or watch without one). */
  readonly namespace?: string;
}

export interface InjectedFault {
  readonly fault: FaultKind;
  readonly delayMs: number;
}

function matches(match: RequestMatch, request: RequestInfo): boolean {
  return (
    (match.verbs === undefined || match.verbs.includes(request.verb)) &&
    (match.kinds === undefined || match.kinds.includes(request.kind)) &&
    (match.clients === undefined || match.clients.includes(request.client)) &&
    (match.name === undefined || match.name === request.name)
  );
}

interface PendingRule {
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private readonly rules: PendingRule[] = [];
  private rates: FaultRates | undefined;
  /** Faults injected so far, by FaultKind, plus `watchDrop`. */
  private readonly counts = new Map<string, number>();

  public constructor(private readonly random: SeededRandom) {}

  /** Queues a fault for the next matching requests; on-demand rules take precedence over rates, oldest first. */
  public inject(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  /** Replaces the probabilistic faults (undefined: none). */
  public setRates(rates: FaultRates | undefined): void {
    this.rates = rates;
  }

  /** Forgets every queued rule and the rates. */
  public clear(): void {
    this.rules.length = 0;
    this.rates = undefined;
  }

  /** How many faults of each kind were injected (`watchDrop` for dropped watches). */
  public injected(): { readonly [fault: string]: number } {
    return Object.fromEntries(this.counts);
  }

  /** The fault for this request, if any. */
  public draw(request: RequestInfo, now: number): InjectedFault | undefined {
    const fault = this.fromRules(request, now) ?? this.fromRates(request);
    if (fault !== undefined) this.count(fault.fault);
    return fault;
  }

  /** Whether the watch of `request` drops before its next event. */
  public dropsWatch(request: RequestInfo): boolean {
    const rates = this.rates;
    if (rates?.watchDrop === undefined || !matches(rates, request) || !this.random.chance(rates.watchDrop))
      return false;
    this.count('watchDrop');
    return true;
  }

  private fromRules(request: RequestInfo, now: number): InjectedFault | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const pending = this.rules[i];
      const rule = pending.rule;
      if (rule.until !== undefined && now >= rule.until) {
        this.rules.splice(i--, 1);
        continue;
      }
      if (!matches(rule, request)) continue;
      if (rule.until === undefined && --pending.remaining <= 0) this.rules.splice(i, 1);
      return { fault: rule.fault, delayMs: rule.delayMs ?? 0 };
    }
    return undefined;
  }

  private fromRates(request: RequestInfo): InjectedFault | undefined {
    const rates = this.rates;
    if (rates === undefined || !matches(rates, request)) return undefined;
    const draw = this.random.next();
    let cumulative = 0;
    for (const [fault, p] of [
      [FaultKind.NOT_FOUND, rates.notFound],
      [FaultKind.CONFLICT, rates.conflict],
      [FaultKind.SERVER_ERROR, rates.serverError],
      [FaultKind.TIMEOUT_NOT_APPLIED, rates.timeoutNotApplied],
      [FaultKind.TIMEOUT_APPLIED, rates.timeoutApplied],
    ] as const) {
      cumulative += p ?? 0;
      if (draw < cumulative) return { fault, delayMs: rates.delayMs ?? 0 };
    }
    return undefined;
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
