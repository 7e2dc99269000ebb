import { SystemClock } from '../../src/cluster/clock';
import { SimulatedClock } from '../support/simulated-clock';

test('sleepers wake in due order, same-instant sleepers in the order they slept, each at its instant', async () => {
  const clock = new SimulatedClock(1000);
  const woke: string[] = [];
  const sleep = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`));
  void sleep('c', 300);
  void sleep('a', 100);
  void sleep('b', 100);
  void sleep('d', 1000);
  await clock.advance(500);
  expect(woke).toEqual(['a@1100', 'b@1100', 'c@1300']);
  expect(clock.now()).toBe(1500);
  expect(clock.nextWakeUp()).toBe(2000);
  expect(clock.sleepers).toBe(1);
});

test('a chain of sleeps set while advancing runs within the same advance', async () => {
  const clock = new SimulatedClock(0);
  const ticks: number[] = [];
  void (async () => {
    for (let i = 0; i < 5; i++) {
      await clock.sleep(10);
      ticks.push(clock.now());
    }
  })();
  await clock.advance(35);
  expect(ticks).toEqual([10, 20, 30]);
  await clock.advanceTo(100);
  expect(ticks).toEqual([10, 20, 30, 40, 50]);
});

test('an aborted sleep resolves at once and no longer counts; zero sleeps resolve at once', async () => {
  const clock = new SimulatedClock(0);
  const controller = new AbortController();
  let done = false;
  void clock.sleep(1000, controller.signal).then(() => (done = true));
  expect(clock.sleepers).toBe(1);
  controller.abort();
  await Promise.resolve();
  expect(done).toBe(true);
  expect(clock.sleepers).toBe(0);
  expect(clock.now()).toBe(0);
  await expect(clock.sleep(0)).resolves.toBeUndefined();
  await expect(clock.sleep(5, controller.signal)).resolves.toBeUndefined();
});

test('time never goes backward', async () => {
  const clock = new SimulatedClock(500);
  await clock.advanceTo(100);
  expect(clock.now()).toBe(500);
});

test('the system clock sleeps for real and can be cut short', async () => {
  const clock = new SystemClock();
  const before = clock.now();
  await clock.sleep(20);
  expect(clock.now() - before).toBeGreaterThanOrEqual(15);
  const controller = new AbortController();
  const started = Date.now();
  const sleeping = clock.sleep(10_000, controller.signal);
  controller.abort();
  await sleeping;
  expect(Date.now() - started).toBeLessThan(1000);
});
