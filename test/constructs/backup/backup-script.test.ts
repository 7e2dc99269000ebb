/**
 * The generated backup scripts, executed for real: under every installed shell, against stub
 * programs that record their arguments, with real gzip, date, find and awk. Hostile names must
 * arrive as single, verbatim arguments (or environment values) and never run anything.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { Chart, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { BackupCronJob, BackupCronJobProps } from '../../../src/constructs/backup/backup-cron-job';
import {
  BackupDestination,
  S3DestinationProps,
  S3Encryption,
  S3StorageClass,
} from '../../../src/constructs/backup/backup-destination';
import { BackupSource, DatabaseSourceProps } from '../../../src/constructs/backup/backup-source';
import { quietApp } from '../helpers';
import { installedShells, podSpecOf, runPod, scriptsOf, StubCall, syntaxError } from './pod-runner';

const SHELLS = installedShells();
const PASSWORD = 'pw-Secret-Value-1';
const ACCESS_KEY = 'AKIA-Secret-Value-2';
const SECRET_KEY = 'sk-Secret-Value-3';
const SECRETS = { 'db/password': PASSWORD, 'db/username': 'backup-user', 's3/id': ACCESS_KEY, 's3/secret': SECRET_KEY };
const DUMP_STUBS = {
  pg_isready: 'probe',
  pg_dump: 'dump',
  mysqladmin: 'probe',
  mysqldump: 'dump',
  'mariadb-admin': 'probe',
  'mariadb-dump': 'dump',
  'make-dump': 'dump',
  aws: 'aws',
};
const RECORD_ENV = [
  'PGHOST',
  'PGPORT',
  'PGDATABASE',
  'PGUSER',
  'PGPASSWORD',
  'MYSQL_PWD',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
];
const FILE_NAME = /^orders-\d{8}T\d{6}Z\.sql\.gz$/;

type SourceKind = 'postgres' | 'mysql' | 'mariadb';

/** The backup's pod template, synthesized with test Secret references. */
function backupPod(
  build: (
    chart: Chart,
    secret: (name: string) => Secret,
  ) => Partial<BackupCronJobProps> & Pick<BackupCronJobProps, 'source' | 'destination'>,
): any {
  const chart = new Chart(quietApp(), 'test');
  const secrets = new Map<string, Secret>();
  const secret = (name: string) => {
    if (!secrets.has(name)) secrets.set(name, Secret.fromSecretName(chart, `secret-${name}`, name) as Secret);
    return secrets.get(name)!;
  };
  new BackupCronJob(chart, 'orders', { schedule: '0 3 * * *', filePrefix: 'orders', ...build(chart, secret) });
  return podSpecOf(Testing.synth(chart).find((o) => o.kind === 'CronJob'));
}

function database(
  kind: SourceKind,
  props: Partial<DatabaseSourceProps>,
  secret: (name: string) => Secret,
): BackupSource {
  const full: DatabaseSourceProps = {
    host: 'orders-db',
    database: 'orders',
    user: 'backup',
    passwordSecret: { secret: secret('db'), key: 'password' },
    ...props,
  };
  return kind === 'postgres'
    ? BackupSource.postgres(full)
    : kind === 'mysql'
      ? BackupSource.mysql(full)
      : BackupSource.mariadb(full);
}

const S3_FULL: Omit<S3DestinationProps, 'accessKeyId' | 'secretAccessKey'> = {
  bucket: 'backups',
  prefix: 'pg/orders/',
  endpoint: 'https://minio.storage.svc:9000',
  region: 'eu-central-1',
  storageClass: S3StorageClass.STANDARD_IA,
  encryption: S3Encryption.KMS,
  kmsKeyId: 'alias/backups',
};

/** A sandbox with the directories standing in for /tmp and /backup. */
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'cdk8s-batch-backup-'));
  const tmp = join(root, 'tmp');
  const backup = join(root, 'backup');
  mkdirSync(tmp);
  mkdirSync(backup);
  return { root, tmp, backup, paths: { '/tmp': tmp, '/backup': backup } };
}

const callsOf = (calls: StubCall[], program: string) => calls.filter((c) => c.program === program);

describe('every generated script parses in every installed shell', () => {
  test('sh is installed (the other shells are checked where present)', () => {
    expect(SHELLS.map((s) => s[0])).toContain('sh');
  });

  const variants: Array<[string, any]> = [];
  for (const kind of ['postgres', 'mysql', 'mariadb'] as SourceKind[]) {
    variants.push([
      `${kind} to a volume with retention`,
      backupPod((_, secret) => ({
        source: database(kind, {}, secret),
        destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
        retentionDays: 7,
      })),
    ]);
    variants.push([
      `${kind} to S3, every option`,
      backupPod((_, secret) => ({
        source: database(kind, {}, secret),
        destination: BackupDestination.s3(S3_FULL),
        retentionDays: 7,
      })),
    ]);
  }
  variants.push([
    'a command to S3, no retention',
    backupPod(() => ({
      source: BackupSource.command({ image: 'redis:7.4.1', command: ['make-dump'] }),
      destination: BackupDestination.s3({ bucket: 'b' }),
    })),
  ]);
  variants.push([
    'postgres to a volume, no wait, no retention',
    backupPod((_, secret) => ({
      source: database('postgres', {}, secret),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
      waitForDatabase: false,
    })),
  ]);

  const cases = variants.flatMap(([variant, pod]) =>
    [...scriptsOf(pod)].flatMap(([container, script]) =>
      SHELLS.map((shell) => [variant, container, shell.join(' '), script, shell] as const),
    ),
  );
  test.each(cases)('%s: %s parses with %s', (_variant, _container, _shellName, script, shell) => {
    expect(syntaxError(shell, script)).toBeUndefined();
  });

  test('a broken script is reported (the check can fail)', () => {
    expect(syntaxError(['sh'], 'if then fi')).toBeDefined();
  });
});

describe.each(SHELLS.map((s) => [s.join(' '), s]))('executed with %s', (_name, shell) => {
  test("finding 2: files are private, and a killed run's old partial file goes with the next success (its own only)", () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database('postgres', {}, secret),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
    }));
    const backup = pod.containers.find((c: any) => c.name === 'backup');
    const bound = Number(backup.env.find((e: any) => e.name === 'BACKUP_PARTIAL_MAX_AGE_MINUTES').value);
    // The Job's deadline (60 min for a daily schedule) and a margin.
    expect(bound).toBe(70);
    const old = (age: number) => new Date(Date.now() - age * 60_000);
    const leftovers = {
      killed: ['.orders-20200101T030000Z.sql.gz.partial', old(bound + 1)],
      live: ['.orders-20200102T030000Z.sql.gz.partial', old(bound - 5)],
      otherBackup: ['.orders-staging-20200101T030000Z.sql.gz.partial', old(bound + 100)],
    } as const;
    for (const [name, time] of Object.values(leftovers)) {
      writeFileSync(join(box.backup, name), 'partial');
      utimesSync(join(box.backup, name), time, time);
    }
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      sandbox: box.root,
      env: { BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });
    expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
      ['wait-for-database', 0, ''],
      ['backup', 0, ''],
    ]);
    const files = readdirSync(box.backup);
    expect(files).not.toContain(leftovers.killed[0]);
    expect(files).toContain(leftovers.live[0]);
    expect(files).toContain(leftovers.otherBackup[0]);
    const [written] = files.filter((f) => FILE_NAME.test(f));
    expect(statSync(join(box.backup, written)).mode & 0o777).toBe(0o600);
  });

  test('postgres to a volume: waits, dumps through gzip under a timestamped name, prunes only its own old files', () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database(
        'postgres',
        {
          userSecret: { secret: secret('db'), key: 'username' },
          user: undefined,
          extraArgs: ['--exclude-table=audit'],
        },
        secret,
      ),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
      retentionDays: 7,
    }));
    const old = join(box.backup, 'orders-20200101T030000Z.sql.gz');
    const otherPrefix = join(box.backup, 'orders-staging-20200101T030000Z.sql.gz');
    const foreign = join(box.backup, 'notes.txt');
    for (const file of [old, otherPrefix, foreign]) {
      writeFileSync(file, 'old');
      utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));
    }

    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      recordEnv: RECORD_ENV,
      sandbox: box.root,
      env: { STUB_PROBE_FAILURES: '1', BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });

    expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
      ['wait-for-database', 0, ''],
      ['backup', 0, ''],
    ]);
    expect(callsOf(run.calls, 'pg_isready')).toHaveLength(2);
    const [dump] = callsOf(run.calls, 'pg_dump');
    expect(dump.argv).toEqual(['--no-password', '--exclude-table=audit']);
    expect(dump.env).toMatchObject({
      PGHOST: 'orders-db',
      PGPORT: '5432',
      PGDATABASE: 'orders',
      PGUSER: 'backup-user',
      PGPASSWORD: PASSWORD,
    });
    const files = readdirSync(box.backup).sort();
    const written = files.filter((f) => FILE_NAME.test(f) && f !== 'orders-20200101T030000Z.sql.gz');
    expect(written).toHaveLength(1);
    expect(gunzipSync(readFileSync(join(box.backup, written[0]))).toString()).toBe(
      'CREATE TABLE orders (id integer);\n',
    );
    expect(existsSync(old)).toBe(false);
    expect(existsSync(otherPrefix)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(files.some((f) => f.endsWith('.partial'))).toBe(false);
  });

  test('mysql to S3: dump in an init container, upload with every option, prune only expired keys of its own shape', () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database('mysql', {}, secret),
      destination: BackupDestination.s3({
        ...S3_FULL,
        accessKeyId: { secret: secret('s3'), key: 'id' },
        secretAccessKey: { secret: secret('s3'), key: 'secret' },
      }),
      retentionDays: 30,
    }));
    const listing = join(box.root, 'listing.txt');
    writeFileSync(
      listing,
      [
        '2020-01-01T03:00:00+00:00\tpg/orders/orders-20200101T030000Z.sql.gz',
        '2020-01-01T03:00:00+00:00\tpg/orders/orders-staging-20200101T030000Z.sql.gz',
        '2020-01-01T03:00:00+00:00\tpg/orders/orders-notes.txt',
        '2999-01-01T03:00:00+00:00\tpg/orders/orders-29990101T030000Z.sql.gz',
        'None',
        '',
      ].join('\n'),
    );

    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      recordEnv: RECORD_ENV,
      sandbox: box.root,
      env: { STUB_S3_LISTING: listing, BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });

    expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
      ['wait-for-database', 0, ''],
      ['dump', 0, ''],
      ['upload', 0, ''],
    ]);
    expect(callsOf(run.calls, 'mysqladmin')[0].argv).toEqual([
      '--host=orders-db',
      '--port=3306',
      '--user=backup',
      '--connect-timeout=5',
      '--silent',
      'ping',
    ]);
    expect(callsOf(run.calls, 'mysqladmin')[0].env.MYSQL_PWD).toBeUndefined();
    const [dump] = callsOf(run.calls, 'mysqldump');
    expect(dump.argv).toEqual([
      '--host=orders-db',
      '--port=3306',
      '--user=backup',
      '--single-transaction',
      '--routines',
      '--events',
      '--',
      'orders',
    ]);
    expect(dump.env.MYSQL_PWD).toBe(PASSWORD);

    const aws = callsOf(run.calls, 'aws');
    const name = readFileSync(join(box.tmp, 'backup-name'), 'utf8').trim();
    expect(name).toMatch(FILE_NAME);
    expect(gunzipSync(readFileSync(join(box.tmp, name))).toString()).toBe('CREATE TABLE orders (id integer);\n');
    const endpoint = ['--endpoint-url', 'https://minio.storage.svc:9000'];
    expect(aws.map((c) => c.argv)).toEqual([
      [
        ...endpoint,
        's3',
        'cp',
        join(box.tmp, name),
        `s3://backups/pg/orders/${name}`,
        '--only-show-errors',
        '--storage-class',
        'STANDARD_IA',
        '--sse',
        'aws:kms',
        '--sse-kms-key-id',
        'alias/backups',
      ],
      [
        ...endpoint,
        's3api',
        'list-objects-v2',
        '--bucket',
        'backups',
        '--prefix',
        'pg/orders/orders-',
        '--query',
        'Contents[].[LastModified,Key]',
        '--output',
        'text',
      ],
      [
        ...endpoint,
        's3api',
        'delete-object',
        '--bucket',
        'backups',
        '--key',
        'pg/orders/orders-20200101T030000Z.sql.gz',
      ],
    ]);
    expect(aws[0].env).toMatchObject({
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_REGION: 'eu-central-1',
    });
  });

  test('a failing dump fails the pod with its exit code and leaves no file behind; nothing is uploaded', () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database('mariadb', {}, secret),
      destination: BackupDestination.s3({ bucket: 'b' }),
      retentionDays: 1,
    }));
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      sandbox: box.root,
      env: { STUB_DUMP_EXIT: '3', BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });
    expect(run.containers.map((c) => [c.name, c.status])).toEqual([
      ['wait-for-database', 0],
      ['dump', 3],
    ]);
    expect(run.containers[1].stderr).toContain('backup: the dump failed with exit code 3');
    expect(callsOf(run.calls, 'mariadb-dump')).toHaveLength(1);
    expect(callsOf(run.calls, 'aws')).toHaveLength(0);
    expect(readdirSync(box.tmp).filter((f) => f.includes('orders'))).toEqual([]);
  });

  test('a failing upload fails the pod before retention deletes anything', () => {
    const box = sandbox();
    const pod = backupPod(() => ({
      source: BackupSource.command({ image: 'redis:7.4.1', command: ['make-dump'] }),
      destination: BackupDestination.s3({ bucket: 'b' }),
      retentionDays: 1,
    }));
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      sandbox: box.root,
      env: { STUB_AWS_CP_EXIT: '1' },
    });
    expect(run.containers.map((c) => [c.name, c.status])).toEqual([
      ['dump', 0],
      ['upload', 1],
    ]);
    expect(callsOf(run.calls, 'aws').map((c) => c.argv[1])).toEqual(['cp']);
  });

  test('the wait gives up after BACKUP_WAIT_ATTEMPTS probes, and nothing is dumped', () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database('postgres', {}, secret),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
    }));
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      sandbox: box.root,
      env: { STUB_PROBE_FAILURES: '99', BACKUP_WAIT_ATTEMPTS: '3', BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });
    expect(run.containers.map((c) => [c.name, c.status])).toEqual([['wait-for-database', 1]]);
    expect(run.containers[0].stderr).toContain('the database did not answer after 3 attempts');
    expect(callsOf(run.calls, 'pg_isready')).toHaveLength(3);
    expect(callsOf(run.calls, 'pg_dump')).toHaveLength(0);
  });

  test('a retention value that is not a number stops the script before any arithmetic', () => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database('postgres', {}, secret),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
      retentionDays: 7,
      waitForDatabase: false,
    }));
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: SECRETS,
      sandbox: box.root,
      env: { BACKUP_RETENTION_DAYS: 'a[$(touch pwned)]' },
    });
    expect(run.containers[0].status).toBe(2);
    expect(run.containers[0].stderr).toContain('BACKUP_RETENTION_DAYS must be a whole number');
    expect(existsSync(join(box.root, 'pwned'))).toBe(false);
  });
});

/**
 * Names that a shell would run, split or expand if they were ever interpolated into the script.
 * Each writes a file called `pwned` in the working directory if it runs.
 */
const HOSTILE = [
  '$(touch pwned)',
  '`touch pwned`',
  'x; touch pwned',
  'x && touch pwned',
  'x | touch pwned',
  "x' ; touch pwned ; '",
  'x" ; touch pwned ; "',
  'x\ntouch pwned',
  '${IFS}touch${IFS}pwned',
  '*',
  '-rf',
  '--help',
  ' two  words ',
  'back\\slash\\n\\c',
];
const noControl = (value: string) => [...value].every((c) => c.charCodeAt(0) > 0x1f);

describe.each(SHELLS.map((s) => [s.join(' '), s]))('hostile names are inert data with %s', (_name, shell) => {
  test.each(HOSTILE.map((h) => [JSON.stringify(h), h]))('postgres to a volume, every value %s', (_label, hostile) => {
    const box = sandbox();
    const pod = backupPod((_, secret) => ({
      source: database(
        'postgres',
        { host: hostile, database: hostile, user: hostile, extraArgs: [hostile, `--table=${hostile}`] },
        secret,
      ),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
      retentionDays: 7,
    }));
    const run = runPod(pod, {
      shell,
      stubs: DUMP_STUBS,
      paths: box.paths,
      secrets: { ...SECRETS, 'db/password': hostile },
      recordEnv: RECORD_ENV,
      sandbox: box.root,
      env: { BACKUP_WAIT_INTERVAL_SECONDS: '0' },
    });

    expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
      ['wait-for-database', 0, ''],
      ['backup', 0, ''],
    ]);
    expect(run.calls.map((c) => c.program)).toEqual(['pg_isready', 'pg_dump']);
    const [dump] = callsOf(run.calls, 'pg_dump');
    expect(dump.argv).toEqual(['--no-password', hostile, `--table=${hostile}`]);
    expect(dump.env).toMatchObject({ PGHOST: hostile, PGDATABASE: hostile, PGUSER: hostile, PGPASSWORD: hostile });
    expect(existsSync(join(box.root, 'pwned'))).toBe(false);
    expect(readdirSync(box.backup).filter((f) => FILE_NAME.test(f))).toHaveLength(1);
  });

  test.each(HOSTILE.filter(noControl).map((h) => [JSON.stringify(h), h]))(
    'mysql to S3, every value %s',
    (_label, hostile) => {
      const box = sandbox();
      const pod = backupPod((_, secret) => ({
        // As one option's value: "-rf" alone is refused at synth (backup-dump-args-unsafe: -r names a result file).
        source: database(
          'mysql',
          { host: hostile, database: hostile, user: hostile, extraArgs: [`--where=${hostile}`] },
          secret,
        ),
        destination: BackupDestination.s3({
          bucket: hostile,
          prefix: hostile,
          region: hostile,
          storageClass: S3StorageClass.GLACIER,
          encryption: S3Encryption.KMS,
          kmsKeyId: hostile,
        }),
        retentionDays: 7,
      }));
      const listing = join(box.root, 'listing.txt');
      const expired = `${hostile}orders-20200101T030000Z.sql.gz`;
      writeFileSync(listing, `2020-01-01T03:00:00+00:00\t${expired}\n`);
      const run = runPod(pod, {
        shell,
        stubs: DUMP_STUBS,
        paths: box.paths,
        secrets: SECRETS,
        recordEnv: RECORD_ENV,
        sandbox: box.root,
        env: { STUB_S3_LISTING: listing, BACKUP_WAIT_INTERVAL_SECONDS: '0' },
      });

      expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
        ['wait-for-database', 0, ''],
        ['dump', 0, ''],
        ['upload', 0, ''],
      ]);
      expect(run.calls.map((c) => c.program)).toEqual(['mysqladmin', 'mysqldump', 'aws', 'aws', 'aws']);
      expect(callsOf(run.calls, 'mysqldump')[0].argv).toEqual([
        `--host=${hostile}`,
        '--port=3306',
        `--user=${hostile}`,
        '--single-transaction',
        '--routines',
        '--events',
        `--where=${hostile}`,
        '--',
        hostile,
      ]);
      const [copy, list, remove] = callsOf(run.calls, 'aws');
      const name = readFileSync(join(box.tmp, 'backup-name'), 'utf8').trim();
      expect(copy.argv).toEqual([
        's3',
        'cp',
        join(box.tmp, name),
        `s3://${hostile}/${hostile}${name}`,
        '--only-show-errors',
        '--storage-class',
        'GLACIER',
        '--sse',
        'aws:kms',
        '--sse-kms-key-id',
        hostile,
      ]);
      expect(copy.env.AWS_REGION).toBe(hostile);
      expect(list.argv.slice(2, 6)).toEqual(['--bucket', hostile, '--prefix', `${hostile}orders-`]);
      expect(remove.argv).toEqual(['s3api', 'delete-object', '--bucket', hostile, '--key', expired]);
      expect(existsSync(join(box.root, 'pwned'))).toBe(false);
    },
  );

  test.each(HOSTILE.map((h) => [JSON.stringify(h), h]))('a command source, every argument %s', (_label, hostile) => {
    const box = sandbox();
    const pod = backupPod(() => ({
      source: BackupSource.command({ image: 'redis:7.4.1', command: ['make-dump', hostile, '--', hostile] }),
      destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }),
    }));
    const run = runPod(pod, { shell, stubs: DUMP_STUBS, paths: box.paths, sandbox: box.root });
    expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([['backup', 0, '']]);
    expect(run.calls).toEqual([{ program: 'make-dump', argv: [hostile, '--', hostile], env: {} }]);
    expect(existsSync(join(box.root, 'pwned'))).toBe(false);
  });
});

describe('the scripts hold no prop value', () => {
  test('values reach the pod only as environment variables and arguments, never as script text', () => {
    const marker = 'zz-unique-marker';
    const pod = backupPod((_, secret) => ({
      source: database(
        'postgres',
        { host: `${marker}-host`, database: `${marker}-db`, user: `${marker}-user`, extraArgs: [`${marker}-arg`] },
        secret,
      ),
      destination: BackupDestination.s3({
        ...S3_FULL,
        bucket: `${marker}-bucket`,
        prefix: `${marker}-prefix/`,
        kmsKeyId: `${marker}-key`,
      }),
      filePrefix: `${marker}-file`,
      retentionDays: 3,
    }));
    const scripts = [...scriptsOf(pod).values()];
    expect(scripts).toHaveLength(3);
    for (const script of scripts) expect(script).not.toContain(marker);
    expect(JSON.stringify(pod)).toContain(`${marker}-bucket`);
  });
});
