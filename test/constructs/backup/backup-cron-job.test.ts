/** BackupCronJob: its defaults in the YAML, each override, and each props mistake as a synth error naming the prop. */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu, Secret, ServiceAccount } from 'cdk8s-plus-28';
import {
  BackupCronJob,
  BackupCronJobProps,
  BackupDestination,
  BackupSource,
  RuleLevel,
  S3Encryption,
  WorkloadIdentity,
} from '../../../src';
import { defaultFilePrefix } from '../../../src/constructs/backup/backup-cron-job';
import { findingsOf, quietApp, thrownMessage } from '../helpers';

function build(props: (chart: Chart) => Partial<BackupCronJobProps>, policy = {}) {
  const chart = new Chart(quietApp(policy), 'test');
  const secret = Secret.fromSecretName(chart, 'db-secret', 'orders-db-app');
  const backup = new BackupCronJob(chart, 'orders', {
    schedule: '0 3 * * *',
    source: BackupSource.postgres({
      host: 'orders-db',
      database: 'orders',
      user: 'backup',
      passwordSecret: { secret, key: 'password' },
    }),
    destination: BackupDestination.s3({ bucket: 'backups', prefix: 'pg/' }),
    ...props(chart),
  });
  return { chart, backup };
}

function synthOf(props: (chart: Chart) => Partial<BackupCronJobProps> = () => ({}), policy = {}) {
  const { chart } = build(props, policy);
  const objects = Testing.synth(chart);
  const cron = objects.find((o) => o.kind === 'CronJob');
  return { objects, cron, pod: cron.spec.jobTemplate.spec.template.spec };
}

function errorOf(props: (chart: Chart) => Partial<BackupCronJobProps>): string {
  const { chart } = build(props);
  return thrownMessage(() => Testing.synth(chart)) ?? '';
}

const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('BackupCronJob defaults', () => {
  const { cron, pod, objects } = synthOf();

  test('the CronJob defaults: Forbid, deadlines fitted to the daily schedule, history limits, UTC', () => {
    expect(cron.spec).toMatchObject({
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      timeZone: 'Etc/UTC',
    });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600);
  });

  test('S3: wait and dump as init containers, upload as the container, each with its pinned image', () => {
    expect(pod.initContainers.map((c: any) => [c.name, c.image])).toEqual([
      ['wait-for-database', 'postgres:17.2-alpine'],
      ['dump', 'postgres:17.2-alpine'],
    ]);
    expect(pod.containers.map((c: any) => [c.name, c.image])).toEqual([['upload', 'amazon/aws-cli:2.17.0']]);
  });

  test('every container runs /bin/sh -c with a script, and the dump writes to the writable /tmp', () => {
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      expect(c.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
      expect(c.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
      });
    }
    expect(envOf(pod.initContainers[1])).toMatchObject({
      BACKUP_DIR: '/tmp',
      BACKUP_WORK_DIR: '/tmp',
      BACKUP_FILE_PREFIX: 'test_orders',
      BACKUP_FILE_EXTENSION: 'sql',
      HOME: '/tmp',
    });
  });

  test('the pod runs as nobody (65534) with fsGroup 65534', () => {
    expect(pod.securityContext).toMatchObject({
      runAsUser: 65534,
      runAsGroup: 65534,
      fsGroup: 65534,
      runAsNonRoot: true,
    });
  });

  test('the password is a secretKeyRef in the dump only; the probe gets the connection without it', () => {
    expect(envOf(pod.initContainers[1]).PGPASSWORD).toEqual({
      secretKeyRef: { name: 'orders-db-app', key: 'password' },
    });
    expect(envOf(pod.initContainers[0]).PGPASSWORD).toBeUndefined();
    expect(envOf(pod.initContainers[0])).toMatchObject({
      PGHOST: 'orders-db',
      PGPORT: '5432',
      PGDATABASE: 'orders',
      PGUSER: 'backup',
    });
  });

  test('the database wait is bounded: 24 probes 5 s apart (2 minutes)', () => {
    expect(envOf(pod.initContainers[0])).toMatchObject({
      BACKUP_WAIT_ATTEMPTS: '24',
      BACKUP_WAIT_INTERVAL_SECONDS: '5',
    });
  });

  test('no retention unless asked: nothing lists or deletes', () => {
    expect(envOf(pod.containers[0]).BACKUP_RETENTION_DAYS).toBeUndefined();
    expect(pod.containers[0].command[2]).not.toMatch(/delete-object|list-objects/);
  });

  test('a ServiceAccount of its own without a token', () => {
    const account = objects.find((o) => o.kind === 'ServiceAccount');
    expect(account.automountServiceAccountToken).toBe(false);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(account.metadata.name);
  });

  test('the whole CronJob has no findings at all: PSS restricted, resources, deadlines, cleanup', () => {
    expect(findingsOf(cron)).toEqual([]);
  });

  test('the file prefix defaults to the namespace and construct path, each part made safe', () => {
    expect(defaultFilePrefix(undefined, 'orders/db')).toBe('orders_db');
    expect(defaultFilePrefix('shop', 'orders/db')).toBe('shop_orders_db');
    expect(defaultFilePrefix(undefined, 'Orders DB (prod)/--x')).toBe('orders-db-prod_x');
    expect(defaultFilePrefix(undefined, '***/___')).toBe('backup');
    const long = defaultFilePrefix('shop', `${'a'.repeat(80)}/${'b'.repeat(80)}`);
    expect(long).toMatch(/^shop_a{80}_b+-[0-9a-f]{8}$/);
    expect(long).toHaveLength(100);
    expect(long).not.toBe(defaultFilePrefix('shop', `${'a'.repeat(80)}/${'b'.repeat(81)}`));
  });

  test('finding 1: two charts with a backup of the same id get different default prefixes', () => {
    const app = quietApp();
    const prefixes = ['orders', 'billing'].map((team) => {
      const chart = new Chart(app, team);
      const secret = Secret.fromSecretName(chart, 's', 'db');
      return new BackupCronJob(chart, 'db', {
        schedule: '0 3 * * *',
        source: BackupSource.postgres({ host: 'h', database: 'd', user: 'u', passwordSecret: { secret, key: 'p' } }),
        destination: BackupDestination.s3({ bucket: 'shared' }),
      }).filePrefix;
    });
    expect(prefixes).toEqual(['orders_db', 'billing_db']);
    expect(thrownMessage(() => app.synth())).toBeUndefined();
  });
});

describe('BackupCronJob destinations and sources', () => {
  test('a volume: one backup container writing into the claim, with retention', () => {
    const { pod, cron } = synthOf(() => ({
      destination: BackupDestination.persistentVolumeClaim({
        claimName: 'pg-backups',
        mountPath: '/var/backups',
        subPath: 'orders',
      }),
      retentionDays: 14,
    }));
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-database']);
    const [backup] = pod.containers;
    expect(backup.name).toBe('backup');
    const volume = pod.volumes.find((v: any) => v.persistentVolumeClaim);
    expect(volume.persistentVolumeClaim).toEqual({ claimName: 'pg-backups', readOnly: false });
    expect(backup.volumeMounts).toContainEqual({ mountPath: '/var/backups', name: volume.name, subPath: 'orders' });
    expect(envOf(backup)).toMatchObject({ BACKUP_DIR: '/var/backups', BACKUP_RETENTION_DAYS: '14' });
    expect(backup.command[2]).toContain('find "$BACKUP_DIR"');
    expect(findingsOf(cron)).toEqual([]);
  });

  test('S3 with every option: endpoint, region, storage class, KMS and keys from a Secret', () => {
    const { pod } = synthOf((chart) => {
      const keys = Secret.fromSecretName(chart, 'keys', 'minio-keys');
      return {
        destination: BackupDestination.s3({
          bucket: 'backups',
          endpoint: 'https://minio:9000',
          region: 'us-east-1',
          encryption: S3Encryption.KMS,
          kmsKeyId: 'alias/backups',
          accessKeyId: { secret: keys, key: 'id' },
          secretAccessKey: { secret: keys, key: 'secret' },
          image: 'amazon/aws-cli:2.22.0',
        }),
        retentionDays: 30,
      };
    });
    const [upload] = pod.containers;
    expect(upload.image).toBe('amazon/aws-cli:2.22.0');
    expect(envOf(upload)).toMatchObject({
      S3_BUCKET: 'backups',
      S3_PREFIX: '',
      S3_ENDPOINT: 'https://minio:9000',
      S3_SSE: 'aws:kms',
      S3_SSE_KMS_KEY_ID: 'alias/backups',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      BACKUP_RETENTION_DAYS: '30',
      AWS_ACCESS_KEY_ID: { secretKeyRef: { name: 'minio-keys', key: 'id' } },
      AWS_SECRET_ACCESS_KEY: { secretKeyRef: { name: 'minio-keys', key: 'secret' } },
    });
    expect(upload.command[2]).toContain('--endpoint-url "$S3_ENDPOINT"');
  });

  test('MySQL and MariaDB: their images, port 3306 and MYSQL_PWD from the Secret', () => {
    for (const [source, image, dump] of [
      ['mysql', 'mysql:8.4.5', 'mysqldump'],
      ['mariadb', 'mariadb:11.4.4', 'mariadb-dump'],
    ] as const) {
      const { pod } = synthOf((chart) => ({
        source: BackupSource[source]({
          host: 'db',
          database: 'shop',
          userSecret: { secret: Secret.fromSecretName(chart, 's', 'shop-db'), key: 'user' },
          passwordSecret: { secret: Secret.fromSecretName(chart, 'p', 'shop-db'), key: 'password' },
        }),
      }));
      const dumpContainer = pod.initContainers[1];
      expect(dumpContainer.image).toBe(image);
      expect(dumpContainer.command[2]).toContain(`${dump} "--host=$DB_HOST"`);
      expect(envOf(dumpContainer)).toMatchObject({
        DB_HOST: 'db',
        DB_PORT: '3306',
        DB_NAME: 'shop',
        DB_USER: { secretKeyRef: { name: 'shop-db', key: 'user' } },
        MYSQL_PWD: { secretKeyRef: { name: 'shop-db', key: 'password' } },
      });
    }
  });

  test("a command source: no wait, the command as the dump script's arguments, its own extension", () => {
    const { pod } = synthOf(() => ({
      source: BackupSource.command({
        image: 'redis:7.4.1',
        command: ['redis-cli', '--rdb', '-'],
        fileExtension: 'rdb',
      }),
    }));
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['dump']);
    expect(pod.initContainers[0].args).toEqual(['redis-cli', '--rdb', '-']);
    expect(pod.initContainers[0].command[3]).toBe('backup');
    expect(envOf(pod.initContainers[0]).BACKUP_FILE_EXTENSION).toBe('rdb');
  });
});

describe('BackupCronJob overrides', () => {
  test('the pod security context, images, resources, wait and prefix', () => {
    const resources = {
      cpu: { request: Cpu.millis(250) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
    };
    const { pod } = synthOf((chart) => ({
      securityContext: { user: 70, group: 70 },
      source: BackupSource.postgres({
        host: 'h',
        database: 'd',
        user: 'u',
        passwordSecret: { secret: Secret.fromSecretName(chart, 'x', 'x'), key: 'p' },
        image: 'postgres:16.4-alpine',
        port: 6432,
      }),
      databaseWaitTimeout: Duration.seconds(30),
      filePrefix: 'orders-prod',
      resources,
    }));
    expect(pod.securityContext).toMatchObject({ runAsUser: 70, runAsGroup: 70 });
    expect(pod.securityContext.fsGroup).toBeUndefined();
    expect(pod.initContainers[0].image).toBe('postgres:16.4-alpine');
    expect(envOf(pod.initContainers[0])).toMatchObject({ BACKUP_WAIT_ATTEMPTS: '6', PGPORT: '6432' });
    expect(envOf(pod.initContainers[1]).BACKUP_FILE_PREFIX).toBe('orders-prod');
    for (const c of [...pod.initContainers, ...pod.containers])
      expect(c.resources).toEqual({ limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
  });

  test('waitForDatabase: false drops the init container', () => {
    const { pod } = synthOf(() => ({ waitForDatabase: false }));
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['dump']);
  });

  test('CronJob props pass through: schedule, zone, history limits', () => {
    const { cron } = synthOf(() => ({ schedule: '30 1 * * 0', timeZone: 'Europe/Paris', successfulJobsRetained: 7 }));
    expect(cron.spec).toMatchObject({
      schedule: '30 1 * * 0',
      timeZone: 'Europe/Paris',
      successfulJobsHistoryLimit: 7,
    });
  });

  test('identity annotates its own ServiceAccount (IRSA, GKE Workload Identity)', () => {
    const aws = synthOf(() => ({
      identity: WorkloadIdentity.awsIamRole('arn:aws:iam::123456789012:role/orders-backup'),
    }));
    expect(aws.objects.find((o) => o.kind === 'ServiceAccount').metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-backup',
    });
    const gcp = synthOf(() => ({
      identity: WorkloadIdentity.gcpServiceAccount('backup@my-project.iam.gserviceaccount.com'),
    }));
    expect(gcp.objects.find((o) => o.kind === 'ServiceAccount').metadata.annotations).toEqual({
      'iam.gke.io/gcp-service-account': 'backup@my-project.iam.gserviceaccount.com',
    });
  });

  test('the rule policy still applies: an unpinned image override is a warning the policy can raise', () => {
    const { chart } = build(
      () => ({ source: BackupSource.command({ image: 'redis', command: ['redis-cli', '--rdb', '-'] }) }),
      { rules: { 'container-image-not-pinned': RuleLevel.ERROR } },
    );
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/orders\] spec\.jobTemplate\.spec\.template\.spec\.initContainers\[0\]\.image: .*\[container-image-not-pinned\]/,
    );
  });
});

describe('BackupCronJob props mistakes are synth errors naming the prop', () => {
  const secretRef = (chart: Chart) => ({ secret: Secret.fromSecretName(chart, 'p', 'p'), key: 'password' });
  test.each<[string, (chart: Chart) => Partial<BackupCronJobProps>, RegExp]>([
    [
      'containers',
      () => ({ containers: [{ image: 'busybox:1.36.1' }] }),
      /\[test\/orders\] containers: a BackupCronJob makes its own containers/,
    ],
    ['writableTmp', () => ({ writableTmp: false }), /writableTmp: .*read-only/],
    [
      'filePrefix with a slash',
      () => ({ filePrefix: '../etc/x' }),
      /filePrefix: "\.\.\/etc\/x" is not a safe file name part/,
    ],
    ['filePrefix with a command', () => ({ filePrefix: '$(reboot)' }), /filePrefix: .* is not a safe file name part/],
    ['retentionDays 0', () => ({ retentionDays: 0 }), /retentionDays: 0 is not a whole number of days/],
    ['retentionDays 1.5', () => ({ retentionDays: 1.5 }), /retentionDays: 1\.5/],
    [
      'an empty host',
      (c) => ({ source: BackupSource.postgres({ host: ' ', database: 'd', user: 'u', passwordSecret: secretRef(c) }) }),
      /source\.host: the host is empty/,
    ],
    [
      'an empty database',
      (c) => ({ source: BackupSource.mysql({ host: 'h', database: '', user: 'u', passwordSecret: secretRef(c) }) }),
      /source\.database: the database name is empty/,
    ],
    [
      'a bad port',
      (c) => ({
        source: BackupSource.postgres({
          host: 'h',
          database: 'd',
          user: 'u',
          port: 70000,
          passwordSecret: secretRef(c),
        }),
      }),
      /source\.port: 70000 is not a TCP port/,
    ],
    [
      'no user',
      (c) => ({ source: BackupSource.postgres({ host: 'h', database: 'd', passwordSecret: secretRef(c) }) }),
      /source\.user: give exactly one of user and userSecret/,
    ],
    [
      'both users',
      (c) => {
        const ref = secretRef(c);
        return {
          source: BackupSource.postgres({ host: 'h', database: 'd', user: 'u', userSecret: ref, passwordSecret: ref }),
        };
      },
      /source\.user: give exactly one/,
    ],
    [
      'an empty command',
      () => ({ source: BackupSource.command({ image: 'x:1', command: [] }) }),
      /source\.command: the command is empty/,
    ],
    [
      'a bad extension',
      () => ({ source: BackupSource.command({ image: 'x:1', command: ['a'], fileExtension: 'x;y' }) }),
      /source\.fileExtension: "x;y"/,
    ],
    [
      'an empty image',
      () => ({ source: BackupSource.command({ image: '', command: ['a'] }) }),
      /source\.image: the image is empty/,
    ],
    ['a short wait', () => ({ databaseWaitTimeout: Duration.seconds(2) }), /databaseWaitTimeout: 2 s leaves no time/],
    [
      'a bad claim name',
      () => ({ destination: BackupDestination.persistentVolumeClaim({ claimName: 'Backups_1' }) }),
      /destination\.claimName: "Backups_1"/,
    ],
    [
      '/tmp as mount path',
      () => ({ destination: BackupDestination.persistentVolumeClaim({ claimName: 'b', mountPath: '/tmp' }) }),
      /destination\.mountPath: "\/tmp" cannot hold the backups/,
    ],
    [
      'a relative mount path',
      () => ({ destination: BackupDestination.persistentVolumeClaim({ claimName: 'b', mountPath: 'backup' }) }),
      /destination\.mountPath/,
    ],
    [
      'a sub path escaping the volume',
      () => ({ destination: BackupDestination.persistentVolumeClaim({ claimName: 'b', subPath: '../x' }) }),
      /destination\.subPath: "\.\.\/x"/,
    ],
    [
      'a bucket URL',
      () => ({ destination: BackupDestination.s3({ bucket: 's3://b/x' }) }),
      /destination\.bucket: "s3:\/\/b\/x" is not a bucket name/,
    ],
    [
      'a prefix with a newline',
      () => ({ destination: BackupDestination.s3({ bucket: 'b', prefix: 'a\nb' }) }),
      /destination\.prefix: "a\\nb"/,
    ],
    [
      'a prefix with a leading slash',
      () => ({ destination: BackupDestination.s3({ bucket: 'b', prefix: '/a/' }) }),
      /destination\.prefix/,
    ],
    [
      'a bad endpoint',
      () => ({ destination: BackupDestination.s3({ bucket: 'b', endpoint: 'minio:9000' }) }),
      /destination\.endpoint: "minio:9000" is not an http\(s\) URL/,
    ],
    [
      'a KMS key without KMS',
      () => ({ destination: BackupDestination.s3({ bucket: 'b', kmsKeyId: 'k', encryption: S3Encryption.AES256 }) }),
      /destination\.kmsKeyId: a KMS key only applies/,
    ],
    [
      'half an access key',
      (c) => ({ destination: BackupDestination.s3({ bucket: 'b', accessKeyId: secretRef(c) }) }),
      /destination\.accessKeyId: an access key needs both halves/,
    ],
    [
      'a bad role ARN',
      () => ({ identity: WorkloadIdentity.awsIamRole('orders-backup') }),
      /identity: "orders-backup" is not an IAM role ARN/,
    ],
    [
      'a bad Google account',
      () => ({ identity: WorkloadIdentity.gcpServiceAccount('backup@gmail.com') }),
      /identity: "backup@gmail\.com" is not a Google service account/,
    ],
    [
      'identity with an imported ServiceAccount',
      (c) => ({
        serviceAccount: ServiceAccount.fromServiceAccountName(c, 'sa', 'shared'),
        identity: WorkloadIdentity.awsIamRole('arn:aws:iam::123456789012:role/r'),
      }),
      /identity: the ServiceAccount "shared" is not defined in this app/,
    ],
  ])('%s', (_name, props, expected) => {
    const message = errorOf(props);
    expect(message).toMatch(expected);
    expect(message).toMatch(/Fix: /);
  });

  test('the good props pass', () => {
    expect(errorOf(() => ({}))).toBe('');
  });
});
