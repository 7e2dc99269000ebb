/**
 * BackupCronJob and BackupRestoreJob on real parts: the synthesized scripts run unchanged under
 * dash, bash and busybox sh, with the real pg_dump/psql and mariadb-dump/mariadb against real
 * servers, the real AWS CLI v2 against an S3-compatible server (s3rver on 127.0.0.1, addressed as
 * `localhost` with path-style addressing, which virtual-hosted style could not reach), and their
 * volumes bind-mounted at their real paths (real-pod.ts). What is proven:
 * - round trip: a database of 300 000 rows with functions and triggers (MariaDB: and routines and
 *   events) is backed up, restored with the restore Job's script into a fresh database, and
 *   compared by row count and checksum, for both engines, to a volume and to S3, under each shell;
 * - a dump killed midway (SIGKILL, and SIGTERM to PID 1 followed by the grace period's SIGKILL)
 *   leaves no complete-looking file or object, and the next successful run removes the leftover;
 * - backup files are private (0600);
 * - two teams' backups with one construct id in one PVC directory and one bucket prefix, with
 *   different retention: neither ever deletes the other's files, across a month of simulated days
 *   on the volume and several on the bucket.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import {
  BackupCronJob,
  BackupCronJobProps,
  BackupDestination,
  BackupRestoreJob,
  BackupSource,
  DatabaseSourceProps,
} from '../../src';
import { PASSWORD_MOUNT_PATH } from '../../src/constructs/backup/backup-source';
import { quietApp } from '../constructs/helpers';
import { podSpecOf } from '../constructs/backup/pod-runner';
import { IN_CI, PARTS, SHELLS, SYSTEM_PATH, testWith } from './parts';
import { containersOf, runContainer, runPodContainers, startContainer } from './real-pod';

jest.setTimeout(120_000);

const SUITE_START = Date.now();
afterAll(() =>
  process.stderr.write(`real-parts: backup suite took ${((Date.now() - SUITE_START) / 1000).toFixed(1)} s\n`),
);

/** A password that breaks every naive quoting: the pgpass and option-file escapes must hold. */
const PASSWORD = `pa:ss\\wo"rd #1 'x' $HOME`;
const SECRETS = { 'db/password': PASSWORD, 's3/id': 'S3RVER', 's3/secret': 'S3RVER' };
const ROWS = 300_000;
/** The test's user and databases, named so that no database of a developer's own server is touched. */
const USER = 'cdk8s_batch_test';
const SOURCE = `${USER}_orders`;
const SMALL = `${USER}_small`;
const BUCKET = 'backups';

/** Test directories live outside /tmp, since /tmp itself is mounted over. */
const ROOT = mkdtempSync('/var/tmp/cdk8s-batch-real-');
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

type Engine = 'postgres' | 'mariadb';
const ENGINE_PARTS = { postgres: PARTS.postgres, mariadb: PARTS.mariadb };
const PORTS = { postgres: 5432, mariadb: 3306 };

function sql(engine: Engine, database: string | undefined, text: string): string {
  return engine === 'postgres'
    ? execFileSync('su', ['postgres', '-c', `psql -qtA -v ON_ERROR_STOP=1 ${database ?? ''}`], {
        input: text,
        encoding: 'utf8',
        env: { ...process.env, PATH: SYSTEM_PATH },
      }).trim()
    : execFileSync('mariadb', ['--batch', '--skip-column-names', ...(database ? [database] : [])], {
        input: text,
        encoding: 'utf8',
        env: { ...process.env, PATH: SYSTEM_PATH },
      }).trim();
}

const sqlString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function createDatabase(engine: Engine, name: string): void {
  if (engine === 'postgres') {
    sql(engine, undefined, `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name} OWNER ${USER};`);
  } else {
    sql(engine, undefined, `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name};`);
  }
}

/** The test user (password above) and a source database of `rows` rows with functions, triggers, routines, events. */
function seed(engine: Engine, name: string, rows: number): void {
  if (engine === 'postgres') {
    // Standard strings: only the quote is doubled.
    sql(
      engine,
      undefined,
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${USER}') THEN CREATE ROLE ${USER} LOGIN SUPERUSER; END IF; END $$;
       ALTER ROLE ${USER} PASSWORD '${PASSWORD.replace(/'/g, "''")}';`,
    );
    createDatabase(engine, name);
    sql(
      engine,
      name,
      `SET ROLE ${USER};
       CREATE TABLE big (id integer PRIMARY KEY, v text NOT NULL, touched integer NOT NULL DEFAULT 0);
       CREATE TABLE audit (id integer, at text);
       CREATE FUNCTION double_it(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
       CREATE FUNCTION log_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (NEW.id, 'touched'); RETURN NEW; END $$;
       CREATE TRIGGER big_touched AFTER UPDATE ON big FOR EACH ROW EXECUTE FUNCTION log_touch();
       INSERT INTO big (id, v) SELECT g, md5(g::text) FROM generate_series(1, ${rows}) g;
       UPDATE big SET touched = 1 WHERE id <= 10;`,
    );
  } else {
    sql(
      engine,
      undefined,
      `CREATE USER IF NOT EXISTS '${USER}'@'127.0.0.1'; CREATE USER IF NOT EXISTS '${USER}'@'localhost';
       ALTER USER '${USER}'@'127.0.0.1' IDENTIFIED BY ${sqlString(PASSWORD)};
       ALTER USER '${USER}'@'localhost' IDENTIFIED BY ${sqlString(PASSWORD)};
       GRANT ALL ON *.* TO '${USER}'@'127.0.0.1' WITH GRANT OPTION; GRANT ALL ON *.* TO '${USER}'@'localhost' WITH GRANT OPTION;`,
    );
    createDatabase(engine, name);
    sql(
      engine,
      name,
      `CREATE TABLE big (id INT PRIMARY KEY, v CHAR(32) NOT NULL, touched INT NOT NULL DEFAULT 0) ENGINE=InnoDB;
       CREATE TABLE audit (id INT, at VARCHAR(20)) ENGINE=InnoDB;
       CREATE FUNCTION double_it(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
       DELIMITER //
       CREATE PROCEDURE touch_first(n INT) BEGIN UPDATE big SET touched = 1 WHERE id <= n; END //
       DELIMITER ;
       CREATE TRIGGER big_touched AFTER UPDATE ON big FOR EACH ROW INSERT INTO audit VALUES (NEW.id, 'touched');
       CREATE EVENT nightly_touch ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO CALL touch_first(1);
       INSERT INTO big (id, v) SELECT seq, md5(seq) FROM seq_1_to_${rows};
       CALL touch_first(10);`,
    );
  }
}

/** Row counts, a checksum of every row, and the routines, triggers and events, as one comparable value. */
function fingerprint(engine: Engine, name: string): string {
  if (engine === 'postgres')
    return sql(
      engine,
      name,
      `SELECT count(*), md5(string_agg(id || ':' || v || ':' || touched, ',' ORDER BY id)) FROM big;
       SELECT count(*), md5(string_agg(id || at, ',' ORDER BY id)) FROM audit;
       SELECT double_it(21);
       SELECT string_agg(tgname, ',') FROM pg_trigger WHERE NOT tgisinternal;`,
    );
  return sql(
    engine,
    name,
    `SELECT count(*), SUM(CRC32(CONCAT(id, ':', v, ':', touched))) FROM big;
     SELECT count(*), SUM(CRC32(CONCAT(id, at))) FROM audit;
     SELECT double_it(21);
     SELECT GROUP_CONCAT(ROUTINE_NAME ORDER BY ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '${name}';
     SELECT GROUP_CONCAT(TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '${name}';
     SELECT GROUP_CONCAT(EVENT_NAME) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '${name}';`,
  );
}

let s3: ChildProcess | undefined;
let s3Endpoint = '';
let s3Directory = '';

beforeAll(async () => {
  if (PARTS.postgres.missing === undefined) seed('postgres', SOURCE, ROWS);
  if (PARTS.mariadb.missing === undefined) seed('mariadb', SOURCE, ROWS);
  for (const engine of ['postgres', 'mariadb'] as Engine[])
    if (ENGINE_PARTS[engine].missing === undefined) seed(engine, SMALL, 50);
  s3Directory = join(ROOT, 's3');
  mkdirSync(s3Directory);
  const server = spawn(process.execPath, [join(__dirname, 's3-server.js'), s3Directory, BUCKET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  s3 = server;
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout.once('data', (data) => resolve(JSON.parse(String(data)).port));
    server.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  // localhost, not 127.0.0.1: only path-style addressing (forcePathStyle) reaches a bucket there.
  s3Endpoint = `http://localhost:${port}`;
}, 240_000);

afterAll(() => {
  s3?.kill('SIGTERM');
});

type Destination = 'pvc' | 's3';

/** A chart with a backup (and its restore into `restoreInto`), synthesized; the pod specs and the prefix. */
function synthesize(options: {
  engine: Engine;
  destination: Destination;
  database: string;
  restoreInto?: string;
  passwordAsFile?: boolean;
  chart?: string;
  retentionDays?: number;
  s3Prefix?: string;
}) {
  const app: App = quietApp();
  const chart = new Chart(app, options.chart ?? 'shop');
  const db = Secret.fromSecretName(chart, 'db-secret', 'db');
  const s3Secret = Secret.fromSecretName(chart, 's3-secret', 's3');
  const connection = (database: string): DatabaseSourceProps => ({
    host: '127.0.0.1',
    port: PORTS[options.engine],
    database,
    user: USER,
    passwordSecret: { secret: db, key: 'password' },
    passwordAsFile: options.passwordAsFile,
  });
  const props: BackupCronJobProps = {
    schedule: '0 3 * * *',
    source:
      options.engine === 'postgres'
        ? BackupSource.postgres(connection(options.database))
        : BackupSource.mariadb(connection(options.database)),
    destination:
      options.destination === 'pvc'
        ? BackupDestination.persistentVolumeClaim({ claimName: 'backups' })
        : BackupDestination.s3({
            bucket: BUCKET,
            prefix: options.s3Prefix ?? 'db/',
            endpoint: s3Endpoint,
            forcePathStyle: true,
            region: 'us-east-1',
            accessKeyId: { secret: s3Secret, key: 'id' },
            secretAccessKey: { secret: s3Secret, key: 'secret' },
          }),
    retentionDays: options.retentionDays,
  };
  const backup = new BackupCronJob(chart, 'db', props);
  if (options.restoreInto) new BackupRestoreJob(chart, 'restore', { backup, target: connection(options.restoreInto) });
  const objects = Testing.synth(chart);
  const backupPod = podSpecOf(objects.find((o) => o.kind === 'CronJob'));
  const restore = objects.find((o) => o.kind === 'Job');
  return { backupPod, restorePod: restore ? podSpecOf(restore) : undefined, prefix: backup.filePrefix };
}

/** A pod's directories: /tmp (the emptyDir, new per pod), the volume, and the password file. */
function podMounts(volume: string) {
  const tmp = mkdtempSync(join(ROOT, 'pod-tmp-'));
  const secret = mkdtempSync(join(ROOT, 'secret-'));
  writeFileSync(join(secret, 'password'), `${PASSWORD}\n`);
  return { '/backup': volume, [PASSWORD_MOUNT_PATH]: secret, '/tmp': tmp };
}

const ok = (runs: { name: string; status: number | null; stderr: string }[]) =>
  runs.map((r) => [r.name, r.status, r.status === 0 ? '' : r.stderr]);

function s3Keys(prefix = ''): string[] {
  const out = execFileSync(
    '/usr/bin/aws',
    [
      '--endpoint-url',
      s3Endpoint.replace('localhost', '127.0.0.1'),
      's3api',
      'list-objects-v2',
      '--bucket',
      BUCKET,
      '--prefix',
      prefix,
      '--query',
      'Contents[].[Key]',
      '--output',
      'text',
    ],
    {
      encoding: 'utf8',
      env: {
        PATH: SYSTEM_PATH,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_DEFAULT_REGION: 'us-east-1',
        HOME: ROOT,
      },
    },
  );
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'None')
    .sort();
}

const backupFiles = (dir: string, prefix: string) =>
  readdirSync(dir)
    .filter((f) => new RegExp(`^${prefix}-\\d{8}T\\d{6}Z\\.sql\\.gz$`).test(f))
    .sort();

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes a stamp unique per run: names have one-second resolution and runs here are faster. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));

describe('round trip: backup, restore into a fresh database, same rows and objects', () => {
  let counter = 0;
  const cases: Array<[string, Engine, Destination, (typeof SHELLS)[number]]> = [];
  for (const engine of ['postgres', 'mariadb'] as Engine[])
    for (const destination of ['pvc', 's3'] as Destination[])
      for (const shell of SHELLS)
        cases.push([`${engine} to ${destination} under ${shell.name}`, engine, destination, shell]);

  for (const [title, engine, destination, shell] of cases) {
    const parts = [PARTS.root, ENGINE_PARTS[engine], destination === 's3' ? PARTS.awsCli : undefined, shell.part];
    testWith(parts)(title, () => {
      const target = `${USER}_restored_${++counter}`;
      createDatabase(engine, target);
      // The password travels as a file under bash, as an environment variable under the others.
      const passwordAsFile = shell.name === 'bash';
      const { backupPod, restorePod, prefix } = synthesize({
        engine,
        destination,
        database: SOURCE,
        restoreInto: target,
        passwordAsFile,
        chart: `rt${counter}`,
      });
      const volume = mkdtempSync(join(ROOT, 'volume-'));
      const mounts = podMounts(volume);
      const backupRuns = runPodContainers(backupPod, { shell: shell.argv, mounts, secrets: SECRETS });
      expect(ok(backupRuns)).toEqual(containersOf(backupPod).map((c) => [c.name, 0, '']));

      if (destination === 'pvc') {
        const [file] = backupFiles(volume, prefix);
        expect(file).toBeDefined();
        expect(statSync(join(volume, file)).mode & 0o777).toBe(0o600);
      } else {
        expect(s3Keys(`db/${prefix}-`)).toHaveLength(1);
      }
      // The restore pod gets a fresh /tmp, as a new pod would.
      const restoreRuns = runPodContainers(restorePod, {
        shell: shell.argv,
        mounts: podMounts(volume),
        secrets: SECRETS,
      });
      expect(ok(restoreRuns)).toEqual(containersOf(restorePod).map((c) => [c.name, 0, '']));
      expect(fingerprint(engine, target)).toBe(fingerprint(engine, SOURCE));
      expect(fingerprint(engine, target)).toContain(String(ROWS));
    });
  }
});

describe('a dump killed midway leaves nothing that looks complete, and the next run cleans up', () => {
  /** Holds a lock on `big` so the dump blocks midway; the returned function releases it. */
  function lockBig(engine: Engine, database: string): () => Promise<void> {
    const session =
      engine === 'postgres'
        ? spawn('su', ['postgres', '-c', `psql -q ${database}`], { env: { ...process.env, PATH: SYSTEM_PATH } })
        : spawn('mariadb', [database], { env: { ...process.env, PATH: SYSTEM_PATH } });
    session.stdin.write(
      engine === 'postgres' ? 'BEGIN; LOCK TABLE big IN ACCESS EXCLUSIVE MODE;\n' : 'LOCK TABLES big WRITE;\n',
    );
    // Ending the session releases the lock; wait for it, since the synchronous runs after this block the event loop.
    return () =>
      new Promise<void>((resolve) => {
        session.once('exit', () => resolve());
        session.stdin.end();
      });
  }

  /** Starts `container` while `big` is locked, waits until its partial file exists, then kills it as `signal` says. */
  async function killMidway(
    engine: Engine,
    container: any,
    shell: string[],
    mounts: { [path: string]: string },
    dir: string,
    signal: 'SIGKILL' | 'SIGTERM',
  ): Promise<number | null> {
    const unlock = lockBig(engine, SMALL);
    try {
      await delay(200);
      const running = startContainer(container, { shell, mounts, secrets: SECRETS });
      while (!readdirSync(dir).some((f) => f.endsWith('.partial'))) await delay(50);
      await delay(300);
      if (signal === 'SIGTERM') {
        // The kubelet's stop: SIGTERM to PID 1, then SIGKILL after the grace period. dash and
        // busybox as PID 1 ignore it (no handler); bash ends on it.
        process.kill(running.pid1(), 'SIGTERM');
        await delay(500);
        if (shell[0] !== 'bash') expect(running.process.exitCode).toBeNull();
      }
      if (running.process.exitCode === null) process.kill(running.pid1(), 'SIGKILL');
      return await running.exited;
    } finally {
      await unlock();
    }
  }

  const cases: Array<[string, Engine, 'SIGKILL' | 'SIGTERM', (typeof SHELLS)[number]]> = [];
  for (const engine of ['postgres', 'mariadb'] as Engine[])
    for (const signal of ['SIGKILL', 'SIGTERM'] as const)
      for (const shell of SHELLS) cases.push([`${engine}, ${signal}, ${shell.name}`, engine, signal, shell]);

  for (const [title, engine, signal, shell] of cases) {
    testWith([PARTS.root, ENGINE_PARTS[engine], shell.part])(`to a volume: ${title}`, async () => {
      const { backupPod, prefix } = synthesize({ engine, destination: 'pvc', database: SMALL });
      const volume = mkdtempSync(join(ROOT, 'volume-'));
      const backup = containersOf(backupPod).find((c) => c.name === 'backup');
      await killMidway(engine, backup, shell.argv, podMounts(volume), volume, signal);

      // Nothing but the hidden partial file (which a killed shell cannot remove) is left.
      const leftovers = readdirSync(volume);
      expect(leftovers.every((f) => /^\..*\.partial$/.test(f))).toBe(true);
      if (shell.argv[0] !== 'bash' || signal === 'SIGKILL') expect(leftovers).toHaveLength(1);
      expect(backupFiles(volume, prefix)).toEqual([]);
      for (const leftover of leftovers) expect(statSync(join(volume, leftover)).mode & 0o077).toBe(0);

      // Later: the leftover is older than the bound (the Job's deadline and a margin), while a
      // fresh partial file may be a live run's and stays.
      const bound = Number(backup.env.find((e: any) => e.name === 'BACKUP_PARTIAL_MAX_AGE_MINUTES').value);
      const aged = Date.now() / 1000 - (bound + 1) * 60;
      for (const leftover of leftovers) utimesSync(join(volume, leftover), aged, aged);
      const live = `.${prefix}-20990101T000000Z.sql.gz.partial`;
      writeFileSync(join(volume, live), '');
      const next = runContainer(backup, { shell: shell.argv, mounts: podMounts(volume), secrets: SECRETS });
      expect([next.status, next.stderr]).toEqual([0, '']);
      expect(readdirSync(volume).sort()).toEqual([live, ...backupFiles(volume, prefix)].sort());
      expect(backupFiles(volume, prefix)).toHaveLength(1);
    });
  }

  testWith([PARTS.root, PARTS.postgres, PARTS.awsCli])('to S3: a killed dump uploads nothing', async () => {
    const { backupPod, prefix } = synthesize({
      engine: 'postgres',
      destination: 's3',
      database: SMALL,
      s3Prefix: 'killed/',
    });
    const dump = containersOf(backupPod).find((c) => c.name === 'dump');
    const mounts = podMounts(mkdtempSync(join(ROOT, 'volume-')));
    const tmp = mounts['/tmp'];
    // A pod whose init container was killed never starts the upload; a new pod gets a new /tmp.
    expect(await killMidway('postgres', dump, ['dash'], mounts, tmp, 'SIGKILL')).not.toBe(0);
    expect(existsSync(join(tmp, 'backup-name'))).toBe(false);
    expect(s3Keys(`killed/${prefix}`)).toEqual([]);
  });
});

describe('two teams, one destination, different retention: neither deletes the other', () => {
  /** The stamp in a backup name moved one day back, so the next real run's name cannot collide with it. */
  function stampOneDayBack(name: string): string {
    return name.replace(/(\d{8}T\d{6}Z)/, (stamp) => {
      const iso = stamp.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z');
      return new Date(Date.parse(iso) - 86_400_000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    });
  }

  /** Moves every file below `dir` one day into the past (a simulated day). */
  function ageOneDay(dir: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath ?? (entry as any).path, entry.name);
      const { mtimeMs } = statSync(path);
      const when = mtimeMs / 1000 - 86_400;
      utimesSync(path, when, when);
    }
  }

  testWith([PARTS.root, PARTS.postgres])('one PVC directory, a month of simulated days', () => {
    const volume = mkdtempSync(join(ROOT, 'volume-shared-'));
    const orders = synthesize({
      engine: 'postgres',
      destination: 'pvc',
      database: SMALL,
      chart: 'orders',
      retentionDays: 30,
    });
    const billing = synthesize({
      engine: 'postgres',
      destination: 'pvc',
      database: SMALL,
      chart: 'billing',
      retentionDays: 1,
    });
    expect([orders.prefix, billing.prefix]).toEqual(['orders_db', 'billing_db']);
    for (let day = 0; day < 32; day++) {
      for (const team of [orders, billing]) {
        const runs = runPodContainers(team.backupPod, { shell: ['dash'], mounts: podMounts(volume), secrets: SECRETS });
        expect(ok(runs)).toEqual(containersOf(team.backupPod).map((c) => [c.name, 0, '']));
      }
      // Right after day `day`'s runs: orders keeps the last 30 days, billing today's and (at the
      // one-day boundary) yesterday's.
      // day + 1 were written: only those at least 30 days old may have gone, whatever billing did.
      expect(backupFiles(volume, orders.prefix).length).toBeGreaterThanOrEqual(Math.min(day + 1, 30));
      expect(backupFiles(volume, orders.prefix).length).toBeLessThanOrEqual(31);
      expect(backupFiles(volume, billing.prefix).length).toBeLessThanOrEqual(2);
      expect(backupFiles(volume, billing.prefix).length).toBeGreaterThanOrEqual(1);
      ageOneDay(volume);
      for (const name of readdirSync(volume))
        execFileSync('mv', [join(volume, name), join(volume, stampOneDayBack(name))]);
    }
  });

  testWith([PARTS.root, PARTS.postgres, PARTS.awsCli])('one bucket prefix, three simulated days', async () => {
    const orders = synthesize({
      engine: 'postgres',
      destination: 's3',
      database: SMALL,
      chart: 'orders',
      retentionDays: 3,
      s3Prefix: 'teams/',
    });
    const billing = synthesize({
      engine: 'postgres',
      destination: 's3',
      database: SMALL,
      chart: 'billing',
      retentionDays: 1,
      s3Prefix: 'teams/',
    });
    for (let day = 0; day < 3; day++) {
      for (const team of [orders, billing]) {
        const runs = runPodContainers(team.backupPod, { shell: ['dash'], mounts: podMounts(ROOT), secrets: SECRETS });
        expect(ok(runs)).toEqual(containersOf(team.backupPod).map((c) => [c.name, 0, '']));
      }
      // retention 3 days: nothing of orders' has gone yet, whatever billing (1 day) deleted.
      // One listing per day (each AWS CLI call costs a second or two).
      const keys = s3Keys('teams/');
      const of = (team: { prefix: string }) => keys.filter((key) => key.startsWith(`teams/${team.prefix}-`));
      expect(of(orders)).toHaveLength(day + 1);
      expect(of(billing).length).toBeLessThanOrEqual(2);
      expect(of(billing).length).toBeGreaterThanOrEqual(1);
      ageOneDay(join(s3Directory, BUCKET));
      await nextSecond();
    }
  });
});

test('the suite ran its parts, or says which are missing', () => {
  const missing = Object.values(PARTS).filter((p) => p.missing !== undefined);
  if (IN_CI) expect(missing).toEqual([]);
});
