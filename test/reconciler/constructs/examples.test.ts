/**
 * The reconciler examples (examples/scheduled-job.ts, examples/schedule-reconciler.ts) as the
 * examples app synthesizes them: their YAML, no finding at all for the ScheduledJob (as the
 * CronJob it corresponds to, as the Job of a run, and by the reconciler's own checks), and a
 * spec the reconciler reads without a problem.
 */
import { Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { buildExamplesApp } from '../../../examples/app';
import { cronJobViewOf, scheduledJobFindings } from '../../../src/reconciler/constructs/scheduled-job-validation';
import { RunKind } from '../../../src/reconciler/plan/types';
import { buildRunJob } from '../../../src/reconciler/resource/run-job';
import { readResourceSpec } from '../../../src/reconciler/resource/spec-conversion';
import { findingsOf } from '../../constructs/helpers';

const NOW = Date.UTC(2026, 0, 1);

function chartObjects(id: string): any[] {
  const app = buildExamplesApp();
  const chart = app.node.findChild(id) as Chart;
  // Synthesizing the whole app validates every construct; the chart's objects are then stable.
  app.synthYaml();
  return chart.toJson();
}

describe('examples/scheduled-job.ts', () => {
  const objects = chartObjects('scheduled-job');
  const scheduledJob = objects.find((o) => o.kind === 'ScheduledJob');

  test('YAML', () => {
    expect(stringify(objects)).toMatchSnapshot();
  });

  test("no finding: as a CronJob, as the Job of a run, and by the reconciler's checks", () => {
    expect(findingsOf(cronJobViewOf(scheduledJob))).toEqual([]);
    const job = buildRunJob(
      scheduledJob,
      { kind: RunKind.SCHEDULED, scheduledTime: NOW, jobName: `${scheduledJob.metadata.name}-29440800` },
      'uid-1',
    );
    expect(findingsOf(job).filter((f) => f.rule !== 'job-missing-ttl')).toEqual([]);
    expect(scheduledJobFindings({ manifest: scheduledJob }, { now: NOW })).toEqual([]);
  });

  test('the reconciler reads the spec without a problem, every extension set', () => {
    const reading = readResourceSpec(scheduledJob.spec);
    expect(reading.problems).toEqual([]);
    expect(Object.keys(reading.spec!).sort()).toEqual(
      expect.arrayContaining([
        'catchUpPolicy',
        'dstPolicy',
        'exclusions',
        'jitterSeconds',
        'overlapPolicy',
        'pauseAfterFailures',
        'schedules',
      ]),
    );
  });

  test('the run sets SCHEDULED_TIME in the container', () => {
    const job = buildRunJob(
      scheduledJob,
      { kind: RunKind.SCHEDULED, scheduledTime: NOW, jobName: 'x-29440800' },
      undefined,
    );
    expect((job.spec as any).template.spec.containers[0].env).toEqual([
      { name: 'SCHEDULED_TIME', value: '2026-01-01T00:00:00Z' },
    ]);
  });
});

describe('examples/schedule-reconciler.ts', () => {
  test('YAML (the CRD is tested on its own)', () => {
    expect(
      stringify(chartObjects('schedule-reconciler').filter((o) => o.kind !== 'CustomResourceDefinition')),
    ).toMatchSnapshot();
  });
});
