/**
 * BackupCronJob: a nightly pg_dump of the `orders` database, gzipped and uploaded to S3 with KMS
 * encryption and the infrequent-access storage class, kept 14 days. The database user and password
 * come from the existing Secret `orders-db-app` (never from this manifest); the S3 upload runs as
 * an IAM role through IRSA, so no AWS key exists anywhere.
 */
import { Chart, Size } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  BackupCronJob,
  BackupDestination,
  BackupSource,
  S3Encryption,
  S3StorageClass,
  Schedule,
  WorkloadIdentity,
} from '../src';

export class BackupChart extends Chart {
  /** The nightly backup, which the restore example (backup-restore.ts) restores from. */
  public readonly backup: BackupCronJob;

  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'orders' } });
    const database = Secret.fromSecretName(this, 'database', 'orders-db-app');
    this.backup = new BackupCronJob(this, 'orders-db', {
      schedule: Schedule.hashed('H 2 * * *'),
      source: BackupSource.postgres({
        host: 'orders-db-rw.orders.svc',
        database: 'orders',
        userSecret: { secret: database, key: 'username' },
        passwordSecret: { secret: database, key: 'password' },
      }),
      destination: BackupDestination.s3({
        bucket: 'acme-db-backups',
        prefix: 'orders/',
        region: 'eu-central-1',
        storageClass: S3StorageClass.STANDARD_IA,
        encryption: S3Encryption.KMS,
        kmsKeyId: 'alias/db-backups',
      }),
      identity: WorkloadIdentity.awsIamRole('arn:aws:iam::123456789012:role/orders-db-backup'),
      retentionDays: 14,
      // pg_dump and the AWS CLI need more than the app's default container size.
      resources: {
        cpu: { request: Cpu.millis(100) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
    });
  }
}
