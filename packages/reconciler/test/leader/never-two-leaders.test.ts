/**
 * The safety property of leader election under random schedules: with any mix of injected API
 * faults, partitions, hanging requests, stops with and without release, and restarts, with clocks
 * offset by up to an hour and running at rates within the tolerance, no two replicas ever believe
 * they lead at the same time; and once the faults stop, a live replica leads again.
 */
import fc from 'fast-check';
import { FaultKind } from '../support/api-server-double/faults';
import { CandidateOptions, ElectionHarness } from './support/election-harness';

type Action =
  | { readonly kind: 'partition'; readonly who: number; readonly forMs: number }
  | { readonly kind: 'hang'; readonly who: number; readonly forMs: number }
  | { readonly kind: 'stop'; readonly who: number; readonly release: boolean }
  | { readonly kind: 'restart'; readonly who: number };

const candidate: fc.Arbitrary<CandidateOptions> = fc.record({
  offsetMs: fc.integer({ min: -3_600_000, max: 3_600_000 }),
  rate: fc.double({ min: 0.93, max: 1.07, noNaN: true }),
});

function action(candidates: number): fc.Arbitrary<Action> {
  const who = fc.integer({ min: 0, max: candidates - 1 });
  const forMs = fc.integer({ min: 1000, max: 40_000 });
  return fc.oneof(
    fc.record({ kind: fc.constant('partition' as const), who, forMs }),
    fc.record({ kind: fc.constant('hang' as const), who, forMs }),
    fc.record({ kind: fc.constant('stop' as const), who, release: fc.boolean() }),
    fc.record({ kind: fc.constant('restart' as const), who }),
  );
}

const probability = (max: number) => fc.double({ min: 0, max, noNaN: true });

const scenarios = fc.integer({ min: 2, max: 4 }).chain((count) =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    candidates: fc.array(candidate, { minLength: count, maxLength: count }),
    rates: fc.record({
      conflict: probability(0.2),
      serverError: probability(0.2),
      timeoutApplied: probability(0.15),
      timeoutNotApplied: probability(0.15),
    }),
    // One entry per 5 s of simulated time; undefined: nothing happens in those 5 s.
    script: fc.array(fc.option(action(count), { nil: undefined, freq: 2 }), { minLength: 12, maxLength: 40 }),
  }),
);

type Scenario = typeof scenarios extends fc.Arbitrary<infer S> ? S : never;

interface Played {
  readonly harness: ElectionHarness;
  /** Replicas that are still running. */
  readonly live: Set<string>;
}

async function play(scenario: Scenario): Promise<Played> {
  const harness = new ElectionHarness(scenario.seed);
  const names = scenario.candidates.map((_, i) => `replica-${i}`);
  names.forEach((name, i) => harness.add(name, scenario.candidates[i]));
  const live = new Set(names);
  harness.api.faults.setRates(scenario.rates);
  harness.start();
  for (const step of scenario.script) {
    if (step !== undefined) {
      const name = names[step.who];
      const elector = harness.electors.get(name)!;
      switch (step.kind) {
        case 'partition':
          harness.api.faults.inject({
            clients: [name],
            fault: FaultKind.TIMEOUT_NOT_APPLIED,
            until: harness.clock.now() + step.forMs,
          });
          break;
        case 'hang':
          harness.api.faults.inject({ clients: [name], fault: FaultKind.SLOW, delayMs: step.forMs });
          break;
        case 'stop':
          live.delete(name);
          void elector.stop(step.release);
          break;
        case 'restart':
          // A new process with the same identity starts once the old one has stopped (without releasing: it died).
          live.add(name);
          void elector.stop(false).then(() => {
            if (harness.electors.get(name) === elector) harness.add(name, scenario.candidates[step.who]).start();
          });
          break;
      }
    }
    await harness.run(5000);
  }
  return { harness, live };
}

test('never two leaders, whatever the interleaving and the faults', async () => {
  const terms: number[] = [];
  await fc.assert(
    fc.asyncProperty(scenarios, async (scenario) => {
      const { harness } = await play(scenario);
      await harness.run(30_000);
      expect(harness.overlaps).toEqual([]);
      terms.push(harness.terms.length);
      await harness.stopAll();
    }),
    { numRuns: 40, seed: 20260101 },
  );
  // The schedules do exercise failover: most runs see leadership change hands.
  expect(terms.filter((n) => n >= 2).length).toBeGreaterThan(terms.length / 2);
});

test('after the faults stop, a live replica leads again', async () => {
  await fc.assert(
    fc.asyncProperty(scenarios, async (scenario) => {
      const { harness, live } = await play(scenario);
      harness.api.faults.clear();
      if (live.size > 0) {
        await harness.until(() => harness.leaders().length === 1, 120_000);
        expect(live.has(harness.leaders()[0])).toBe(true);
      }
      expect(harness.overlaps).toEqual([]);
      await harness.stopAll();
    }),
    { numRuns: 20, seed: 20260102 },
  );
});
