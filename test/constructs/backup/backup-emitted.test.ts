/**
 * BackupCronJob's promises checked on the CronJob it emits: its own containers and scripts only,
 * dump arguments that keep the dump on standard output and carry no password, and no credential in
 * plain text on its pod, whether set through props, after construction or by a JSON patch.
 */
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { EnvValue, ISecret, Secret } from 'cdk8s-plus-28';
import { BackupCronJob, BackupCronJobProps, BackupDestination, BackupSource, DatabaseSourceProps } from '../../../src';
import { unsafeDumpArgument } from '../../../src/constructs/backup/backup-emitted-rules';
import { quietApp, thrownMessage } from '../helpers';

const POD = 'spec.jobTemplate.spec.template.spec';

function build(
  source: (secret: ISecret) => BackupSource = (secret) => BackupSource.postgres(database(secret)),
  props: Partial<BackupCronJobProps> = {},
) {
  const chart = new Chart(quietApp(), 'test');
  const secret = Secret.fromSecretName(chart, 'db-secret', 'orders-db-app');
  const backup = new BackupCronJob(chart, 'orders', {
    schedule: '0 3 * * *',
    source: source(secret),
    destination: BackupDestination.s3({ bucket: 'backups', prefix: 'pg/' }),
    ...props,
  });
  return { chart, backup };
}

function database(secret: ISecret, extra: Partial<DatabaseSourceProps> = {}): DatabaseSourceProps {
  return {
    host: 'orders-db',
    database: 'orders',
    user: 'backup',
    passwordSecret: { secret, key: 'password' },
    ...extra,
  };
}

const errorsOf = (chart: Chart) => thrownMessage(() => Testing.synth(chart)) ?? '';

describe('the four bypasses of issue 13 fail synth with a rule id, a field path and a fix', () => {
  test('a literal PGPASSWORD added to the backup container after construction', () => {
    const { chart, backup } = build();
    backup.containers[0].env.addVariable('PGPASSWORD', EnvValue.fromValue('hunter2'));
    const message = errorsOf(chart);
    expect(message).toMatch(
      new RegExp(
        `\\[test/orders\\] ${POD.replace(/\./g, '\\.')}\\.containers\\[0\\]\\.env\\[\\d+\\]\\.value: Container "upload" sets PGPASSWORD, which is named like a credential.* \\[container-env-secret-literal\\] Fix: `,
      ),
    );
    expect(message).not.toContain('hunter2');
  });

  test('a connection string with a password in extraArgs', () => {
    const { chart } = build((secret) =>
      BackupSource.postgres(database(secret, { extraArgs: ['--dbname=postgresql://admin:hunter2@h/d'] })),
    );
    const message = errorsOf(chart);
    expect(message).toMatch(
      /\[test\/orders\] spec\.jobTemplate\.spec\.template\.spec\.initContainers\[1\]\.args\[0\]: .*a URL with a password.* \[container-args-secret-literal\] Fix: /,
    );
    expect(message).not.toContain('hunter2');
  });

  test('extraArgs that send the dump to a file', () => {
    const { chart } = build((secret) => BackupSource.postgres(database(secret, { extraArgs: ['--file=/tmp/x.sql'] })));
    expect(errorsOf(chart)).toMatch(
      /\[test\/orders\] spec\.jobTemplate\.spec\.template\.spec\.initContainers\[1\]\.args\[0\]: --file writes the dump to a file instead of standard output.* \[backup-dump-args-unsafe\] Fix: remove it/,
    );
  });

  test('a container added after construction', () => {
    const { chart, backup } = build();
    backup.addContainer({ name: 'sidecar', image: 'busybox:1.36', command: ['sleep', 'infinity'] });
    expect(errorsOf(chart)).toMatch(
      /\[test\/orders\] spec\.jobTemplate\.spec\.template\.spec\.containers\[1\]: container "sidecar" was not made by the BackupCronJob.* \[backup-containers-changed\] Fix: /,
    );
  });

  test('a JSON patch that makes it a Pod', () => {
    const { chart, backup } = build();
    ApiObject.of(backup).addJsonPatch(JsonPatch.replace('/kind', 'Pod'));
    expect(errorsOf(chart)).toMatch(/\[test\/orders\] kind: .*"Pod".*"CronJob".* \[construct-kind-changed\] Fix: /);
  });
});

describe('patches of the emitted pod are judged too', () => {
  test("a patch that adds --file to the dump's arguments, or changes the upload's script", () => {
    const { chart, backup } = build();
    ApiObject.of(backup).addJsonPatch(
      JsonPatch.add(`/spec/jobTemplate/spec/template/spec/initContainers/1/args`, ['-f', '/tmp/elsewhere.sql']),
      JsonPatch.replace(`/spec/jobTemplate/spec/template/spec/containers/0/command`, ['sleep', '5']),
    );
    const message = errorsOf(chart);
    expect(message).toMatch(
      /initContainers\[1\]\.args\[0\]: -f writes the dump to a file.*\[backup-dump-args-unsafe\]/,
    );
    expect(message).toMatch(
      /containers\[0\]\.command: the command of the backup's container "upload" was changed.*\[backup-containers-changed\]/,
    );
  });

  test('a patch that removes the upload container', () => {
    const { chart, backup } = build();
    ApiObject.of(backup).addJsonPatch(
      JsonPatch.replace(`/spec/jobTemplate/spec/template/spec/containers`, [{ name: 'x', image: 'busybox:1.36' }]),
    );
    const message = errorsOf(chart);
    expect(message).toMatch(
      /spec\.jobTemplate\.spec\.template\.spec\.containers: the backup's container "upload" is missing.*\[backup-containers-changed\]/,
    );
  });
});

describe('unsafeDumpArgument', () => {
  test.each([
    ['pg_dump', ['--file=/tmp/x.sql'], 0, '--file writes'],
    ['pg_dump', ['--file', '/tmp/x.sql'], 0, '--file writes'],
    ['pg_dump', ['-f', '/tmp/x.sql'], 0, '-f writes'],
    ['pg_dump', ['-f/tmp/x.sql'], 0, '-f writes'],
    ['mysqldump', ['--result-file=/tmp/x.sql'], 0, '--result-file writes'],
    ['mysqldump', ['-r', '/tmp/x.sql'], 0, '-r writes'],
    ['mariadb-dump', ['--tab=/tmp'], 0, '--tab writes'],
    ['mysqldump', ['-phunter2'], 0, 'puts the password on the command line'],
    ['pg_dump', ['>', '/tmp/x.sql'], 0, 'a redirection in extraArgs'],
  ])('%s %j [%i]', (tool, args, i, expected) => {
    expect(unsafeDumpArgument(tool, args, i, true)).toContain(expected);
  });

  test.each([
    ['pg_dump', ['--exclude-table=audit_log'], 0],
    ['pg_dump', ['-T', 'audit_log'], 0],
    ['pg_dump', ['-Fc'], 0],
    ['pg_dump', ['--format=custom'], 0],
    ['mysqldump', ['--routines'], 0],
    ['mysqldump', ['-P', '3307'], 0],
    ['mysqldump', ['--ignore-table=orders.audit_log'], 0],
  ])('%s %j [%i] is fine', (tool, args, i) => {
    expect(unsafeDumpArgument(tool, args, i, true)).toBeUndefined();
  });

  test("a command source's shell script that redirects standard output, but not stderr", () => {
    const args = (script: string) => ['/bin/sh', '-c', script];
    expect(unsafeDumpArgument('sh', args('redis-cli --rdb - > /tmp/dump.rdb'), 2, false)).toContain(
      'redirects its standard output',
    );
    expect(unsafeDumpArgument('sh', args('redis-cli --rdb - 2>/dev/null'), 2, false)).toBeUndefined();
    expect(unsafeDumpArgument('sh', args('echo starting >&2; redis-cli --rdb -'), 2, false)).toBeUndefined();
    expect(unsafeDumpArgument('pg_dump', ['pg_dump', '--file=/tmp/x'], 1, false)).toContain('--file writes');
  });
});

describe('the good side', () => {
  test('defaults, harmless extraArgs and a password file synthesize without errors', () => {
    for (const passwordAsFile of [false, true]) {
      const { chart } = build((secret) =>
        BackupSource.postgres(database(secret, { passwordAsFile, extraArgs: ['--exclude-table=audit_log', '-Fp'] })),
      );
      expect(errorsOf(chart)).toBe('');
    }
  });

  test('MySQL with a password file, to a volume, and a command source with credentials from a Secret', () => {
    const mysql = build(
      (secret) =>
        BackupSource.mysql(database(secret, { passwordAsFile: true, extraArgs: ['--ignore-table=orders.audit'] })),
      { destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' }) },
    );
    expect(errorsOf(mysql.chart)).toBe('');
    const command = build((secret) =>
      BackupSource.command({
        image: 'redis:7.4.1',
        command: ['redis-cli', '--rdb', '-'],
        envVariables: { REDISCLI_AUTH: EnvValue.fromSecretValue({ secret, key: 'password' }) },
      }),
    );
    expect(errorsOf(command.chart)).toBe('');
  });

  test('an init container of the user, and later changes that keep the promises, pass', () => {
    const { chart, backup } = build();
    backup.addInitContainer({ name: 'notify', image: 'busybox:1.36', command: ['true'] });
    backup.containers[0].env.addVariable('PGPASSWORD_FILE', EnvValue.fromValue('/var/run/secrets/db/password'));
    expect(errorsOf(chart)).toBe('');
  });
});
