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
