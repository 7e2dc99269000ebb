import { ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { RecentWrites } from '../../src/controller/recent-writes';

const at = (resourceVersion: string): ScheduledJobObject => ({
  metadata: { name: 'a', namespace: 'ns', resourceVersion },
});

test('the newer of the cached copy and our last write wins', () => {
  const recent = new RecentWrites();
  recent.remember('ns/a', at('7'));
  expect(recent.current('ns/a', at('5'))?.metadata.resourceVersion).toBe('7');
  expect(recent.size).toBe(1);
  expect(recent.current('ns/a', at('9'))?.metadata.resourceVersion).toBe('9');
  expect(recent.size).toBe(0);
});

test('an older write never replaces a newer one', () => {
  const recent = new RecentWrites();
  recent.remember('ns/a', at('7'));
  recent.remember('ns/a', at('6'));
  expect(recent.current('ns/a', at('1'))?.metadata.resourceVersion).toBe('7');
});

test("caughtUp: the echo of our write is recognised and forgotten; another writer's change is not an echo", () => {
  const recent = new RecentWrites();
  recent.remember('ns/a', at('7'));
  expect(recent.caughtUp('ns/a', at('6'))).toBe(false);
  expect(recent.caughtUp('ns/a', at('7'))).toBe(true);
  expect(recent.size).toBe(0);
  recent.remember('ns/a', at('8'));
  expect(recent.caughtUp('ns/a', at('9'))).toBe(false);
  expect(recent.size).toBe(0);
});

test('no cached copy: the object is gone, whatever we wrote', () => {
  const recent = new RecentWrites();
  recent.remember('ns/a', at('7'));
  expect(recent.current('ns/a', undefined)).toBeUndefined();
  recent.forget('ns/a');
  expect(recent.size).toBe(0);
});

test("an echo that arrives before the write's answer is still recognised; another change meanwhile asks for a sync", () => {
  const recent = new RecentWrites();
  recent.writeStarted('ns/a');
  expect(recent.caughtUp('ns/a', at('8'))).toBe(true);
  expect(recent.writeFinished('ns/a', at('8'))).toBe(false);
  expect(recent.size).toBe(0);

  recent.writeStarted('ns/a');
  expect(recent.caughtUp('ns/a', at('9'))).toBe(true);
  expect(recent.caughtUp('ns/a', at('10'))).toBe(true);
  expect(recent.writeFinished('ns/a', at('10'))).toBe(true);

  recent.writeStarted('ns/a');
  expect(recent.caughtUp('ns/a', at('11'))).toBe(true);
  expect(recent.writeFinished('ns/a', undefined)).toBe(true);
  recent.writeStarted('ns/a');
  expect(recent.writeFinished('ns/a', undefined)).toBe(false);
});
