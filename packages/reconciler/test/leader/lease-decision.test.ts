import { LeaseObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { formatMicroTime } from 'cdk8s-batch/lib/src/schedule/instants';
import { DEFAULT_LEADER_ELECTION, leaderElectionProblems } from '../../src/leader/election-settings';
import {
  afterWrite,
  AttemptKind,
  Candidate,
  isLeading,
  planAttempt,
  releasedLease,
} from '../../src/leader/lease-decision';

const T0 = Date.UTC(2026, 0, 1);
const me: Candidate = { identity: 'me', namespace: 'ns', leaseName: 'lock', settings: DEFAULT_LEADER_ELECTION };

function lease(version: string, holder: string, extra: Partial<NonNullable<LeaseObject['spec']>> = {}): LeaseObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'lock', namespace: 'ns', resourceVersion: version },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: 15,
      acquireTime: '2020-01-01T00:00:00.000000Z',
      renewTime: '2020-01-01T00:00:00.000000Z',
      leaseTransitions: 3,
      ...extra,
    },
  };
}

describe('planAttempt', () => {
  test('no lease: create one held by this candidate', () => {
    const attempt = planAttempt(me, {}, undefined, T0);
    expect(attempt.kind).toBe(AttemptKind.CREATE);
    expect(attempt.lease).toEqual({
      metadata: { name: 'lock', namespace: 'ns' },
      spec: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: '2026-01-01T00:00:00.000000Z',
        renewTime: '2026-01-01T00:00:00.000000Z',
        leaseTransitions: 0,
      },
    });
  });

  test('held by another: wait a full leaseDuration from the first sighting of that version, whatever renewTime says', () => {
    const first = planAttempt(me, {}, lease('7', 'other'), T0);
    expect(first.kind).toBe(AttemptKind.WAIT);
    expect(first.memory).toEqual({
      observedVersion: '7',
      observedAt: T0,
      observedHolder: 'other',
      leadingUntil: undefined,
    });
    expect(planAttempt(me, first.memory, lease('7', 'other'), T0 + 14_999).kind).toBe(AttemptKind.WAIT);
    const takeover = planAttempt(me, first.memory, lease('7', 'other'), T0 + 15_000);
    expect(takeover.kind).toBe(AttemptKind.ACQUIRE);
    expect(takeover.lease?.metadata.resourceVersion).toBe('7');
    expect(takeover.lease?.spec).toEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 15,
      acquireTime: formatMicroTime(T0 + 15_000),
      renewTime: formatMicroTime(T0 + 15_000),
      leaseTransitions: 4,
    });
  });

  test('a new version restarts the wait', () => {
    const first = planAttempt(me, {}, lease('7', 'other'), T0);
    const renewed = planAttempt(me, first.memory, lease('8', 'other'), T0 + 10_000);
    expect(renewed.memory.observedAt).toBe(T0 + 10_000);
    expect(planAttempt(me, renewed.memory, lease('8', 'other'), T0 + 20_000).kind).toBe(AttemptKind.WAIT);
    expect(planAttempt(me, renewed.memory, lease('8', 'other'), T0 + 25_000).kind).toBe(AttemptKind.ACQUIRE);
  });

  test('a renewTime far in the future or the past changes nothing (clock offsets do not matter)', () => {
    for (const renewTime of ['1970-01-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z']) {
      const first = planAttempt(me, {}, lease('7', 'other', { renewTime }), T0);
      expect(planAttempt(me, first.memory, lease('7', 'other', { renewTime }), T0 + 14_000).kind).toBe(
        AttemptKind.WAIT,
      );
      expect(planAttempt(me, first.memory, lease('7', 'other', { renewTime }), T0 + 15_000).kind).toBe(
        AttemptKind.ACQUIRE,
      );
    }
  });

  test('a holder that announced a longer lease gets it', () => {
    const long = lease('7', 'other', { leaseDurationSeconds: 60 });
    const first = planAttempt(me, {}, long, T0);
    expect(planAttempt(me, first.memory, long, T0 + 59_000).kind).toBe(AttemptKind.WAIT);
    expect(planAttempt(me, first.memory, long, T0 + 60_000).kind).toBe(AttemptKind.ACQUIRE);
  });

  test('a free lease (released: empty holder) is taken at once', () => {
    for (const holder of ['', undefined]) {
      const attempt = planAttempt(me, {}, lease('9', holder as string), T0);
      expect(attempt.kind).toBe(AttemptKind.ACQUIRE);
      expect(attempt.lease?.spec?.leaseTransitions).toBe(4);
    }
  });

  test('held by this candidate: renew, keeping acquireTime and the transition count', () => {
    const attempt = planAttempt(
      me,
      { observedVersion: '5', observedAt: T0 - 2000, observedHolder: 'me', leadingUntil: T0 + 8000 },
      lease('5', 'me'),
      T0,
    );
    expect(attempt.kind).toBe(AttemptKind.RENEW);
    expect(attempt.lease?.spec).toEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 15,
      acquireTime: '2020-01-01T00:00:00.000000Z',
      renewTime: formatMicroTime(T0),
      leaseTransitions: 3,
    });
    expect(attempt.memory.leadingUntil).toBe(T0 + 8000);
  });

  test('a leader that reads another holder or no lease stops leading at once', () => {
    const leading = { observedVersion: '5', observedAt: T0 - 2000, observedHolder: 'me', leadingUntil: T0 + 8000 };
    expect(isLeading(planAttempt(me, leading, lease('6', 'other'), T0).memory, T0)).toBe(false);
    expect(isLeading(planAttempt(me, leading, undefined, T0).memory, T0)).toBe(false);
  });
});

describe('afterWrite and isLeading', () => {
  test('leadership lasts renewDeadline from the start of the successful write', () => {
    const memory = afterWrite({}, lease('10', 'me'), T0, T0 + 3000, DEFAULT_LEADER_ELECTION);
    expect(memory).toEqual({
      observedVersion: '10',
      observedAt: T0 + 3000,
      observedHolder: 'me',
      leadingUntil: T0 + 10_000,
    });
    expect(isLeading(memory, T0 + 9999)).toBe(true);
    expect(isLeading(memory, T0 + 10_000)).toBe(false);
    expect(isLeading({}, T0)).toBe(false);
  });

  test('a late answer to an older write never shortens the deadline', () => {
    const memory = afterWrite({ leadingUntil: T0 + 12_000 }, lease('10', 'me'), T0, T0, DEFAULT_LEADER_ELECTION);
    expect(memory.leadingUntil).toBe(T0 + 12_000);
  });
});

describe('releasedLease', () => {
  test('the holder frees the lease with a conditional update', () => {
    expect(releasedLease('me', lease('4', 'me'), T0)).toEqual({
      ...lease('4', 'me'),
      spec: {
        holderIdentity: '',
        leaseDurationSeconds: 1,
        acquireTime: formatMicroTime(T0),
        renewTime: formatMicroTime(T0),
        leaseTransitions: 3,
      },
    });
  });

  test('nobody else releases it', () => {
    expect(releasedLease('me', lease('4', 'other'), T0)).toBeUndefined();
  });
});

test('formatMicroTime writes microseconds', () => {
  expect(formatMicroTime(Date.UTC(2026, 2, 8, 9, 30, 15, 123))).toBe('2026-03-08T09:30:15.123000Z');
});

describe('leaderElectionProblems', () => {
  test('the defaults are fine', () => {
    expect(leaderElectionProblems(DEFAULT_LEADER_ELECTION)).toEqual([]);
  });

  test.each([
    [
      { leaseDurationMs: 10_000, renewDeadlineMs: 10_000, retryPeriodMs: 2000 },
      'leaseDurationMs (10000) must be greater than renewDeadlineMs (10000)',
    ],
    [
      { leaseDurationMs: 15_000, renewDeadlineMs: 2400, retryPeriodMs: 2000 },
      'renewDeadlineMs (2400) must be greater than 1.2 × retryPeriodMs (2000)',
    ],
    [
      { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 0 },
      'retryPeriodMs must be a positive number of milliseconds, not 0',
    ],
    [
      { leaseDurationMs: Number.NaN, renewDeadlineMs: 10_000, retryPeriodMs: 2000 },
      'leaseDurationMs must be a positive number',
    ],
  ])('%j: %s', (settings, problem) => {
    expect(leaderElectionProblems(settings).join('\n')).toContain(problem);
  });
});
