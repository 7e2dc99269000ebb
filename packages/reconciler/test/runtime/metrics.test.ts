import { JobResult, SyncResult } from '../../src/controller/observer';
import { RunKind } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import { ReconcilerMetrics } from '../../src/runtime/metrics';

test('every metric is exposed with its labels, and the gauges read their sources at scrape time', async () => {
  let depth = 3;
  const metrics = new ReconcilerMetrics({ queueDepth: () => depth, leading: () => true });
  metrics.runCreated(RunKind.SCHEDULED, 0.1);
  metrics.runCreated(RunKind.SCHEDULED, 42);
  metrics.runCreated(RunKind.RUN_NOW, -1);
  metrics.runSkipped('forbidConcurrent');
  metrics.jobFinished(JobResult.FAILED);
  metrics.apiError('create', 'Timeout');
  metrics.syncFinished(0.002, SyncResult.OK);
  depth = 7;
  const text = await metrics.text();
  expect(text).toContain('cdk8s_batch_reconciler_runs_created_total{run_kind="Scheduled"} 2');
  expect(text).toContain('cdk8s_batch_reconciler_runs_created_total{run_kind="RunNow"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_schedule_lag_seconds_bucket{le="0.1",run_kind="Scheduled"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_schedule_lag_seconds_bucket{le="60",run_kind="Scheduled"} 2');
  expect(text).toContain('cdk8s_batch_reconciler_schedule_lag_seconds_sum{run_kind="RunNow"} 0');
  expect(text).toContain('cdk8s_batch_reconciler_runs_skipped_total{reason="forbidConcurrent"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_jobs_finished_total{result="failed"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_api_errors_total{verb="create",reason="Timeout"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_sync_duration_seconds_count{result="ok"} 1');
  expect(text).toContain('cdk8s_batch_reconciler_queue_depth 7');
  expect(text).toContain('cdk8s_batch_reconciler_leader 1');
  expect(metrics.contentType).toMatch(/^text\/plain/);
});

test('each instance has its own registry', async () => {
  const a = new ReconcilerMetrics({ queueDepth: () => 0, leading: () => false });
  const b = new ReconcilerMetrics({ queueDepth: () => 0, leading: () => false });
  a.runSkipped('paused');
  expect(await b.text()).not.toContain('reason="paused"');
  expect(await a.text()).toContain('cdk8s_batch_reconciler_leader 0');
});
