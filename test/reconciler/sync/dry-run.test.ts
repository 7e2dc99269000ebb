import { JobObject, ScheduledJobObject } from '../../../src/reconciler/resource/objects';
import { dryRunSync, ownedJobs } from '../../../src/reconciler/sync/dry-run';
import { JobPhase, RunKind, SkipReason } from '../../../src/reconciler/plan/types';

const TEMPLATE = {
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
};
const NOW = Date.parse('2026-03-01T10:00:05Z');

function fromFile(spec: Record<string, unknown>, status?: Record<string, unknown>): ScheduledJobObject {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: { name: 'sync', namespace: 'batch' },
    spec: { jobTemplate: TEMPLATE, ...spec },
    status,
  };
}

test('a file without status: taken to have existed a week, so the most recent run is created', () => {
  const result = dryRunSync(fromFile({ schedule: '0 * * * *' }), [], NOW);
  expect(result.created.map((c) => c.job.metadata.name)).toEqual(['sync-29539320']);
  expect(result.created[0].job.metadata.ownerReferences).toBeUndefined();
  expect(result.nextScheduleTime).toBe(Date.parse('2026-03-01T11:00:00Z'));
});

test('every sync the plan asks for at once is carried out: catch-up UpTo 3 after downtime', () => {
  const result = dryRunSync(
    fromFile(
      { schedule: '0 * * * *', catchUpPolicy: 'UpTo', catchUpLimit: 3 },
      { lastScheduleTime: '2026-03-01T02:00:00Z' },
    ),
    [],
    NOW,
  );
  expect(result.created.map((c) => c.run.scheduledTime)).toEqual(
    ['08', '09', '10'].map((h) => Date.parse(`2026-03-01T${h}:00:00Z`)),
  );
  expect(result.planned).toBe(true);
});

test('a Skip policy with a running Job creates nothing and says why', () => {
  const running = { name: 'sync-29539260', phase: JobPhase.RUNNING };
  const result = dryRunSync(
    fromFile(
      { schedule: '0 * * * *', overlapPolicy: 'Skip' },
      { active: [{ name: 'sync-29539260' }], lastScheduleTime: '2026-03-01T09:00:00Z' },
    ),
    [running],
    NOW,
  );
  expect(result.created).toEqual([]);
  expect(result.skipReason).toBe(SkipReason.FORBID_CONCURRENT);
});

test('a refused Job stops the run and is reported; an unreadable spec is not planned', () => {
  const broken = { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } } };
  const refused = dryRunSync(fromFile({ schedule: '0 * * * *', jobTemplate: broken }), [], NOW);
  expect(refused.created).toEqual([]);
  expect(refused.refusal?.errors.map((f) => f.rule)).toEqual(['pod-container-image-required']);
  const unreadable = dryRunSync(fromFile({ schedule: 7 }), [], NOW);
  expect(unreadable.planned).toBe(false);
  expect(unreadable.problems.map((p) => p.field)).toEqual(['spec.schedule']);
});

test('a run-now request and a due run: both, run-now first', () => {
  const result = dryRunSync(fromFile({ schedule: '0 * * * *', runNowAt: '2026-03-01T10:00:05Z' }), [], NOW);
  expect(result.created.map((c) => c.run.kind)).toEqual([RunKind.RUN_NOW, RunKind.SCHEDULED]);
});

test('ownedJobs: the Jobs the object controls, by uid and namespace', () => {
  const owner = { ...fromFile({ schedule: '@daily' }), metadata: { name: 'sync', namespace: 'batch', uid: 'u1' } };
  const job = (name: string, uid: string, namespace = 'batch'): JobObject => ({
    metadata: {
      name,
      namespace,
      ownerReferences: [
        { apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1', kind: 'ScheduledJob', name: 'sync', uid, controller: true },
      ],
    },
  });
  expect(ownedJobs(owner, [job('a', 'u1'), job('b', 'u2'), job('c', 'u1', 'other')]).map((j) => j.name)).toEqual(['a']);
});
