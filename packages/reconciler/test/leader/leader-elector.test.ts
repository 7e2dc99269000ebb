import { LeaseObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { LeaderElector } from '../../src/leader/leader-elector';
import { ElectionHarness, LEASE_NAME, LEASE_NAMESPACE, START } from './support/election-harness';

function lease(harness: ElectionHarness): LeaseObject | undefined {
  return harness.api.object(ResourceKind.LEASE, LEASE_NAMESPACE, LEASE_NAME);
}

test('a lone candidate creates the lease, leads at once, and renews every retry period', async () => {
  const harness = new ElectionHarness();
  const elector = harness.add('a');
  expect(elector.isLeader()).toBe(false);
  harness.start();
  await harness.run(100);
  expect(elector.isLeader()).toBe(true);
  expect(elector.leader()).toBe('a');
  expect(lease(harness)?.spec).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
  const before = Number(lease(harness)!.metadata.resourceVersion);
  await harness.run(10_000);
  expect(Number(lease(harness)!.metadata.resourceVersion) - before).toBe(5);
  expect(harness.terms).toEqual([{ identity: 'a', from: START }]);
  await harness.stopAll();
});

test('the constructor refuses unsafe settings', () => {
  const harness = new ElectionHarness();
  expect(() =>
    harness.add('a', { settings: { leaseDurationMs: 5000, renewDeadlineMs: 10_000, retryPeriodMs: 2000 } }),
  ).toThrow(/leaseDurationMs \(5000\) must be greater than renewDeadlineMs/);
});

test('two candidates: one leads, the other follows and sees who leads', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  const b = harness.add('b');
  harness.start('a');
  await harness.run(100);
  harness.start('b');
  await harness.run(60_000);
  expect(a.isLeader()).toBe(true);
  expect(b.isLeader()).toBe(false);
  expect(b.leader()).toBe('a');
  expect(harness.overlaps).toEqual([]);
  await harness.stopAll();
});

test('failover: a leader cut off from the API server stops at its renew deadline; the other takes over after the lease duration', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  const b = harness.add('b');
  harness.start('a');
  await harness.run(100);
  harness.start('b');
  await harness.run(20_000);
  const lastRenewal = harness.clock.now() - ((harness.clock.now() - START) % 2000);
  harness.api.faults.inject({ clients: ['a'], fault: FaultKind.TIMEOUT_NOT_APPLIED, until: START + 10 * 60_000 });
  await harness.until(() => !a.isLeader());
  const stepDown = harness.clock.now();
  expect(stepDown - lastRenewal).toBeLessThanOrEqual(10_000 + 100);
  expect(harness.terms[0]).toMatchObject({ identity: 'a', to: expect.any(Number) });
  await harness.until(() => b.isLeader());
  expect(harness.clock.now() - lastRenewal).toBeGreaterThanOrEqual(15_000);
  expect(harness.clock.now() - lastRenewal).toBeLessThan(15_000 + 2 * 2000 * 2.2);
  expect(lease(harness)?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  expect(harness.overlaps).toEqual([]);

  // When the partition heals, the old leader sees the new holder and stays a follower.
  await harness.run(10 * 60_000);
  expect(a.isLeader()).toBe(false);
  expect(a.leader()).toBe('b');
  expect(b.isLeader()).toBe(true);
  expect(harness.overlaps).toEqual([]);
  await harness.stopAll();
});

test('a leader whose renewal hangs stops leading at its deadline, before the answer arrives', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  harness.start();
  await harness.run(100);
  harness.api.faults.inject({ clients: ['a'], verbs: [Verb.UPDATE], fault: FaultKind.SLOW, delayMs: 60_000 });
  await harness.run(30_000, 50);
  expect(a.isLeader()).toBe(false);
  // The hanging renewal began at 2 s; the last good write at 0 s, so leadership ended at 10 s.
  expect(harness.terms).toEqual([{ identity: 'a', from: START, to: START + 10_000 }]);
  await harness.stopAll();
});

test('graceful stop releases the lease and a follower takes over within a retry period or two', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  const b = harness.add('b');
  harness.start('a');
  await harness.run(100);
  harness.start('b');
  await harness.run(30_000);
  const stopping = a.stop();
  await harness.run(100);
  await stopping;
  expect(a.isLeader()).toBe(false);
  expect(lease(harness)?.spec?.holderIdentity).toBe('');
  const waited = await harness.until(() => b.isLeader());
  expect(waited).toBeLessThanOrEqual(2000 * 2.2 + 100);
  expect(harness.overlaps).toEqual([]);
  await harness.stopAll();
});

test('stop(false) steps down without releasing: the others wait out the lease', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  const b = harness.add('b');
  harness.start('a');
  await harness.run(100);
  harness.start('b');
  await harness.run(10_000);
  const stopping = a.stop(false);
  await harness.run(100);
  await stopping;
  expect(lease(harness)?.spec?.holderIdentity).toBe('a');
  const waited = await harness.until(() => b.isLeader());
  expect(waited).toBeGreaterThanOrEqual(13_000);
  expect(harness.overlaps).toEqual([]);
  await harness.stopAll();
});

test('a conflict storm: five candidates in lockstep, with injected conflicts, never two leaders, soon one', async () => {
  const harness = new ElectionHarness(3);
  for (const id of ['a', 'b', 'c', 'd', 'e']) harness.add(id, { random: () => 0 });
  harness.api.faults.setRates({ kinds: [ResourceKind.LEASE], verbs: [Verb.UPDATE, Verb.CREATE], conflict: 0.3 });
  harness.start();
  await harness.until(() => harness.leaders().length === 1, 60_000);
  await harness.run(5 * 60_000);
  expect(harness.overlaps).toEqual([]);
  expect(harness.api.faults.injected()[FaultKind.CONFLICT]).toBeGreaterThan(10);
  await harness.stopAll();
});

test('a create that was applied but whose answer was lost: the candidate leads only after its next successful renewal', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  harness.api.faults.inject({ clients: ['a'], verbs: [Verb.CREATE], fault: FaultKind.TIMEOUT_APPLIED });
  harness.start();
  await harness.run(100);
  expect(lease(harness)?.spec?.holderIdentity).toBe('a');
  expect(a.isLeader()).toBe(false);
  await harness.until(() => a.isLeader(), 10_000);
  expect(harness.terms).toHaveLength(1);
  await harness.stopAll();
});

test('clock offsets of an hour either way change nothing: no early takeover', async () => {
  for (const offsetMs of [3_600_000, -3_600_000]) {
    const harness = new ElectionHarness();
    harness.add('a');
    const b = harness.add('b', { offsetMs });
    harness.start('a');
    await harness.run(100);
    harness.start('b');
    await harness.run(5 * 60_000);
    expect(b.isLeader()).toBe(false);
    harness.api.faults.inject({
      clients: ['a'],
      fault: FaultKind.SERVER_ERROR,
      until: harness.clock.now() + 60 * 60_000,
    });
    await harness.until(() => b.isLeader());
    expect(harness.overlaps).toEqual([]);
    await harness.stopAll();
  }
});

test('clock rates within the tolerance (leaseDuration / renewDeadline) keep leaders apart', async () => {
  for (const [rateA, rateB] of [
    [0.9, 1.1],
    [1.1, 0.9],
    [0.8, 1.15],
  ]) {
    const harness = new ElectionHarness();
    harness.add('a', { rate: rateA });
    harness.add('b', { rate: rateB });
    harness.start();
    for (let round = 0; round < 6; round++) {
      await harness.run(20_000);
      const leader = harness.leaders()[0];
      if (leader)
        harness.api.faults.inject({
          clients: [leader],
          fault: FaultKind.TIMEOUT_NOT_APPLIED,
          until: harness.clock.now() + 25_000,
        });
    }
    expect(harness.terms.length).toBeGreaterThan(3);
    expect(harness.overlaps).toEqual([]);
    await harness.stopAll();
  }
});

test('the overlap monitor can fail: a candidate whose clock runs twice as fast takes over too early', async () => {
  const harness = new ElectionHarness();
  harness.add('a', { rate: 0.9 });
  harness.add('b', { rate: 2 });
  harness.start('a');
  await harness.run(100);
  harness.start('b');
  await harness.run(10_000);
  harness.api.faults.inject({
    clients: ['a'],
    fault: FaultKind.TIMEOUT_NOT_APPLIED,
    until: harness.clock.now() + 60_000,
  });
  await harness.run(60_000);
  expect(harness.overlaps.length).toBeGreaterThan(0);
  await harness.stopAll();
});

test('stop() ends leadership at once, before the release is written, and reports it', async () => {
  const harness = new ElectionHarness();
  const seen: boolean[] = [];
  const elector: LeaderElector = harness.add('a');
  harness.start();
  await harness.run(100);
  const stopping = elector.stop();
  seen.push(elector.isLeader());
  await harness.run(100);
  await stopping;
  seen.push(elector.isLeader());
  expect(seen).toEqual([false, false]);
  expect(harness.terms[0].to).toBeDefined();
});

test('a leader whose renewals fail makes its last attempt before its deadline, and keeps leading if that one succeeds', async () => {
  const harness = new ElectionHarness();
  const a = harness.add('a');
  harness.start();
  await harness.run(100);
  // Renewals fail from 1 s until 9.2 s: the attempts at 2, 4, 6 and 8 s fail; the last good write was at 0 s,
  // so the deadline is 10 s, and only an attempt made before it (at 9.5 s) can keep the leadership.
  harness.api.faults.inject({
    clients: ['a'],
    verbs: [Verb.UPDATE],
    fault: FaultKind.TIMEOUT_NOT_APPLIED,
    until: START + 9_200,
  });
  await harness.run(20_000, 50);
  expect(a.isLeader()).toBe(true);
  expect(harness.terms).toEqual([{ identity: 'a', from: START }]);
  await harness.stopAll();
});
