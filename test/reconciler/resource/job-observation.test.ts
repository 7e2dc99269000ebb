import { JobObject } from '../../../src/reconciler/resource/objects';
import { JobPhase } from '../../../src/reconciler/plan/types';
import { isControlledBy, observeJob, scheduledJobController } from '../../../src/reconciler/resource/job-observation';

const owner = {
  apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
  kind: 'ScheduledJob',
  name: 'nightly',
  uid: 'uid-1',
  controller: true,
};
const job = (status: JobObject['status'], owners = [owner]): JobObject => ({
  metadata: { name: 'nightly-1', namespace: 'ns', ownerReferences: owners },
  status,
});

test('a Job without a finished condition is running, with its start time', () => {
  expect(observeJob(job({ startTime: '2026-03-01T10:00:01Z', active: 1 }))).toEqual({
    name: 'nightly-1',
    phase: JobPhase.RUNNING,
    startTime: Date.parse('2026-03-01T10:00:01Z'),
  });
  expect(observeJob(job(undefined))).toEqual({ name: 'nightly-1', phase: JobPhase.RUNNING });
  expect(observeJob(job({ conditions: [{ type: 'Complete', status: 'False' }] })).phase).toBe(JobPhase.RUNNING);
});

test('Complete=True is succeeded at its completionTime (the condition time when missing)', () => {
  expect(
    observeJob(
      job({
        completionTime: '2026-03-01T10:05:00Z',
        conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-03-01T10:05:01Z' }],
      }),
    ),
  ).toMatchObject({
    phase: JobPhase.SUCCEEDED,
    finishedAt: Date.parse('2026-03-01T10:05:00Z'),
  });
  expect(
    observeJob(job({ conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-03-01T10:05:01Z' }] }))
      .finishedAt,
  ).toBe(Date.parse('2026-03-01T10:05:01Z'));
});

test('Failed=True is failed at the condition time', () => {
  expect(
    observeJob(job({ conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2026-03-01T10:06:00Z' }] })),
  ).toMatchObject({ phase: JobPhase.FAILED, finishedAt: Date.parse('2026-03-01T10:06:00Z') });
});

test('only a controller reference to a ScheduledJob of our group counts, and the uid must match', () => {
  expect(scheduledJobController(job({}))).toEqual(owner);
  expect(isControlledBy(job({}), 'uid-1')).toBe(true);
  expect(isControlledBy(job({}), 'uid-2')).toBe(false);
  expect(isControlledBy(job({}), undefined)).toBe(false);
  expect(scheduledJobController(job({}, [{ ...owner, controller: false }]))).toBeUndefined();
  expect(scheduledJobController(job({}, [{ ...owner, kind: 'CronJob', apiVersion: 'batch/v1' }]))).toBeUndefined();
  expect(scheduledJobController(job({}, [{ ...owner, apiVersion: 'example.com/v1' }]))).toBeUndefined();
});

test('a Job holding the run-record finalizer carries the run it stands for; others carry nothing more', () => {
  const holding: JobObject = {
    metadata: {
      name: 'nightly-1',
      namespace: 'ns',
      ownerReferences: [owner],
      finalizers: ['example.com/other', 'scheduling.cdk8s-batch.io/run-record'],
      labels: { 'scheduling.cdk8s-batch.io/run-kind': 'Queued' },
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-03-01T05:00:00-05:00' },
    },
  };
  expect(observeJob(holding).heldRun).toEqual({ kind: 'Queued', scheduledTime: Date.parse('2026-03-01T10:00:00Z') });
  const unreadable = {
    ...holding,
    metadata: { ...holding.metadata, labels: { 'scheduling.cdk8s-batch.io/run-kind': 'Sometimes' }, annotations: {} },
  };
  expect(observeJob(unreadable).heldRun).toEqual({});
  expect(observeJob(job(undefined))).not.toHaveProperty('heldRun');
});
