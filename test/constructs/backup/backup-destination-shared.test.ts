/**
 * Finding 1 of issue 15: two backups writing to one store under one name prefix. BackupCronJob
 * reports it at synth over the whole app, and `cdk8s-batch lint` over every CronJob of every file
 * (the same check, rules/backup-target.ts); the default prefix keeps it from happening by accident.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { BackupCronJob, BackupDestination, BackupSource } from '../../../src';
import { runCli } from '../../../src/cli/main';
import { backupTargetOf, sharedBackupTargets } from '../../../src/rules/backup-target';
import { fakeIo } from '../../support/fake-io';
import { quietApp, thrownMessage } from '../helpers';

type Destination = ReturnType<typeof BackupDestination.s3>;

function teamBackup(
  app: App,
  team: string,
  destination: Destination,
  extra: { filePrefix?: string; namespace?: string } = {},
) {
  const chart = new Chart(app, team, { namespace: extra.namespace });
  const secret = Secret.fromSecretName(chart, 'secret', 'db');
  return new BackupCronJob(chart, 'db', {
    schedule: '0 3 * * *',
    source: BackupSource.postgres({ host: 'h', database: team, user: 'u', passwordSecret: { secret, key: 'p' } }),
    destination,
    filePrefix: extra.filePrefix,
    retentionDays: team === 'billing' ? 1 : 30,
  });
}

const bucket = (prefix = 'pg/') => BackupDestination.s3({ bucket: 'shared', prefix });
const claim = (subPath?: string) => BackupDestination.persistentVolumeClaim({ claimName: 'backups', subPath });

describe('at synth: backup-destination-shared', () => {
  test.each<[string, Destination, Destination, { filePrefix?: string }]>([
    ['one bucket prefix, one file prefix', bucket(), bucket(), { filePrefix: 'db' }],
    ['one volume directory, one file prefix', claim('x'), claim('x/'), { filePrefix: 'db' }],
    ['key prefix and file prefix that add up to the same names', bucket('pg/'), bucket('pg/or'), {}],
  ])('bad: %s', (_name, first, second, extra) => {
    const app = quietApp();
    teamBackup(app, 'orders', first, extra);
    teamBackup(app, 'billing', second, extra.filePrefix ? extra : { filePrefix: 'ders_db' });
    const message = thrownMessage(() => app.synth()) ?? '';
    expect(message).toMatch(
      /\[orders\/db\] filePrefix: writes ".*" files to the same .* as billing\/db: .*\[backup-destination-shared\] Fix: /,
    );
    expect(message).toMatch(/\[billing\/db\] filePrefix: .* as orders\/db: .*\[backup-destination-shared\]/);
  });

  test.each<[string, Destination, Destination, { filePrefix?: string; namespace?: string }]>([
    ['the default prefixes (the issue: both constructs are "db")', bucket(), bucket(), {}],
    ['one file prefix, different bucket prefixes', bucket('a/'), bucket('b/'), { filePrefix: 'db' }],
    ['one file prefix, different sub paths', claim('orders'), claim('billing'), { filePrefix: 'db' }],
    ['"db" and "db-staging": retention matches the timestamp right after the prefix', bucket(), bucket(), {}],
  ])('good: %s', (name, first, second, extra) => {
    const app = quietApp();
    teamBackup(app, 'orders', first, extra);
    teamBackup(app, 'billing', second, name.includes('staging') ? { filePrefix: 'db-staging' } : extra);
    expect(thrownMessage(() => app.synth())).toBeUndefined();
  });

  test('good: one claim name in two namespaces is two volumes', () => {
    const app = quietApp();
    teamBackup(app, 'orders', claim(), { filePrefix: 'db', namespace: 'orders' });
    teamBackup(app, 'billing', claim(), { filePrefix: 'db', namespace: 'billing' });
    expect(thrownMessage(() => app.synth())).toBeUndefined();
  });
});

describe('the check on manifests', () => {
  test('reads the store and name prefix of both destinations, and the field of the file prefix', () => {
    const app = quietApp();
    teamBackup(app, 'orders', bucket(), { namespace: 'shop' });
    teamBackup(app, 'billing', claim('x'), { namespace: 'shop' });
    const [orders, billing] = ['orders', 'billing'].map((id) =>
      backupTargetOf(Testing.synth(app.node.findChild(id) as Chart).find((o) => o.kind === 'CronJob')),
    );
    expect(orders).toEqual({
      store: 's3 aws shared',
      namePrefix: 'pg/shop_orders_db-',
      field: expect.stringMatching(/^spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.value$/),
    });
    expect(billing).toMatchObject({ store: 'pvc shop/backups/x', namePrefix: 'shop_billing_db-' });
    expect(sharedBackupTargets([orders, billing, orders, undefined])).toEqual([[2], [], [0], []]);
  });
});

describe('lint across files: backup-destination-shared', () => {
  /** Two files, one per team, each synthesized by its own app (so synth could not see the other). */
  function writeTeams(filePrefix: string | undefined): string {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-shared-'));
    for (const team of ['orders', 'billing']) {
      const app = quietApp();
      teamBackup(app, team, bucket(), { filePrefix });
      writeFileSync(join(dir, `${team}.yaml`), Yaml.stringify(...Testing.synth(app.node.findChild(team) as Chart)));
    }
    return dir;
  }

  async function lintJson(dir: string) {
    const io = fakeIo();
    const code = await runCli(['lint', dir, '--format', 'json'], io);
    return { code, json: JSON.parse(io.stdout()) };
  }

  test('bad: one file prefix in two files is an error on each, at the file prefix', async () => {
    const { code, json } = await lintJson(writeTeams('db'));
    const shared = json.findings.filter((f: any) => f.rule === 'backup-destination-shared');
    expect(code).toBe(1);
    expect(shared.map((f: any) => [f.file.replace(/.*\//, ''), f.severity])).toEqual([
      ['billing.yaml', 'error'],
      ['orders.yaml', 'error'],
    ]);
    expect(shared[0].field).toMatch(/^spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.value$/);
    expect(shared[0].message).toMatch(/as CronJob .* \(.*orders\.yaml, document \d\)/);
  });

  test('good: the default prefixes', async () => {
    const { code, json } = await lintJson(writeTeams(undefined));
    expect(json.findings.filter((f: any) => f.rule === 'backup-destination-shared')).toEqual([]);
    expect(code).toBe(0);
  });
});
