/**
 * BackupRestoreJob: the Job it emits from each destination (the same storage and credentials model
 * as the backup's), its defaults, and each props mistake as a finding with its rule id and field.
 * The scripts run for real, against real servers, in test/real-parts.
 */
import { Chart, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import {
  BackupCronJob,
  BackupCronJobProps,
  BackupDestination,
  BackupRestoreJob,
  BackupRestoreJobProps,
  BackupSource,
  WorkloadIdentity,
} from '../../../src';
import { quietApp, thrownMessage } from '../helpers';
import { validateBatchObject } from '../../../src/rules/registry';

function build(backupProps: Partial<BackupCronJobProps> = {}, restoreProps: Partial<BackupRestoreJobProps> = {}) {
  const chart = new Chart(quietApp(), 'shop');
  const secret = Secret.fromSecretName(chart, 'db-secret', 'orders-db-app');
  const backup = new BackupCronJob(chart, 'orders', {
    schedule: '0 3 * * *',
    source: BackupSource.postgres({
      host: 'orders-db',
      database: 'orders',
      user: 'backup',
      passwordSecret: { secret, key: 'password' },
    }),
    destination: BackupDestination.s3({
      bucket: 'backups',
      prefix: 'pg/',
      endpoint: 'https://minio.storage.svc:9000',
      forcePathStyle: true,
    }),
    identity: WorkloadIdentity.awsIamRole('arn:aws:iam::123456789012:role/orders-backup'),
    ...backupProps,
  });
  new BackupRestoreJob(chart, 'restore', {
    backup,
    target: {
      host: 'scratch-db',
      database: 'orders_check',
      user: 'restore',
      passwordSecret: { secret, key: 'password' },
    },
    ...restoreProps,
  });
  return chart;
}

function synthOf(backupProps: Partial<BackupCronJobProps> = {}, restoreProps: Partial<BackupRestoreJobProps> = {}) {
  const objects = Testing.synth(build(backupProps, restoreProps));
  const job = objects.find((o) => o.kind === 'Job');
  return { objects, job, pod: job.spec.template.spec };
}

const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('BackupRestoreJob from object storage', () => {
  const { job, pod, objects } = synthOf();

  test('download (the AWS CLI image) then restore (the engine image), never retried', () => {
    expect(pod.initContainers.map((c: any) => [c.name, c.image])).toEqual([['download', 'amazon/aws-cli:2.17.0']]);
    expect(pod.containers.map((c: any) => [c.name, c.image])).toEqual([['restore', 'postgres:17.2-alpine']]);
    expect(job.spec.backoffLimit).toBe(0);
    expect(validateBatchObject(job, { now: Date.UTC(2026, 0, 1) })).toEqual([]);
  });

  test("the backup's store, prefix and addressing; the target's connection", () => {
    expect(envOf(pod.initContainers[0])).toMatchObject({
      S3_BUCKET: 'backups',
      S3_PREFIX: 'pg/',
      S3_ENDPOINT: 'https://minio.storage.svc:9000',
      BACKUP_FILE_PREFIX: 'shop_orders',
      BACKUP_FILE_EXTENSION: 'sql',
    });
    expect(pod.initContainers[0].command[2]).toContain('addressing_style = path');
    expect(envOf(pod.initContainers[0]).BACKUP_RESTORE_NAME).toBeUndefined();
    expect(envOf(pod.containers[0])).toMatchObject({
      PGHOST: 'scratch-db',
      PGDATABASE: 'orders_check',
      PGUSER: 'restore',
      PGPASSWORD: { secretKeyRef: { name: 'orders-db-app', key: 'password' } },
      BACKUP_DIR: '/tmp',
    });
  });

  test("the backup's cloud identity, on the restore's own ServiceAccount", () => {
    const accounts = objects.filter((o) => o.kind === 'ServiceAccount');
    expect(accounts).toHaveLength(2);
    for (const account of accounts)
      expect(account.metadata.annotations).toEqual({
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-backup',
      });
  });

  test('a named backup reaches the download as BACKUP_RESTORE_NAME', () => {
    const named = synthOf({}, { backupName: 'shop_orders-20261206T030000Z.sql.gz' });
    expect(envOf(named.pod.initContainers[0]).BACKUP_RESTORE_NAME).toBe('shop_orders-20261206T030000Z.sql.gz');
  });
});

describe('BackupRestoreJob from a volume', () => {
  test('one restore container reading the claim read-only', () => {
    const { pod } = synthOf({
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'pg-backups', subPath: 'orders' }),
      identity: undefined,
    });
    expect(pod.initContainers ?? []).toEqual([]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['restore']);
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === '/backup');
    expect(mount).toMatchObject({ readOnly: true, subPath: 'orders' });
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    expect(volume.persistentVolumeClaim).toEqual({ claimName: 'pg-backups', readOnly: false });
    expect(envOf(pod.containers[0]).BACKUP_DIR).toBe('/backup');
  });
});

describe('the password as a file (backup and restore)', () => {
  test('mounted from the Secret key, never in the environment', () => {
    const chart = new Chart(quietApp(), 'shop');
    const secret = Secret.fromSecretName(chart, 'db-secret', 'db');
    const backup = new BackupCronJob(chart, 'orders', {
      schedule: '0 3 * * *',
      source: BackupSource.mariadb({
        host: 'db',
        database: 'orders',
        user: 'u',
        passwordSecret: { secret, key: 'password' },
        passwordAsFile: true,
      }),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
    });
    new BackupRestoreJob(chart, 'restore', {
      backup,
      target: {
        host: 'db',
        database: 'scratch',
        user: 'u',
        passwordSecret: { secret, key: 'password' },
        passwordAsFile: true,
      },
    });
    const objects = Testing.synth(chart);
    for (const kind of ['CronJob', 'Job']) {
      const object = objects.find((o) => o.kind === kind);
      const pod = kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec;
      const container = pod.containers[0];
      expect(envOf(container).MYSQL_PWD).toBeUndefined();
      expect(envOf(container).BACKUP_PASSWORD_FILE).toBe('/var/run/secrets/cdk8s-batch/database/password');
      expect(container.command[2]).toContain('--defaults-extra-file=$BACKUP_WORK_DIR/client.cnf');
      const mount = container.volumeMounts.find((m: any) => m.mountPath === '/var/run/secrets/cdk8s-batch/database');
      expect(mount.readOnly).toBe(true);
      expect(pod.volumes.find((v: any) => v.name === mount.name).secret).toMatchObject({
        secretName: 'db',
        items: [{ key: 'password', path: 'password' }],
      });
      // Neither the probe nor anything else sees the password.
      for (const other of pod.initContainers ?? []) expect(envOf(other).BACKUP_PASSWORD_FILE).toBeUndefined();
    }
  });
});

describe('BackupRestoreJob props mistakes are findings with their rule id and field', () => {
  test.each<[string, Partial<BackupCronJobProps>, Partial<BackupRestoreJobProps>, RegExp]>([
    [
      'a command backup',
      { source: BackupSource.command({ image: 'redis:7.4.1', command: ['redis-cli', '--rdb', '-'] }) },
      {},
      /\[shop\/restore\] backup: the backup's source is a command.*\[backup-restore-unsupported\] Fix: /,
    ],
    [
      'a backup name of another shape',
      {},
      { backupName: 'shop_billing-20261206T030000Z.sql.gz' },
      /\[shop\/restore\] backupName: "shop_billing-20261206T030000Z\.sql\.gz" is not a name this backup writes.*\[backup-restore-name-invalid\]/,
    ],
    [
      'an empty target host',
      {},
      {
        target: {
          host: ' ',
          database: 'x',
          user: 'u',
          passwordSecret: { secret: Secret.fromSecretName(new Chart(quietApp(), 'x'), 's', 's'), key: 'p' },
        },
      },
      /\[shop\/restore\] target\.host: the host is empty.*\[backup-restore-target-invalid\]/,
    ],
    [
      'containers of its own',
      {},
      { containers: [{ image: 'busybox:1.36.1' }] },
      /\[shop\/restore\] containers: a BackupRestoreJob makes its own containers.*\[backup-restore-pod-settings-conflict\]/,
    ],
  ])('bad: %s', (_name, backupProps, restoreProps, expected) => {
    expect(thrownMessage(() => Testing.synth(build(backupProps, restoreProps)))).toMatch(expected);
  });

  test('good: the latest, and a name of the exact shape', () => {
    expect(thrownMessage(() => Testing.synth(build()))).toBeUndefined();
    expect(
      thrownMessage(() => Testing.synth(build({}, { backupName: 'shop_orders-20261206T030000Z.sql.gz' }))),
    ).toBeUndefined();
  });
});
