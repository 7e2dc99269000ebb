/**
 * The BackupCronJob, MigrationJob and CleanupCronJob examples of the examples app: their YAML
 * (snapshots), lint-clean Jobs and CronJobs, the RBAC they carry, no Secret value anywhere in the
 * output, and the backup example's pod actually run against stub programs.
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildExamplesApp } from '../../examples/app';
import { validateBatchObject } from '../../src/rules/registry';
import { podSpecOf, runPod } from '../constructs/backup/pod-runner';

const CHARTS = ['backup', 'backup-restore', 'migration', 'cleanup'];

function chartOf(app: App, id: string): Chart {
  return app.node.findChild(id) as Chart;
}

const app = buildExamplesApp();
const objects = Object.fromEntries(CHARTS.map((id) => [id, Testing.synth(chartOf(app, id))]));

describe.each(CHARTS)('example %s', (id) => {
  test('its YAML', () => {
    expect(Yaml.stringify(...objects[id])).toMatchSnapshot();
  });

  test('every Job and CronJob passes every rule (PSS restricted included), with no warning', () => {
    const batch = objects[id].filter((o) => o.apiVersion === 'batch/v1');
    expect(batch).toHaveLength(1);
    for (const object of batch) expect(validateBatchObject(object, { now: Date.UTC(2026, 0, 1) })).toEqual([]);
  });
});

test('the examples hold what they show', () => {
  const kinds = (id: string) => objects[id].map((o) => o.kind).sort();
  expect(kinds('backup')).toEqual(['CronJob', 'ServiceAccount']);
  expect(kinds('backup-restore')).toEqual(['Job', 'ServiceAccount']);
  expect(kinds('migration')).toEqual(['Job', 'ServiceAccount']);
  expect(kinds('cleanup')).toEqual(['CronJob', 'Role', 'RoleBinding', 'ServiceAccount']);
  const account = objects.backup.find((o) => o.kind === 'ServiceAccount');
  expect(account.metadata.annotations).toEqual({
    'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-db-backup',
  });
  expect(objects.cleanup.find((o) => o.kind === 'Role').rules).toEqual([
    { apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'delete'] },
  ]);
});

const SECRET_VALUES = {
  username: 'orders-TEST-SECRET-USER',
  password: 'TEST-SECRET-PASSWORD-7c21f0',
  uri: 'postgres://orders:TEST-SECRET-URI-PASSWORD@orders-db-rw/orders',
};

test('no Secret value reaches the YAML: the database Secret fed with test values appears only in its own chart', () => {
  const withSecret = buildExamplesApp();
  const secrets = new Chart(withSecret, 'secrets');
  new kplus.Secret(secrets, 'orders-db-app', { metadata: { name: 'orders-db-app' }, stringData: SECRET_VALUES });
  const secretYaml = Yaml.stringify(...Testing.synth(secrets));
  const ours = CHARTS.map((id) => Yaml.stringify(...Testing.synth(chartOf(withSecret, id)))).join('\n');
  for (const value of Object.values(SECRET_VALUES)) {
    expect(secretYaml).toContain(value);
    expect(ours).not.toContain(value);
  }
  expect(ours).toContain('secretKeyRef');
});

test("the backup example runs: waits, dumps with the Secret's credentials, uploads and prunes under sh", () => {
  const sandbox = mkdtempSync(join(tmpdir(), 'cdk8s-batch-example-'));
  mkdirSync(join(sandbox, 'tmp'));
  const cron = objects.backup.find((o) => o.kind === 'CronJob');
  const run = runPod(podSpecOf(cron), {
    shell: ['sh'],
    stubs: { pg_isready: 'probe', pg_dump: 'dump', aws: 'aws' },
    paths: { '/tmp': join(sandbox, 'tmp') },
    secrets: { 'orders-db-app/username': SECRET_VALUES.username, 'orders-db-app/password': SECRET_VALUES.password },
    recordEnv: ['PGUSER', 'PGPASSWORD'],
    sandbox,
  });
  expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([
    ['wait-for-database', 0, ''],
    ['dump', 0, ''],
    ['upload', 0, ''],
  ]);
  expect(run.calls.map((c) => [c.program, c.argv.slice(0, 2)])).toEqual([
    ['pg_isready', ['--quiet', '--timeout=5']],
    ['pg_dump', ['--no-password']],
    ['aws', ['s3', 'cp']],
    ['aws', ['s3api', 'list-objects-v2']],
  ]);
  expect(run.calls[1].env).toEqual({ PGUSER: SECRET_VALUES.username, PGPASSWORD: SECRET_VALUES.password });
  const [file] = readdirSync(join(sandbox, 'tmp')).filter((f) => f.endsWith('.sql.gz'));
  expect(run.calls[2].argv).toEqual([
    's3',
    'cp',
    join(sandbox, 'tmp', file),
    `s3://acme-db-backups/orders/${file}`,
    '--only-show-errors',
    '--storage-class',
    'STANDARD_IA',
    '--sse',
    'aws:kms',
    '--sse-kms-key-id',
    'alias/db-backups',
  ]);
});
