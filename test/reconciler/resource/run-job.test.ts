import { RunKind } from '../../../src/reconciler/plan/types';
import { buildRunJob } from '../../../src/reconciler/resource/run-job';
import { ScheduledJobResource } from '../../../src/reconciler/resource/scheduled-job-resource';
import { validateBatchObject } from '../../../src/rules/registry';
import { Severity } from '../../../src/rules/finding';

function resource(spec: Partial<ScheduledJobResource['spec']> = {}): ScheduledJobResource {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: { name: 'nightly', namespace: 'batch' },
    spec: {
      schedule: '30 1 * * *',
      timeZone: 'America/New_York',
      jobTemplate: {
        metadata: { labels: { app: 'report' }, annotations: { owner: 'team-a' } },
        spec: {
          backoffLimit: 2,
          template: {
            spec: {
              restartPolicy: 'Never',
              initContainers: [{ name: 'fetch', image: 'busybox:1.36' }],
              containers: [
                {
                  name: 'main',
                  image: 'busybox:1.36',
                  env: [
                    { name: 'MODE', value: 'full' },
                    { name: 'SCHEDULED_AT', value: 'stale' },
                  ],
                },
              ],
            },
          },
        },
      },
      ...spec,
    },
  };
}

const run = { kind: RunKind.SCHEDULED, scheduledTime: Date.parse('2026-11-01T06:30:00Z'), jobName: 'nightly-29367030' };

test('a fully typed batch/v1 Job: name, labels, annotations, controller ownerReference, the template spec', () => {
  const job = buildRunJob(resource(), run, 'uid-1');
  expect(job).toEqual({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'nightly-29367030',
      namespace: 'batch',
      labels: {
        app: 'report',
        'scheduling.cdk8s-batch.io/scheduled-job': 'nightly',
        'scheduling.cdk8s-batch.io/run-kind': 'Scheduled',
      },
      // 06:30Z is the second 01:30 of the fall-back day: EST, -05:00, as upstream writes it.
      annotations: { owner: 'team-a', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-01T01:30:00-05:00' },
      ownerReferences: [
        {
          apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
          kind: 'ScheduledJob',
          name: 'nightly',
          uid: 'uid-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      // Kept until the run is recorded in status (issue 15, finding 4).
      finalizers: ['scheduling.cdk8s-batch.io/run-record'],
    },
    spec: resource().spec.jobTemplate.spec,
  });
});

test('the spec is a deep copy: changing the Job leaves the template alone', () => {
  const source = resource();
  const job = buildRunJob(source, run, 'uid-1');
  (job.spec as any).template.spec.containers[0].image = 'changed';
  expect((source.spec.jobTemplate.spec as any).template.spec.containers[0].image).toBe('busybox:1.36');
});

test('scheduledTimeEnv is set in every container and init container (RFC 3339 UTC), replacing a variable of that name', () => {
  const source = resource({ scheduledTimeEnv: 'SCHEDULED_AT' });
  const job = buildRunJob(source, run, 'uid-1');
  const pod = (job.spec as any).template.spec;
  expect(pod.initContainers[0].env).toEqual([{ name: 'SCHEDULED_AT', value: '2026-11-01T06:30:00Z' }]);
  expect(pod.containers[0].env).toEqual([
    { name: 'MODE', value: 'full' },
    { name: 'SCHEDULED_AT', value: '2026-11-01T06:30:00Z' },
  ]);
  expect((source.spec.jobTemplate.spec as any).template.spec.containers[0].env).toHaveLength(2);
});

test('run kind and zone: a run-now Job in UTC; no uid leaves the ownerReference and the finalizer out', () => {
  const job = buildRunJob(
    resource({ timeZone: undefined }),
    { kind: RunKind.RUN_NOW, scheduledTime: Date.parse('2026-03-01T10:20:00Z'), jobName: 'nightly-rtb7u1c' },
    undefined,
  );
  expect(job.metadata.labels['scheduling.cdk8s-batch.io/run-kind']).toBe('RunNow');
  expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-01T10:20:00Z');
  expect(job.metadata.ownerReferences).toBeUndefined();
  expect(job.metadata.finalizers).toBeUndefined();
});

test('the Job built from a sound template has no error findings', () => {
  const errors = validateBatchObject(buildRunJob(resource({ scheduledTimeEnv: 'SCHEDULED_AT' }), run, 'uid-1')).filter(
    (f) => f.severity === Severity.ERROR,
  );
  expect(errors).toEqual([]);
});
