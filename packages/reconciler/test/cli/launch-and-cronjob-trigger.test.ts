/**
 * `cdk8s-batch-reconciler launch` and `trigger cronjob/NAME` against the API server double: the
 * Job created (once per key; the CronJob's template, the manual annotation and an owner
 * reference), and the exit codes of the launch contract (0 created or found, 2 refused, 1 rules).
 */
import { runCli } from 'cdk8s-batch/lib/src/cli/main';
import { manualJobName } from 'cdk8s-batch/lib/src/reconciler/resource/manual-job';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Testing } from 'cdk8s';
import { InvoiceGeneratorChart } from '../../../../examples/invoice-generator';
import { quietApp } from '../../../../test/constructs/helpers';
import { fakeIo } from '../../../../test/support/fake-io';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runReconcileDryRun } from 'cdk8s-batch/lib/src/cli/reconcile';
import { clusterCommandDependencies } from '../../src/cli/cluster-connection';
import { runtimeCommands } from '../../src/main';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { SimulatedClock } from '../support/simulated-clock';
import { doubleDependencies } from '../controller/support/harness';

const NOW = Date.parse('2026-11-30T12:00:00.400Z');
const TEMPLATE = Testing.synth(new InvoiceGeneratorChart(quietApp(), 'invoice-generator')).find(
  (o) => o.kind === 'JobTemplate',
);
const CRON_JOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly-report', namespace: 'billing' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: {
      metadata: { labels: { app: 'report' }, annotations: { team: 'billing' } },
      spec: {
        activeDeadlineSeconds: 600,
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'registry.example/report:1.0.0' }] },
        },
      },
    },
  },
};

async function cluster() {
  const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
  const admin = api.client('admin');
  await admin.create(ResourceKind.JOB_TEMPLATE, TEMPLATE);
  await admin.create(ResourceKind.CRON_JOB, CRON_JOB);
  return api;
}

async function run(api: ApiServerDouble, args: string[]) {
  const io = fakeIo();
  const code = await runCli(args, io, runtimeCommands(doubleDependencies(api, NOW, 'billing')));
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const LAUNCH = ['launch', 'invoice-generator', '--param', 'SUBSCRIPTION_ID=sub-1', '--param', 'BILLING_PERIOD=2026-11'];

describe('launch', () => {
  test('creates the Job, then finds it for the same key (exit 0 both times, one Job)', async () => {
    const api = await cluster();
    const first = await run(api, [...LAUNCH, '--idempotency-key', 'evt-1']);
    const [job] = api.objects(ResourceKind.JOB);
    expect(first).toEqual({
      code: 0,
      stdout: `jobtemplate billing/invoice-generator: created Job ${job.metadata.name}\n`,
      stderr: '',
    });
    const again = await run(api, [...LAUNCH, '--idempotency-key', 'evt-1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      `jobtemplate billing/invoice-generator: Job ${job.metadata.name} already exists for this idempotency key; not created again\n`,
    );
    expect(api.count(ResourceKind.JOB)).toBe(1);
  });

  test('a missing parameter, a reused key, no template: exit 2 naming it, nothing created', async () => {
    const api = await cluster();
    const missing = await run(api, ['launch', 'invoice-generator', '--param', 'BILLING_PERIOD=2026-11']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cdk8s-batch launch: parameter SUBSCRIPTION_ID is required/);
    await run(api, [...LAUNCH, '--idempotency-key', 'evt-1']);
    const reused = await run(api, [
      'launch',
      'invoice-generator',
      '--param',
      'SUBSCRIPTION_ID=sub-2',
      '--param',
      'BILLING_PERIOD=2026-11',
      '--idempotency-key',
      'evt-1',
    ]);
    expect(reused.code).toBe(2);
    expect(reused.stderr).toMatch(
      /the idempotency key was already used for Job invoice-generator-\w+ with other parameters/,
    );
    const absent = await run(api, ['launch', 'invoices', '--namespace', 'billing']);
    expect(absent).toMatchObject({ code: 2, stderr: 'cdk8s-batch launch: no JobTemplate billing/invoices found\n' });
    expect(api.count(ResourceKind.JOB)).toBe(1);
  });

  test('a Job the rules refuse: exit 1, nothing created', async () => {
    const api = await cluster();
    const admin = api.client('admin');
    const stored = await admin.get(ResourceKind.JOB_TEMPLATE, 'billing', 'invoice-generator');
    const spec = structuredClone(stored.spec!) as any;
    spec.job.spec.backoffLimit = -1;
    await admin.update(ResourceKind.JOB_TEMPLATE, { ...stored, spec });
    const r = await run(api, LAUNCH);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('spec.backoffLimit');
    expect(api.count(ResourceKind.JOB)).toBe(0);
  });
});

describe('trigger cronjob/NAME', () => {
  test("creates the Job kubectl would: the CronJob's template, the manual annotation, an owner reference", async () => {
    const api = await cluster();
    const r = await run(api, ['trigger', 'cronjob/nightly-report']);
    const name = manualJobName('nightly-report', NOW);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // The warnings of the rules follow (this hand-written CronJob has no Pod Security settings).
    expect(r.stdout.split('\n')[0]).toBe(`cronjob billing/nightly-report: run-now Job ${name} created`);
    expect(r.stdout).toContain('[pod-security-restricted]');
    const job = api.object(ResourceKind.JOB, 'billing', name)!;
    const cronJob = api.object(ResourceKind.CRON_JOB, 'billing', 'nightly-report')!;
    expect(job.metadata.labels).toEqual({ app: 'report' });
    expect(job.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual', team: 'billing' });
    expect(job.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly-report', uid: cronJob.metadata.uid, controller: true },
    ]);
    expect(job.spec).toEqual(CRON_JOB.spec.jobTemplate.spec);
  });

  test('a bare NAME that only a CronJob has: says so, exit 2', async () => {
    const api = await cluster();
    const r = await run(api, ['trigger', 'nightly-report']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'cdk8s-batch trigger: no ScheduledJob nightly-report found, but a CronJob nightly-report is: run it now with cdk8s-batch trigger cronjob/nightly-report\n',
    });
  });

  test('no such CronJob: exit 2', async () => {
    const api = await cluster();
    expect(await run(api, ['trigger', 'cronjob/weekly'])).toMatchObject({
      code: 2,
      stderr: 'cdk8s-batch trigger: no CronJob billing/weekly found\n',
    });
  });
});

test('reconcile --dry-run from the cluster (the runtime runs this dry run) names the CronJob it skipped', async () => {
  const api = await cluster();
  const io = fakeIo();
  const code = await runReconcileDryRun(
    ['--dry-run', '--output', mkdtempSync(join(tmpdir(), 'reconcile-')), '--kubeconfig', 'kube.yaml'],
    io,
    clusterCommandDependencies(doubleDependencies(api, NOW, 'billing')),
  );
  const r = { code, stdout: io.stdout(), stderr: io.stderr() };
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    "billing/nightly-report: skipped: a CronJob, which Kubernetes' CronJob controller runs, not the reconciler (run it now: cdk8s-batch trigger cronjob/nightly-report)",
  );
  expect(r.stdout).toMatch(/; skipped 1 CronJob\n$/);
});
