/** `cdk8s-batch reconcile`: the long-running reconciler and `--dry-run`, in process with the cluster replaced by the double. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { runCli } from 'cdk8s-batch/lib/src/cli/main';
import { ReconcileDependencies, runReconcile } from '../../src/cli/reconcile';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { RunningEndpoints } from '../../src/runtime/http-endpoints';
import { doubleDependencies, NAMESPACE, scheduledJob, TEMPLATE } from '../controller/support/harness';
import { runtimeCommands } from '../../src/main';
import { fakeIo } from '../../../../test/support/fake-io';
import { UsageError } from 'cdk8s-batch/lib/src/cli/io';

const NOW = Date.parse('2026-03-01T10:00:05Z');
const scratch = mkdtempSync(join(tmpdir(), 'reconcile-cli-'));

function file(name: string, documents: unknown[]): string {
  const path = join(scratch, name);
  writeFileSync(path, documents.map((d) => stringify(d)).join('---\n'));
  return path;
}

function outputDir(): string {
  return mkdtempSync(join(scratch, 'out-'));
}

/** Through runCli; with `deps`, runReconcile on the double, its usage errors reported as runCli would. */
async function run(args: string[], deps?: Partial<ReconcileDependencies>) {
  const io = fakeIo();
  if (deps === undefined)
    return { code: await runCli(args, io, runtimeCommands()), stdout: io.stdout(), stderr: io.stderr() };
  const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
  try {
    const code = await runReconcile(args.slice(1), io, { ...daemonDependencies(api), ...deps });
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout: io.stdout(), stderr: `cdk8s-batch reconcile: ${error.message}\n` };
  }
}

function daemonDependencies(api: ApiServerDouble, clock = new SimulatedClock(NOW)): ReconcileDependencies {
  return {
    ...doubleDependencies(api, NOW),
    clock,
    shutdownSignal: () => new AbortController().signal,
    log: () => undefined,
    env: {},
    hostname: () => 'host-1',
    serviceAccountNamespace: () => undefined,
  };
}

const broken = { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } } };

describe('reconcile --dry-run from files', () => {
  const manifests = file('app.k8s.yaml', [
    scheduledJob('hourly', { schedule: '0 * * * *', scheduledTimeEnv: 'SCHEDULED_AT' }),
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ignored' } },
    scheduledJob('catch-up', { schedule: '0 * * * *', catchUpPolicy: 'UpTo', catchUpLimit: 2 }),
    scheduledJob('later', { schedule: '0 0 1 1 *', startingDeadlineSeconds: 60 }),
  ]);

  test('writes each Job it would create as YAML, one file per Job, and prints a summary', async () => {
    const out = outputDir();
    const r = await run(['reconcile', '--dry-run', '--output', out, '--now', '2026-03-01T10:00:05Z', manifests]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'batch_catch-up-29539260.yaml',
      'batch_catch-up-29539320.yaml',
      'batch_hourly-29539320.yaml',
    ]);
    const job = parse(readFileSync(join(out, 'batch_hourly-29539320.yaml'), 'utf8'));
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'hourly-29539320',
        namespace: NAMESPACE,
        labels: {
          'scheduling.cdk8s-batch.io/scheduled-job': 'hourly',
          'scheduling.cdk8s-batch.io/run-kind': 'Scheduled',
        },
        annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-03-01T10:00:00Z' },
      },
    });
    expect(job.metadata.ownerReferences).toBeUndefined();
    expect(job.spec.template.spec.containers[0].env).toEqual([{ name: 'SCHEDULED_AT', value: '2026-03-01T10:00:00Z' }]);
    // Quoted, so that YAML 1.1 readers (kubectl's among them) keep the instants as strings.
    expect(readFileSync(join(out, 'batch_hourly-29539320.yaml'), 'utf8')).toContain(
      'batch.kubernetes.io/cronjob-scheduled-timestamp: "2026-03-01T10:00:00Z"',
    );
    expect(r.stdout).toBe(
      [
        'batch/hourly: 1 Job',
        `  hourly-29539320  scheduled run for 2026-03-01T10:00:00Z  -> ${join(out, 'batch_hourly-29539320.yaml')}`,
        'batch/catch-up: 2 Jobs',
        `  catch-up-29539260  scheduled run for 2026-03-01T09:00:00Z  -> ${join(out, 'batch_catch-up-29539260.yaml')}`,
        `  catch-up-29539320  scheduled run for 2026-03-01T10:00:00Z  -> ${join(out, 'batch_catch-up-29539320.yaml')}`,
        'batch/later: nothing to create (noUnmetScheduleTime; next run 2027-01-01T00:00:00Z)',
        `planned 3 ScheduledJobs at 2026-03-01T10:00:05Z: wrote 3 Jobs to ${out}`,
        '',
      ].join('\n'),
    );
  });

  test('the same input gives the same files (deterministic names and content)', async () => {
    const [a, b] = [outputDir(), outputDir()];
    await run(['reconcile', '--dry-run', '--output', a, '--now', '2026-03-01T10:00:05Z', manifests]);
    await run(['reconcile', '--dry-run', '--output', b, '--now', '2026-03-01T10:00:05Z', manifests]);
    for (const name of readdirSync(a))
      expect(readFileSync(join(b, name), 'utf8')).toBe(readFileSync(join(a, name), 'utf8'));
  });

  test('a Job the rules reject is not written; it is reported and the exit code is 1', async () => {
    const out = outputDir();
    const input = file('broken.yaml', [
      scheduledJob('broken', { schedule: '0 * * * *', jobTemplate: broken }),
      scheduledJob('bad', { schedule: '0 * * * *', runNowAt: 'soon' }),
    ]);
    const r = await run(['reconcile', '--dry-run', '--output', out, '--now', '2026-03-01T10:00:05Z', input]);
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toEqual([]);
    expect(r.stdout).toContain(
      'batch/broken: REFUSED Job broken-29539320 was not created: the rules found 1 error(s): pod-container-image-required at spec.template.spec.containers[0].image',
    );
    expect(r.stdout).toContain(
      'batch/bad: not planned: spec.runNowAt: must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not "soon"',
    );
    expect(r.stdout).toContain('wrote 0 Jobs');
    expect(r.stdout).toContain('2 with problems');
  });

  test('--namespace keeps the ScheduledJobs of that namespace only', async () => {
    const r = await run([
      'reconcile',
      '--dry-run',
      '--output',
      outputDir(),
      '--namespace',
      'elsewhere',
      '--now',
      '2026-03-01T10:00:05Z',
      manifests,
    ]);
    expect(r.stdout).toContain('planned 0 ScheduledJobs');
  });
});

describe('reconcile --dry-run from the cluster', () => {
  test('reads the ScheduledJobs and their Jobs through the client, and plans from their real status', async () => {
    const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
    const admin = api.client('admin');
    const sj = await admin.create(ResourceKind.SCHEDULED_JOB, scheduledJob('hourly', { schedule: '0 * * * *' }));
    await admin.updateStatus(ResourceKind.SCHEDULED_JOB, {
      ...sj,
      status: { lastScheduleTime: '2026-03-01T10:00:00Z' },
    });
    const skipping = await admin.create(
      ResourceKind.SCHEDULED_JOB,
      scheduledJob('skipping', { schedule: '0 * * * *', overlapPolicy: 'Skip' }),
    );
    await admin.updateStatus(ResourceKind.SCHEDULED_JOB, {
      ...skipping,
      status: { active: [{ name: 'skipping-29539260' }], lastScheduleTime: '2026-03-01T09:00:00Z' },
    });
    await admin.create(ResourceKind.JOB, {
      metadata: {
        name: 'skipping-29539260',
        namespace: NAMESPACE,
        ownerReferences: [
          {
            apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
            kind: 'ScheduledJob',
            name: 'skipping',
            uid: skipping.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: TEMPLATE.spec,
    });
    const io = fakeIo();
    const deps = daemonDependencies(api);
    const code = await runReconcile(['--dry-run', '--output', outputDir(), '--kubeconfig', 'kube.yaml'], io, deps);
    expect(code).toBe(0);
    expect(io.stdout()).toContain(
      'batch/hourly: nothing to create (noUnmetScheduleTime; next run 2026-03-01T11:00:00Z)',
    );
    expect(io.stdout()).toContain(
      'batch/skipping: nothing to create (forbidConcurrent: 1 run(s) still active; next run 2026-03-01T11:00:00Z)',
    );
    // ScheduledJobs, Jobs, and the CronJobs it reports as skipped.
    expect(api.requests()).toMatchObject({ list: 3 });
    expect(api.requests().create).toBe(3);
  });
});

describe('reconcile (the long-running reconciler)', () => {
  test('runs against the cluster until the shutdown signal, then exits 0', async () => {
    const clock = new SimulatedClock(NOW);
    const api = new ApiServerDouble({ clock });
    await api.client('admin').create(ResourceKind.SCHEDULED_JOB, scheduledJob('hourly', { schedule: '0 * * * *' }));
    const shutdown = new AbortController();
    const lines: string[] = [];
    let endpoints: RunningEndpoints | undefined;
    const deps: ReconcileDependencies = {
      ...daemonDependencies(api, clock),
      shutdownSignal: () => shutdown.signal,
      log: (line) => lines.push(line),
      env: { POD_NAME: 'reconciler-7d9f-abcde', POD_NAMESPACE: 'cdk8s-batch-system' },
      listening: (e) => (endpoints = e),
    };
    const io = fakeIo();
    const running = runReconcile(
      [
        '--metrics-address',
        '127.0.0.1:0',
        '--health-address',
        '127.0.0.1:0',
        '--namespace',
        NAMESPACE,
        '--resync',
        '60',
        '--log-level',
        'debug',
      ],
      io,
      deps,
    );
    while (endpoints === undefined) await new Promise((resolve) => setImmediate(resolve));
    await clock.advanceTo(Date.parse('2026-03-01T11:00:01Z'));
    expect(api.objects(ResourceKind.JOB).map((j) => j.metadata.name)).toEqual(['hourly-29539380']);
    expect(api.object(ResourceKind.LEASE, 'cdk8s-batch-system', 'cdk8s-batch-reconciler')?.spec?.holderIdentity).toBe(
      'reconciler-7d9f-abcde',
    );
    shutdown.abort();
    await clock.advance(0);
    expect(await running).toBe(0);
    const started = JSON.parse(lines[0]);
    expect(started).toMatchObject({
      level: 'info',
      msg: 'reconciler started',
      identity: 'reconciler-7d9f-abcde',
      namespace: NAMESPACE,
      lease: 'cdk8s-batch-system/cdk8s-batch-reconciler',
      resyncSeconds: 60,
    });
    expect(lines.some((l) => JSON.parse(l).level === 'debug')).toBe(true);
    expect(JSON.parse(lines[lines.length - 1]).msg).toBe('stopped');
  });

  test('the lease namespace comes from the flag, else POD_NAMESPACE, else the service account, else default', async () => {
    const leaseNamespaces: string[] = [];
    for (const setup of [
      { args: ['--lease-namespace', 'flag-ns'], env: { POD_NAMESPACE: 'env-ns' }, sa: 'sa-ns' },
      { args: [], env: { POD_NAMESPACE: 'env-ns' }, sa: 'sa-ns' },
      { args: [], env: {}, sa: 'sa-ns' },
      { args: [], env: {}, sa: undefined },
    ]) {
      const clock = new SimulatedClock(NOW);
      const api = new ApiServerDouble({ clock });
      const shutdown = new AbortController();
      const lines: string[] = [];
      let listening = false;
      const running = runReconcile(
        ['--metrics-address', '127.0.0.1:0', '--health-address', '127.0.0.1:0', ...setup.args],
        fakeIo(),
        {
          ...daemonDependencies(api, clock),
          env: setup.env,
          serviceAccountNamespace: () => setup.sa,
          shutdownSignal: () => shutdown.signal,
          log: (line) => lines.push(line),
          listening: () => (listening = true),
        },
      );
      while (!listening) await new Promise((resolve) => setImmediate(resolve));
      shutdown.abort();
      await clock.advance(0);
      await running;
      leaseNamespaces.push(JSON.parse(lines[0]).lease);
    }
    expect(leaseNamespaces).toEqual([
      'flag-ns/cdk8s-batch-reconciler',
      'env-ns/cdk8s-batch-reconciler',
      'sa-ns/cdk8s-batch-reconciler',
      'default/cdk8s-batch-reconciler',
    ]);
  });
});

describe('usage errors: one line, exit 2', () => {
  test.each([
    [['reconcile', '--dry-run'], '--dry-run needs --output DIR (where the Jobs are written)'],
    [
      ['reconcile', '--dry-run', '--output', 'x'],
      'give the manifest FILES to read ScheduledJobs from, or --kubeconfig to read them from the cluster',
    ],
    [
      ['reconcile', '--dry-run', '--output', 'x', '--now', 'noon', 'f.yaml'],
      '--now must be an ISO 8601 instant such as 2026-03-01T10:00:00Z, not "noon"',
    ],
    [['reconcile', '--dry-run', '--output', 'x', 'missing.yaml'], 'missing.yaml: no such file or directory'],
    [['reconcile', '--output', 'x'], '--output applies to --dry-run only'],
    [['reconcile', 'app.yaml'], 'unexpected argument "app.yaml" (FILES are read with --dry-run only)'],
    [['reconcile', '--metrics-address', '8080'], '--metrics-address must be HOST:PORT or :PORT, not "8080"'],
    [['reconcile', '--resync', '1'], '--resync must be a whole number from 10 to 86400, not "1"'],
    [['reconcile', '--log-level', 'loud'], '--log-level must be debug, info, warn or error, not "loud"'],
    [
      ['reconcile', '--kubernetes-version', '1.24'],
      '--kubernetes-version: unsupported Kubernetes version "1.24": use 1.25 or later (rules known up to 1.37), e.g. "1.35"',
    ],
    [['reconcile', '--leader'], "Unknown option '--leader'"],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `cdk8s-batch reconcile: ${message}\n` });
  });

  test('a kubeconfig that cannot be loaded', async () => {
    const r = await run(['reconcile', '--kubeconfig', 'missing.yaml'], {});
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "cdk8s-batch reconcile: cannot load the cluster configuration from missing.yaml: ENOENT: no such file or directory, open 'missing.yaml'\n",
    });
  });

  test('an address in use', async () => {
    const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
    let first: RunningEndpoints | undefined;
    const shutdown = new AbortController();
    const running = runReconcile(['--metrics-address', '127.0.0.1:0', '--health-address', '127.0.0.1:0'], fakeIo(), {
      ...daemonDependencies(api),
      shutdownSignal: () => shutdown.signal,
      listening: (e) => (first = e),
    });
    while (first === undefined) await new Promise((resolve) => setImmediate(resolve));
    const taken = `127.0.0.1:${first.metricsAddress.port}`;
    const r = await run(['reconcile', '--metrics-address', taken, '--health-address', '127.0.0.1:0'], {});
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdk8s-batch reconcile: cannot listen on ${taken} / 127.0.0.1:0: EADDRINUSE\n`,
    });
    shutdown.abort();
    expect(await running).toBe(0);
  });
});
