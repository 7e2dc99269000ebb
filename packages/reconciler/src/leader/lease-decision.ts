/**
 * The decisions of Lease-based leader election as pure functions of (what the candidate remembers,
 * the lease as just read, its own clock). The loop in leader-elector.ts only reads, writes and waits.
 *
 * Safety rests on three rules, as in client-go's leaderelection:
 * - Every write is conditional on the resourceVersion just read, so of two candidates racing for
 *   the same lease version at most one wins.
 * - A candidate judges expiry only by its own clock: a lease is free once its version has not
 *   changed for leaseDuration since this candidate first saw that version. The times written in the
 *   lease are informative only, so clocks may disagree by any offset.
 * - The leader acts only until renewDeadline after the start of its last successful write, which
 *   is shorter than the leaseDuration any other candidate waits from a later instant.
 */
import { LeaseObject, LeaseSpec } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { formatMicroTime } from 'cdk8s-batch/lib/src/schedule/instants';
import { LeaderElectionSettings } from './election-settings';

/** What a candidate carries from one attempt to the next. */
export interface ElectorMemory {
  /** resourceVersion of the lease when last read. */
  readonly observedVersion?: string;
  /** The candidate's own instant when it first saw that version. */
  readonly observedAt?: number;
  /** The holder at that version ('' when free). */
  readonly observedHolder?: string;
  /** Instant (own clock) until which this candidate may act as leader; undefined when not leading. */
  readonly leadingUntil?: number;
}

export enum AttemptKind {
  /** No lease exists: create it, holding it. */
  CREATE = 'Create',
  /** The lease is free or expired: take it over with a conditional update. */
  ACQUIRE = 'Acquire',
  /** This candidate holds the lease: renew it with a conditional update. */
  RENEW = 'Renew',
  /** Someone else holds an unexpired lease. */
  WAIT = 'Wait',
}

export interface Attempt {
  readonly kind: AttemptKind;
  /** The object to create or update (for CREATE, ACQUIRE and RENEW). */
  readonly lease?: LeaseObject;
  /** Memory after this observation (the write's outcome comes on top). */
  readonly memory: ElectorMemory;
}

/** Who is asking, and where the lease lives. */
export interface Candidate {
  readonly identity: string;
  readonly namespace: string;
  readonly leaseName: string;
  readonly settings: LeaderElectionSettings;
}

/** True while the candidate may act as leader at `now` (its own clock). */
export function isLeading(memory: ElectorMemory, now: number): boolean {
  return memory.leadingUntil !== undefined && now < memory.leadingUntil;
}

/**
 * The next step, given the lease as read at `now` (undefined: it does not exist). Leadership ends
 * at once when the read shows the lease gone or held by someone else.
 */
export function planAttempt(
  candidate: Candidate,
  memory: ElectorMemory,
  lease: LeaseObject | undefined,
  now: number,
): Attempt {
  const { identity, settings } = candidate;
  if (lease === undefined) {
    return {
      kind: AttemptKind.CREATE,
      lease: {
        metadata: { name: candidate.leaseName, namespace: candidate.namespace },
        spec: heldSpec(identity, settings, now, now, 0),
      },
      memory: {},
    };
  }
  const spec = lease.spec ?? {};
  const holder = spec.holderIdentity ?? '';
  const version = lease.metadata.resourceVersion;
  const seen: ElectorMemory =
    version === memory.observedVersion
      ? memory
      : { ...memory, observedVersion: version, observedAt: now, observedHolder: holder };
  const transitions = spec.leaseTransitions ?? 0;
  if (holder === identity) {
    return {
      kind: AttemptKind.RENEW,
      lease: conditional(
        lease,
        heldSpec(identity, settings, spec.acquireTime ?? formatMicroTime(now), now, transitions),
      ),
      memory: seen,
    };
  }
  const notLeading: ElectorMemory = { ...seen, leadingUntil: undefined };
  if (holder !== '' && now < seen.observedAt! + waitBeforeTakeover(settings, spec))
    return { kind: AttemptKind.WAIT, memory: notLeading };
  return {
    kind: AttemptKind.ACQUIRE,
    lease: conditional(lease, heldSpec(identity, settings, now, now, transitions + 1)),
    memory: notLeading,
  };
}

/**
 * Memory after a successful create or update that began at `startedAt`: the candidate leads until
 * renewDeadline after that instant (counting from the start keeps the request's own duration on
 * the safe side).
 */
export function afterWrite(
  memory: ElectorMemory,
  written: LeaseObject,
  startedAt: number,
  now: number,
  settings: LeaderElectionSettings,
): ElectorMemory {
  return {
    observedVersion: written.metadata.resourceVersion,
    observedAt: now,
    observedHolder: written.spec?.holderIdentity ?? '',
    leadingUntil: Math.max(memory.leadingUntil ?? -Infinity, startedAt + settings.renewDeadlineMs),
  };
}

/**
 * The update that gives the lease up on graceful shutdown, or undefined when this candidate does
 * not hold it. Others may take a free lease at once.
 */
export function releasedLease(identity: string, lease: LeaseObject, now: number): LeaseObject | undefined {
  if ((lease.spec?.holderIdentity ?? '') !== identity) return undefined;
  const at = formatMicroTime(now);
  return conditional(lease, {
    holderIdentity: '',
    leaseDurationSeconds: 1,
    acquireTime: at,
    renewTime: at,
    leaseTransitions: lease.spec?.leaseTransitions ?? 0,
  });
}

/**
 * How long a lease version must stay unchanged before a candidate takes it over: its own
 * leaseDuration, or the holder's announced duration when that is longer (a holder configured with
 * a longer lease must not be cut short).
 */
function waitBeforeTakeover(settings: LeaderElectionSettings, spec: LeaseSpec): number {
  return Math.max(settings.leaseDurationMs, (spec.leaseDurationSeconds ?? 0) * 1000);
}

function heldSpec(
  identity: string,
  settings: LeaderElectionSettings,
  acquired: number | string,
  now: number,
  transitions: number,
): LeaseSpec {
  return {
    holderIdentity: identity,
    leaseDurationSeconds: Math.ceil(settings.leaseDurationMs / 1000),
    acquireTime: typeof acquired === 'string' ? acquired : formatMicroTime(acquired),
    renewTime: formatMicroTime(now),
    leaseTransitions: transitions,
  };
}

/** The read lease with a new spec, carrying the read resourceVersion so the update is conditional. */
function conditional(lease: LeaseObject, spec: LeaseSpec): LeaseObject {
  return { ...lease, spec };
}
