/**
 * BackupRestoreJob: the runbook's check of last night's backup. It restores the latest backup of
 * the `orders-db` BackupCronJob (same bucket and prefix, same IAM role) into the empty scratch
 * database `orders_restore_check` on the same server, with the same Secret's credentials. Its
 * chart is a file of its own (dist/backup-restore.k8s.yaml), applied when the check is wanted, not
 * with the app: a Job runs once, on creation.
 */
import { Chart, Size } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BackupCronJob, BackupRestoreJob } from '../src';

export class BackupRestoreChart extends Chart {
  public constructor(scope: Construct, id: string, backup: BackupCronJob) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'orders' } });
    const database = Secret.fromSecretName(this, 'database', 'orders-db-app');
    new BackupRestoreJob(this, 'orders-db-restore-check', {
      backup,
      target: {
        host: 'orders-db-rw.orders.svc',
        database: 'orders_restore_check',
        userSecret: { secret: database, key: 'username' },
        passwordSecret: { secret: database, key: 'password' },
      },
      // psql and the AWS CLI need more than the app's default container size.
      resources: {
        cpu: { request: Cpu.millis(100) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
    });
  }
}
