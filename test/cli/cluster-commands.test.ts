/**
 * The library's `cdk8s-batch` reaches no cluster: `reconcile`, `trigger` and `backfill` work as
 * dry runs from manifest files, and asked for a cluster they name the reconciler runtime in one
 * line and exit 2. (With a cluster, the runtime package's tests cover them.)
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { runCli } from '../../src/cli/main';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from '../../src/reconciler/resource/scheduled-job-resource';
import { fakeIo } from '../support/fake-io';

const scheduledJob = {
  apiVersion: SCHEDULED_JOB_API_VERSION,
  kind: SCHEDULED_JOB_KIND,
  metadata: { name: 'hourly', namespace: 'reports' },
  spec: {
    schedule: '0 * * * *',
    jobTemplate: {
      spec: {
        backoffLimit: 1,
        ttlSecondsAfterFinished: 3600,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
      },
    },
  },
};

function manifestFile(object: object = scheduledJob): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-cluster-commands-'));
  const file = join(dir, 'app.k8s.yaml');
  writeFileSync(file, stringify(object));
  return file;
}

async function run(args: string[]) {
  const io = fakeIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('asked for a cluster, the library names the runtime', () => {
  test.each([
    [['reconcile'], 'cdk8s-batch reconcile: running the reconciler needs the reconciler runtime'],
    [['reconcile', '--namespace', 'x'], 'cdk8s-batch reconcile: running the reconciler needs the reconciler runtime'],
    [['trigger', 'hourly'], 'cdk8s-batch trigger: trigger against a cluster needs the reconciler runtime'],
    [
      ['backfill', 'hourly', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-02T00:00:00Z'],
      'cdk8s-batch backfill: backfill against a cluster needs the reconciler runtime',
    ],
    [
      ['reconcile', '--dry-run', '--output', 'out', '--kubeconfig', 'kube.yaml'],
      'cdk8s-batch reconcile: reconcile against a cluster needs the reconciler runtime',
    ],
  ])('%j', async (args, start) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(start)).toBe(true);
    expect(r.stderr).toMatch(/cdk8s-batch-reconciler/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/** `reconcile --dry-run` at 10:30 on 2026-03-01 over `object`, writing into a fresh directory. */
async function reconcileDryRun(object: object = scheduledJob) {
  const output = mkdtempSync(join(tmpdir(), 'cdk8s-batch-dry-run-'));
  const args = ['reconcile', '--dry-run', '--output', output, '--now', '2026-03-01T10:30:00Z', manifestFile(object)];
  return { ...(await run(args)), output };
}

describe('dry runs from files need no cluster', () => {
  test('reconcile --dry-run writes the Job the reconciler would create', async () => {
    const r = await reconcileDryRun();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The run of 10:00, the latest scheduled time (29539320 minutes since the epoch).
    expect(readdirSync(r.output)).toEqual(['reports_hourly-29539320.yaml']);
    expect(r.stdout).toMatch(/^planned 1 ScheduledJob at 2026-03-01T10:30:00Z: wrote 1 Job to /m);
  });

  test("reconcile --dry-run's Jobs pass our own lint without a TTL warning (the ScheduledJob prunes them)", async () => {
    const withoutTtl = structuredClone(scheduledJob);
    delete (withoutTtl.spec.jobTemplate.spec as { ttlSecondsAfterFinished?: number }).ttlSecondsAfterFinished;
    const dryRun = await reconcileDryRun(withoutTtl);
    expect(dryRun.code).toBe(0);
    const lint = JSON.parse((await run(['lint', dryRun.output, '--format', 'json'])).stdout);
    expect(lint.checked).toBe(1);
    expect(lint.findings.map((f: { rule: string }) => f.rule)).not.toContain('job-missing-ttl');
  });

  test('trigger --dry-run writes the run-now Job', async () => {
    const output = mkdtempSync(join(tmpdir(), 'cdk8s-batch-trigger-'));
    const r = await run([
      'trigger',
      'hourly',
      '--dry-run',
      '--output',
      output,
      '--now',
      '2026-03-01T10:30:00Z',
      manifestFile(),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [file] = readdirSync(output);
    const job = parse(readFileSync(join(output, file), 'utf8'));
    expect(job).toMatchObject({ kind: 'Job', metadata: { namespace: 'reports' } });
  });
});

/** A manifest file holding `objects` as YAML documents, in order. */
function manifestsFile(...objects: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-cluster-commands-'));
  const file = join(dir, 'app.k8s.yaml');
  writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  return file;
}

describe('a schedule the controller cannot use is a problem of the input (exit 1), as a spec it cannot read is', () => {
  test.each<[string, object, string]>([
    ['an unparseable schedule', { schedule: 'bogus' }, 'unparseableSchedule: schedule: expected exactly 5 fields'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'invalidTimeZone: unknown time zone "Mars/Olympus"'],
    ['a schedule that never fires', { schedule: '0 0 30 2 *' }, 'invalidSchedule: the schedule never fires'],
  ])('%s', async (_name, change, reason) => {
    const r = await reconcileDryRun({ ...scheduledJob, spec: { ...scheduledJob.spec, ...change } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`reports/hourly: cannot run (${reason}`);
    expect(r.stdout).toMatch(/wrote 0 Jobs to .*; 1 with problems\n$/);
  });

  test('a missing schedule, unreadable, is exit 1 too; a valid one with nothing due is exit 0', async () => {
    const { schedule: _, ...withoutSchedule } = scheduledJob.spec;
    expect((await reconcileDryRun({ ...scheduledJob, spec: withoutSchedule })).code).toBe(1);
    const yearly = await reconcileDryRun({ ...scheduledJob, spec: { ...scheduledJob.spec, schedule: '0 0 1 1 *' } });
    expect(yearly.code).toBe(0);
    expect(yearly.stdout).toContain('reports/hourly: nothing to create (');
  });
});

describe('one object defined twice (same kind, namespace and name) is bad usage, naming both places', () => {
  // The second document starts after the first one's lines and the `---` between them.
  const secondLine = stringify(scheduledJob).split('\n').length + 1;
  const twice = (file: string) =>
    `ScheduledJob reports/hourly is defined twice, at ${file}:1 (document 0) and at ${file}:${secondLine} (document 1): the cluster holds one object per kind, namespace and name (kubectl apply would apply the later over the earlier); remove one\n`;

  test('reconcile --dry-run writes nothing and says it in one line', async () => {
    const file = manifestsFile(scheduledJob, scheduledJob);
    const output = mkdtempSync(join(tmpdir(), 'cdk8s-batch-dry-run-'));
    const r = await run(['reconcile', '--dry-run', '--output', output, '--now', '2026-03-01T10:30:00Z', file]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `cdk8s-batch reconcile: ${twice(file)}` });
    expect(readdirSync(output)).toEqual([]);
  });

  test('trigger --dry-run says the same, not "pick one with --namespace"', async () => {
    const file = manifestsFile(scheduledJob, scheduledJob);
    const output = mkdtempSync(join(tmpdir(), 'cdk8s-batch-trigger-'));
    const args = ['trigger', 'hourly', '--namespace', 'reports', '--dry-run', '--output', output, file];
    expect(await run(args)).toEqual({ code: 2, stdout: '', stderr: `cdk8s-batch trigger: ${twice(file)}` });
  });

  test('across files too; one name in two namespaces is two objects', async () => {
    const [first, second] = [manifestsFile(scheduledJob), manifestsFile(scheduledJob)];
    const output = mkdtempSync(join(tmpdir(), 'cdk8s-batch-dry-run-'));
    const args = ['reconcile', '--dry-run', '--output', output, '--now', '2026-03-01T10:30:00Z'];
    const r = await run([...args, first, second]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`at ${first}:1 (document 0) and at ${second}:1 (document 0)`);
    const elsewhere = { ...scheduledJob, metadata: { ...scheduledJob.metadata, namespace: 'other' } };
    const both = await run([...args, manifestsFile(scheduledJob, elsewhere)]);
    expect(both.code).toBe(0);
    expect(readdirSync(output).sort()).toEqual(['other_hourly-29539320.yaml', 'reports_hourly-29539320.yaml']);
    expect(both.stdout).toMatch(/^planned 2 ScheduledJobs at .*: wrote 2 Jobs to /m);
  });
});

test('every unreadable file is named, one line each, before the command refuses to go on', async () => {
  const broken = join(mkdtempSync(join(tmpdir(), 'cdk8s-batch-cluster-commands-')), 'broken.yaml');
  writeFileSync(broken, 'a: [\n');
  const out = mkdtempSync(join(tmpdir(), 'cdk8s-batch-cluster-commands-out-'));
  for (const command of [['reconcile', '--dry-run', '--output', out], ['plan']]) {
    const r = await run([...command, '/no/such/file.yaml', broken, manifestFile()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `cdk8s-batch ${command[0]}: /no/such/file.yaml: no such file or directory`,
      expect.stringMatching(new RegExp(`^cdk8s-batch ${command[0]}: .*broken\\.yaml:\\d+:\\d+: YAML syntax error`)),
      '',
    ]);
  }
});
