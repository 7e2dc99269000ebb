import { SimulatedClock } from '../support/simulated-clock';
import { WorkQueue } from '../../src/controller/work-queue';

const START = Date.UTC(2026, 0, 1);

function setUp() {
  const clock = new SimulatedClock(START);
  const queue = new WorkQueue({ clock, initialRetryMs: 100, maxRetryMs: 1000 });
  return { clock, queue };
}

/** Keys handed out right now, without waiting. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.get())!);
  return keys;
}

test('keys come out in order, each once however often it was added', async () => {
  const { queue } = setUp();
  for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
  expect(queue.length).toBe(3);
  expect(await drain(queue)).toEqual(['a', 'b', 'c']);
  await queue.shutDown();
});

test('a key being worked on is not handed out again; an add meanwhile queues it at done', async () => {
  const { queue } = setUp();
  queue.add('a');
  const key = await queue.get();
  queue.add('a');
  queue.add('a');
  expect(queue.length).toBe(0);
  queue.done(key!);
  expect(await drain(queue)).toEqual(['a']);
  queue.done('a');
  expect(queue.length).toBe(0);
  await queue.shutDown();
});

test('a waiting get() receives the next key added', async () => {
  const { queue } = setUp();
  const pending = queue.get();
  queue.add('x');
  expect(await pending).toBe('x');
  queue.add('x');
  expect(queue.length).toBe(0);
  queue.done('x');
  expect(queue.length).toBe(1);
  await queue.shutDown();
});

test('addAfter waits on the clock; the earlier of two instants wins', async () => {
  const { clock, queue } = setUp();
  queue.addAfter('late', 5000);
  queue.addAfter('soon', 2000);
  queue.addAfter('late', 9000);
  queue.addAfter('soon', 1000);
  await clock.advance(999);
  expect(queue.length).toBe(0);
  expect(queue.delayedCount).toBe(2);
  await clock.advance(1);
  expect(await drain(queue)).toEqual(['soon']);
  await clock.advance(3999);
  expect(queue.length).toBe(0);
  await clock.advance(1);
  expect(await drain(queue)).toEqual(['late']);
  expect(queue.delayedCount).toBe(0);
  await queue.shutDown();
});

test('a pending instant stays when the key is queued meanwhile (the object is looked at then too)', async () => {
  const { clock, queue } = setUp();
  queue.addAfter('a', 1000);
  queue.add('a');
  expect(await drain(queue)).toEqual(['a']);
  queue.done('a');
  await clock.advance(1000);
  expect(await drain(queue)).toEqual(['a']);
  await queue.shutDown();
});

test('addAfter of 0 or less queues at once', async () => {
  const { queue } = setUp();
  queue.addAfter('a', 0);
  queue.addAfter('b', -5);
  expect(await drain(queue)).toEqual(['a', 'b']);
  await queue.shutDown();
});

test('failed keys back off exponentially up to the ceiling; forget resets the backoff', async () => {
  const { clock, queue } = setUp();
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    const before = clock.now();
    queue.addRateLimited('k');
    while (queue.length === 0) await clock.advance(10);
    delays.push(clock.now() - before);
    await queue.get();
    queue.done('k');
  }
  expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  queue.forget('k');
  const before = clock.now();
  queue.addRateLimited('k');
  while (queue.length === 0) await clock.advance(10);
  expect(clock.now() - before).toBe(100);
  await queue.shutDown();
});

test('shutDown answers waiting and later gets with undefined and ignores adds', async () => {
  const { clock, queue } = setUp();
  queue.addAfter('a', 1000);
  const waiting = queue.get();
  await queue.shutDown();
  expect(await waiting).toBeUndefined();
  queue.add('b');
  expect(await queue.get()).toBeUndefined();
  await clock.advance(2000);
  expect(queue.length).toBe(0);
  expect(clock.sleepers).toBe(0);
});
