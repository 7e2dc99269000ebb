import { JobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { objectKey, OwnedJobIndex, splitKey } from '../../src/controller/owned-jobs';

const ref = (name: string, controller = true) => ({
  apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
  kind: 'ScheduledJob',
  name,
  uid: `uid-${name}`,
  controller,
});
const job = (name: string, owners: ReturnType<typeof ref>[], resourceVersion = '1'): JobObject => ({
  metadata: { name, namespace: 'ns', resourceVersion, ownerReferences: owners },
});
const names = (index: OwnedJobIndex, key: string) => [...index.jobsOf(key)].map((j) => j.metadata.name).sort();

test('Jobs are grouped under their controlling ScheduledJob; the change names it', () => {
  const index = new OwnedJobIndex();
  expect(index.put(job('a-1', [ref('a')]))).toEqual(['ns/a']);
  expect(index.put(job('a-2', [ref('a')]))).toEqual(['ns/a']);
  expect(index.put(job('b-1', [ref('b')]))).toEqual(['ns/b']);
  expect(index.put(job('loose', []))).toEqual([]);
  expect(index.put(job('not-controlled', [ref('a', false)]))).toEqual([]);
  expect(names(index, 'ns/a')).toEqual(['a-1', 'a-2']);
  expect(index.job('ns/a', 'a-2')?.metadata.name).toBe('a-2');
  expect(names(index, 'ns/none')).toEqual([]);
});

test('an update replaces the Job; a change of controller moves it and names both', () => {
  const index = new OwnedJobIndex();
  const first = job('x', [ref('a')], '1');
  index.put(first);
  index.put(job('x', [ref('a')], '2'), first);
  expect([...index.jobsOf('ns/a')].map((j) => j.metadata.resourceVersion)).toEqual(['2']);
  expect(index.put(job('x', [ref('b')], '3'), job('x', [ref('a')], '2'))).toEqual(['ns/a', 'ns/b']);
  expect(names(index, 'ns/a')).toEqual([]);
  expect(names(index, 'ns/b')).toEqual(['x']);
});

test('remove drops the Job and names its ScheduledJob', () => {
  const index = new OwnedJobIndex();
  index.put(job('a-1', [ref('a')]));
  expect(index.remove(job('a-1', [ref('a')]))).toBe('ns/a');
  expect(names(index, 'ns/a')).toEqual([]);
  expect(index.remove(job('loose', []))).toBeUndefined();
});

test('keys split back into namespace and name', () => {
  expect(splitKey(objectKey('ns', 'a'))).toEqual({ namespace: 'ns', name: 'a' });
  expect(splitKey(objectKey(undefined, 'a'))).toEqual({ namespace: '', name: 'a' });
});
