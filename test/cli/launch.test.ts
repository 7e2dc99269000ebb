/**
 * The library's `launch` and `trigger cronjob/NAME` as dry runs from the examples app's manifests
 * (what `cdk8s synth` writes), and `reconcile --dry-run` naming the CronJobs it leaves alone: Jobs
 * written to files that our own lint passes, one name per idempotency key, refused parameters
 * named with exit 2. (Against a cluster, the runtime package's tests cover them.)
 */
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { buildExamplesApp } from '../../examples/app';
import { runCli } from '../../src/cli/main';
import { parseTriggerTarget } from '../../src/cli/trigger';
import { fakeIo } from '../support/fake-io';

const scratch = mkdtempSync(join(tmpdir(), 'cdk8s-batch-launch-'));
const dist = join(scratch, 'dist');
buildExamplesApp(dist).synth();

async function run(args: string[]) {
  const io = fakeIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** The one object of `kind` in a manifest file of `dist`. */
function objectIn(file: string, kind: string): any {
  const objects = parseAllDocuments(readFileSync(join(dist, file), 'utf8')).map((d) => d.toJS());
  return objects.find((o) => o.kind === kind);
}

function outputDir(): string {
  return mkdtempSync(join(scratch, 'out-'));
}

/** The one file in `dir`, parsed. */
function onlyJob(dir: string): any {
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return parse(readFileSync(join(dir, files[0]), 'utf8'));
}

const INVOICE = [
  'launch',
  'invoice-generator',
  '--param',
  'SUBSCRIPTION_ID=sub-1',
  '--param',
  'BILLING_PERIOD=2026-11',
];

describe('launch --dry-run', () => {
  test('writes a lint-clean Job whose containers carry the two values; the same key the same name, another key another', async () => {
    const out = outputDir();
    const r = await run([...INVOICE, '--idempotency-key', 'evt-1', '--dry-run', '--output', out, dist]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const job = onlyJob(out);
    expect(r.stdout).toBe(
      `jobtemplate billing/invoice-generator: Job ${job.metadata.name} -> ${join(out, `billing_${job.metadata.name}.yaml`)}\n`,
    );
    expect(job.metadata.name).toMatch(/^invoice-generator-[0-9a-f]{10}$/);
    expect(job.spec.template.spec.containers[0].env).toEqual([
      { name: 'OUTPUT_BUCKET', value: 'acme-invoices' },
      { name: 'SUBSCRIPTION_ID', value: 'sub-1' },
      { name: 'BILLING_PERIOD', value: '2026-11' },
    ]);
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 300, backoffLimit: 3, ttlSecondsAfterFinished: 172800 });
    const lint = await run(['lint', out, '--format', 'json']);
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout)).toEqual({ checked: 1, findings: [] });

    const again = outputDir();
    await run([...INVOICE, '--idempotency-key', 'evt-1', '--dry-run', '--output', again, dist]);
    expect(onlyJob(again).metadata.name).toBe(job.metadata.name);
    const other = outputDir();
    await run([...INVOICE, '--idempotency-key', 'evt-2', '--dry-run', '--output', other, dist]);
    expect(onlyJob(other).metadata.name).not.toBe(job.metadata.name);
  });

  test('without a key: a generateName, so each `kubectl create -f` is a new Job', async () => {
    const out = outputDir();
    expect((await run([...INVOICE, '--dry-run', '--output', out, dist])).code).toBe(0);
    expect(onlyJob(out).metadata).toMatchObject({ generateName: 'invoice-generator-' });
  });

  test.each<[string, string[], RegExp]>([
    [
      'SUBSCRIPTION_ID left out',
      ['launch', 'invoice-generator', '--param', 'BILLING_PERIOD=2026-11'],
      /^cdk8s-batch launch: parameter SUBSCRIPTION_ID is required/,
    ],
    [
      'a value outside its pattern',
      [...INVOICE.slice(0, 4), '--param', 'BILLING_PERIOD=2026-13'],
      /^cdk8s-batch launch: parameter BILLING_PERIOD: the value "2026-13" does not match/,
    ],
    ['an unknown parameter', [...INVOICE, '--param', 'COLOUR=red'], /^cdk8s-batch launch: unknown parameter COLOUR/],
    // Names an object's prototype holds are parameters like any other, refused as unknown.
    [
      'a parameter named __proto__',
      [...INVOICE, '--param', '__proto__=x'],
      /^cdk8s-batch launch: unknown parameter __proto__/,
    ],
    [
      'a parameter named toString',
      [...INVOICE, '--param', 'toString=x'],
      /^cdk8s-batch launch: unknown parameter toString/,
    ],
    [
      'a parameter named constructor',
      [...INVOICE, '--param', 'constructor=x'],
      /^cdk8s-batch launch: unknown parameter constructor/,
    ],
    [
      '__proto__ given twice',
      [...INVOICE, '--param', '__proto__=x', '--param', '__proto__=y'],
      /^cdk8s-batch launch: parameter __proto__ is given twice/,
    ],
    [
      'a parameter given twice',
      [...INVOICE, '--param', 'BILLING_PERIOD=2026-12'],
      /^cdk8s-batch launch: parameter BILLING_PERIOD is given twice/,
    ],
    ['a --param without "="', [...INVOICE, '--param', 'COLOUR'], /^cdk8s-batch launch: --param must be KEY=VALUE/],
    [
      'no such template',
      ['launch', 'invoices', '--param', 'A=1'],
      /^cdk8s-batch launch: no JobTemplate invoices found in the FILES/,
    ],
  ])('%s: exit 2, naming it, nothing written', async (_name, args, message) => {
    const out = outputDir();
    const r = await run([...args, '--dry-run', '--output', out, dist]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });

  test("a refusal lists the template's parameters", async () => {
    const r = await run(['launch', 'invoice-generator', '--dry-run', '--output', outputDir(), dist]);
    expect(r.stderr).toContain(
      "the template's parameters:\n  SUBSCRIPTION_ID (required, pattern sub-[a-z0-9]{1,32}, env): The subscription that renewed",
    );
  });

  test('against a cluster, the library names the runtime', async () => {
    const r = await run([...INVOICE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-batch launch: launch against a cluster needs the reconciler runtime/);
  });
});

describe('trigger cronjob/NAME --dry-run', () => {
  const cronJob = objectIn('nightly-report.k8s.yaml', 'CronJob');
  const name: string = cronJob.metadata.name;

  test('writes the Job kubectl create job --from=cronjob/NAME creates, with the manual annotation; our lint passes it', async () => {
    const out = outputDir();
    const r = await run([
      'trigger',
      `cronjob/${name}`,
      '--dry-run',
      '--output',
      out,
      '--now',
      '2026-03-01T10:00:00Z',
      dist,
    ]);
    expect(r.code).toBe(0);
    const job = onlyJob(out);
    expect(r.stdout.split('\n')[0]).toBe(
      `cronjob default/${name}: run-now Job ${job.metadata.name} -> ${join(out, `default_${job.metadata.name}.yaml`)}`,
    );
    expect(job.metadata).toEqual({
      name: `${name}-m${(Date.parse('2026-03-01T10:00:00Z') / 1000).toString(36)}`,
      labels: cronJob.spec.jobTemplate.metadata.labels,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
    });
    expect(job.spec).toEqual(cronJob.spec.jobTemplate.spec);
    const lint = await run(['lint', out]);
    expect(lint.code).toBe(0);
  });

  test('a bare NAME is a ScheduledJob, and says so when only a CronJob has it', async () => {
    const r = await run(['trigger', name, '--dry-run', '--output', outputDir(), dist]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdk8s-batch trigger: no ScheduledJob ${name} found, but a CronJob ${name} is: run it now with cdk8s-batch trigger cronjob/${name}\n`,
    });
  });

  test('cronjob/NAME of a ScheduledJob says so', async () => {
    const scheduled = objectIn('scheduled-job.k8s.yaml', 'ScheduledJob');
    const r = await run(['trigger', `cronjob/${scheduled.metadata.name}`, '--dry-run', '--output', outputDir(), dist]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `a ScheduledJob ${scheduled.metadata.name} is: cdk8s-batch trigger scheduledjob/${scheduled.metadata.name}`,
    );
  });

  test.each<[string, { kind: string; name: string }]>([
    ['nightly', { kind: 'bare', name: 'nightly' }],
    ['cronjob/nightly', { kind: 'cronjob', name: 'nightly' }],
    ['cj/nightly', { kind: 'cronjob', name: 'nightly' }],
    ['scheduledjob/nightly', { kind: 'scheduledjob', name: 'nightly' }],
    ['sj/nightly', { kind: 'scheduledjob', name: 'nightly' }],
  ])('%s', (text, target) => {
    expect(parseTriggerTarget(text)).toEqual(target);
  });

  test('another kind is bad usage', () => {
    expect(() => parseTriggerTarget('deployment/web')).toThrow(
      '"deployment/web" is not NAME, cronjob/NAME or scheduledjob/NAME',
    );
  });
});

test('reconcile --dry-run names each CronJob it skipped, and why', async () => {
  const r = await run(['reconcile', '--dry-run', '--output', outputDir(), '--now', '2026-03-01T10:00:00Z', dist]);
  expect(r.code).toBe(0);
  const skipped = r.stdout.split('\n').filter((line) => line.includes(': skipped: a CronJob'));
  expect(skipped).toHaveLength(3);
  expect(skipped[0]).toMatch(
    /^default\/\S+: skipped: a CronJob, which Kubernetes' CronJob controller runs, not the reconciler \(run it now: cdk8s-batch trigger cronjob\/\S+\)$/,
  );
  expect(r.stdout).toMatch(/planned 1 ScheduledJob at 2026-03-01T10:00:00Z: wrote 0 Jobs to .*; skipped 3 CronJobs\n$/);
});
