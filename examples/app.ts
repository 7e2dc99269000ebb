/**
 * The examples app: one chart per construct, with one BatchPolicy for all of them.
 */
import { App, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { BatchPolicy } from '../src';
import { NightlyReportChart } from './nightly-report';
import { ReindexJobChart } from './reindex-job';
import { IndexedBatchChart } from './indexed-batch';
import { QueueWorkerChart } from './queue-worker';
import { MonitoringChart } from './monitoring';
import { BackupChart } from './backup';
import { BackupRestoreChart } from './backup-restore';
import { MigrationChart } from './migration';
import { CleanupChart } from './cleanup';
import { ScheduledJobChart } from './scheduled-job';
import { ScheduleReconcilerChart } from './schedule-reconciler';
import { InvoiceGeneratorChart } from './invoice-generator';

/** Builds the examples app; `outdir` defaults to cdk8s's (dist/, or CDK8S_OUTDIR when `cdk8s synth` runs it). */
export function buildExamplesApp(outdir?: string): App {
  const app = new App({ outdir });
  // Resources for every container that sets none: sized for these small examples, not a default.
  new BatchPolicy(app, {
    containerResources: {
      cpu: { request: Cpu.millis(50) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
    },
  });
  new NightlyReportChart(app, 'nightly-report');
  new ReindexJobChart(app, 'reindex-job');
  new IndexedBatchChart(app, 'indexed-batch');
  new QueueWorkerChart(app, 'queue-worker');
  new MonitoringChart(app, 'monitoring', app.node.findChild('nightly-report'));
  const backup = new BackupChart(app, 'backup');
  new BackupRestoreChart(app, 'backup-restore', backup.backup);
  new MigrationChart(app, 'migration');
  new CleanupChart(app, 'cleanup');
  new ScheduledJobChart(app, 'scheduled-job');
  new ScheduleReconcilerChart(app, 'schedule-reconciler');
  new InvoiceGeneratorChart(app, 'invoice-generator');
  return app;
}
