/** `cdk8s-batch plan`: case files and ScheduledJob manifests, in process through runCli, and once as a real process. */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { buildExamplesApp } from '../../examples/app';
import { runCli } from '../../src/cli/main';
import { ANSWER_KEYS } from '../reconciler/plan/support';
import { fakeIo } from '../support/fake-io';

const BIN = join(__dirname, '..', '..', 'lib', 'src', 'cli', 'main.js');
const FIXTURES = join(__dirname, '..', 'fixtures', 'plan');
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const scratch = mkdtempSync(join(tmpdir(), 'plan-cli-'));

async function run(args: string[], stdin = '') {
  const io = fakeIo(stdin);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

function caseFile(content: unknown): string {
  const file = join(scratch, `case-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const good = {
  cronJob: { schedule: '0 * * * *' },
  creationTimestamp: '2026-03-01T00:00:00Z',
  now: '2026-03-01T10:00:00.1Z',
};

describe('cdk8s-batch plan --format json', () => {
  test.each(fixtures)('%s: exactly the eleven expect keys, equal to the fixture', async (name) => {
    const r = await run(['plan', join(FIXTURES, name), '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(ANSWER_KEYS);
    expect(answer).toEqual(fixture(name).expect);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  test('options may come first, and - reads the case from stdin', async () => {
    const r = await run(['plan', '--format', 'json', '-'], JSON.stringify(good));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      createJobFor: '2026-03-01T10:00:00Z',
      createJobName: 'mycronjob-29539320',
      requeueAfterMs: 3_600_000,
    });
  });
});

describe('cdk8s-batch plan (text)', () => {
  test('is the default, and explains the decision', async () => {
    const r = await run(['plan', join(FIXTURES, 'upstream-replace.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('report at 2026-03-01T10:00:00.1Z');
    expect(r.stdout).toContain('create    report-29539320 for 2026-03-01T10:00:00Z (scheduled run)');
    expect(r.stdout).toContain('delete    active: report-29539260; finished (history limits): report-29539080');
    expect(r.stdout).toContain('requeue   next run 2026-03-01T11:00:00Z; sync again in 1h0m0s');
  });

  test("shows why nothing was created and the extensions' state", async () => {
    const paused = await run(['plan', join(FIXTURES, 'pause-after-failures.json')]);
    expect(paused.stdout).toContain('create    nothing: paused (3 consecutive runs failed (pauseAfterFailures 3))');
    expect(paused.stdout).toContain('condition Paused=True ConsecutiveFailures');
    expect(paused.stdout).toContain('requeue   not until the object or one of its Jobs changes');
    const queued = await run(['plan', join(FIXTURES, 'overlap-buffer-one.json'), '--format=text']);
    expect(queued.stdout).toContain('queue     2026-03-01T10:00:00Z');
    const backfill = await run(['plan', join(FIXTURES, 'backfill.json')]);
    expect(backfill.stdout).toContain(
      'backfill  2026-03-01T00:00:00Z..2026-03-01T03:00:00Z: 2 run(s) created through 2026-03-01T01:00:00Z',
    );
  });
});

describe('mistakes: exit 2, one line naming the field, no stack trace', () => {
  test.each([
    [
      'a missing file',
      () => join(scratch, 'nope.json'),
      /^cdk8s-batch plan: cannot read .*nope\.json: no such file or directory\n$/,
    ],
    ['text that is not JSON', () => caseFile('{"cronJob": '), /^cdk8s-batch plan: .*: not JSON: /],
    ['a list instead of a case', () => caseFile([good]), /\.json: must be an object, not a list\n$/],
    [
      'no cronJob',
      () => caseFile({ now: good.now, creationTimestamp: good.creationTimestamp }),
      /: cronJob: Required value: the CronJob or ScheduledJob spec/,
    ],
    ['no now', () => caseFile({ ...good, now: undefined }), /: now: Required value: the instant to plan at\n$/],
    ['a bad instant', () => caseFile({ ...good, now: '2026-03-01 10:00' }), /: now: must be an RFC 3339 instant/],
    [
      'a date that does not exist',
      () => caseFile({ ...good, now: '2026-02-30T10:00:00Z' }),
      /: now: must be an RFC 3339 instant/,
    ],
    [
      'a lower-case zone, which Kubernetes refuses',
      () => caseFile({ ...good, creationTimestamp: '2026-03-01T00:00:00z' }),
      /: creationTimestamp: must be an RFC 3339 instant/,
    ],
    ['an unknown top-level field', () => caseFile({ ...good, nowe: 1 }), /: nowe: unknown field/],
    [
      'a misspelt extension field',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', jiterSeconds: 5 } }),
      /: cronJob.jiterSeconds: unknown field/,
    ],
    [
      'a wrong type',
      () => caseFile({ ...good, cronJob: { schedule: 5 } }),
      /: cronJob.schedule: must be a string, not 5\n$/,
    ],
    [
      'a negative deadline',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', startingDeadlineSeconds: -1 } }),
      /: cronJob.startingDeadlineSeconds: must be a whole number of at least 0, not -1\n$/,
    ],
    [
      'an unknown concurrencyPolicy',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Sometimes' } }),
      /: cronJob.concurrencyPolicy: must be one of Allow, Forbid, Replace/,
    ],
    [
      'a Job without a name',
      () => caseFile({ ...good, activeJobs: [{}] }),
      /: activeJobs\[0\].name: Required value: a name\n$/,
    ],
    [
      'a finished Job without an outcome',
      () => caseFile({ ...good, finishedJobs: [{ name: 'x' }] }),
      /: finishedJobs\[0\].succeeded: Required value: true \(the Job is Complete\) or false \(Failed\)\n$/,
    ],
    [
      'two Jobs with one name',
      () => caseFile({ ...good, activeJobs: [{ name: 'x' }], finishedJobs: [{ name: 'x', succeeded: true }] }),
      /: finishedJobs\[0\].name: duplicate Job name x/,
    ],
    [
      'a bad exclusion window',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', exclusions: [{ hours: '9-33' }] } }),
      /: cronJob.exclusions\[0\].hours: "9-33" is not a time range/,
    ],
  ])('%s', async (_label, file, message) => {
    const r = await run(['plan', file(), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    [['plan'], 'expected a case file or ScheduledJob manifests'],
    [['plan', '-', 'b.json'], '- (stdin) is read alone'],
    [['plan', join(FIXTURES, 'jitter.json'), '--now', '2026-03-01T00:00:00Z'], '--now applies to manifests'],
    [['plan', join(FIXTURES, 'jitter.json'), '--name', 'x'], '--name applies to manifests'],
    [['plan', join(FIXTURES, 'jitter.json'), '--format', 'yaml'], '--format must be text or json'],
    [['plan', join(FIXTURES, 'jitter.json'), '--explain'], "Unknown option '--explain'"],
  ])('usage: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('--help prints the usage', async () => {
    const r = await run(['plan', '--help']);
    expect(r).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('cdk8s-batch plan CASE.json [--format text|json]'),
    });
  });

  test('no case file, however malformed, crashes the command', async () => {
    const valid = fixture('backfill.json');
    const mutated = fc
      .tuple(
        fc.constantFrom(...Object.keys(valid), ...Object.keys(valid.cronJob).map((k) => `cronJob.${k}`)),
        fc.jsonValue(),
      )
      .map(([path, value]) => {
        const copy = JSON.parse(JSON.stringify(valid));
        const [head, tail] = path.split('.');
        if (tail === undefined) copy[head] = value;
        else copy[head][tail] = value;
        return copy;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutated), async (content) => {
        const r = await run(['plan', '-', '--format', 'json'], JSON.stringify(content));
        expect([0, 2]).toContain(r.code);
        // Every problem on a line of its own, naming the file (and the field).
        if (r.code === 2)
          for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^cdk8s-batch plan: -: ./);
        else expect(Object.keys(JSON.parse(r.stdout))).toEqual(ANSWER_KEYS);
      }),
      { numRuns: 300 },
    );
  });
});

describe('every problem at once, each with its field path', () => {
  test('a case with several mistakes reports all of them, one line each, in the order of the case', async () => {
    const file = caseFile({
      ...good,
      now: '2026-02-30T10:00:00Z',
      cronJob: {
        schedule: '0 * * * *',
        jitterSeconds: '5',
        overlapPolicy: 'BufferOne',
        bufferLimit: 3,
        exclusions: [{ hours: '9-33' }],
        runNowAt: 'soon',
        catchUpPolicy: 'UpTo',
        nme: 'x',
      },
      activeJobs: [{ name: 'a', startTime: 'yesterday' }],
      finishedJobs: [{ name: 'a', succeeded: true }, { name: 'b' }],
      status: { queue: ['2026-03-01T09:00:00Z', 7], consecutiveFailure: 2 },
    });
    const r = await run(['plan', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line.startsWith(`cdk8s-batch plan: ${file}: `)).toBe(true);
    const fields = lines.map((l) => l.slice(`cdk8s-batch plan: ${file}: `.length).split(': ')[0]);
    expect(fields).toEqual([
      // what only a case has, checked as it is translated
      'now',
      'finishedJobs[1].succeeded',
      // then the ScheduledJob it describes: spec, status, Jobs
      'cronJob.nme',
      'cronJob.jitterSeconds',
      'cronJob.runNowAt',
      'status.consecutiveFailure',
      'status.queue[1]',
      'activeJobs[0].startTime',
      'finishedJobs[0].name',
    ]);
    expect(r.stderr).toContain('cronJob.jitterSeconds: must be a number, not "5"');
    expect(r.stderr).toContain('finishedJobs[0].name: duplicate Job name a');
  });

  test("the plan's own checks are all reported too, under the case's paths", async () => {
    const file = caseFile({
      ...good,
      cronJob: {
        schedule: '0 * * * *',
        overlapPolicy: 'BufferOne',
        bufferLimit: 300,
        catchUpPolicy: 'UpTo',
        exclusions: [{ hours: '9-33' }],
      },
    });
    const r = await run(['plan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(': cronJob.bufferLimit: must be a whole number from 1 to 100, not 300\n');
    expect(r.stderr).toContain(': cronJob.bufferLimit: applies to overlapPolicy BufferAll only\n');
    expect(r.stderr).toContain(': cronJob.catchUpLimit: is required with catchUpPolicy UpTo');
    expect(r.stderr).toContain(': cronJob.exclusions[0].hours: "9-33" is not a time range');
  });
});

describe('cdk8s-batch plan MANIFEST (a ScheduledJob, e.g. cdk8s synth output)', () => {
  const scheduledJob = {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: { name: 'etl', namespace: 'data' },
    spec: {
      schedule: '0 * * * *',
      overlapPolicy: 'Skip',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'x:1' }] } } },
      },
    },
  };
  const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
  const manifest = (...objects: unknown[]) => {
    const file = join(scratch, `manifest-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
    return file;
  };
  const at = ['--now', '2026-03-01T10:00:30Z'];
  /** Where document `index` of a `manifest` file starts: `file:line (document index)`. */
  const place = (file: string, index: number) => {
    const separators = readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line === '---' ? [i + 2] : []));
    return `${file}:${index === 0 ? 1 : separators[index - 1]} (document ${index})`;
  };

  test('YAML with other objects: the ScheduledJob is planned at --now, as created then (nothing is due yet)', async () => {
    const r = await run(['plan', manifest(other, scheduledJob), ...at, '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      createJobFor: null,
      createJobName: null,
      deleteActive: [],
      skippedReason: 'noUnmetScheduleTime',
      warnTooManyMissed: false,
      nextScheduleTime: '2026-03-01T11:00:00Z',
      requeueAfterMs: 3_570_100,
      deleteFinished: [],
      statusActiveAfter: [],
      lastScheduleTimeAfter: null,
      lastSuccessfulTimeAfter: null,
    });
  });

  test('its creationTimestamp and status count, and the Jobs it owns (kubectl get sj,jobs -o yaml: a List)', async () => {
    const owned = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'etl-29539260',
        namespace: 'data',
        ownerReferences: [
          {
            apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
            kind: 'ScheduledJob',
            name: 'etl',
            uid: 'u1',
            controller: true,
          },
        ],
      },
      status: { startTime: '2026-03-01T09:00:01Z' },
    };
    const stranger = { ...owned, metadata: { name: 'other-1', namespace: 'data' } };
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          ...scheduledJob,
          metadata: { ...scheduledJob.metadata, uid: 'u1', creationTimestamp: '2026-02-01T00:00:00Z' },
          status: { active: [{ name: 'etl-29539260' }], lastScheduleTime: '2026-03-01T09:00:00Z' },
        },
        owned,
        stranger,
      ],
    };
    const r = await run(['plan', manifest(list), ...at]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('etl at 2026-03-01T10:00:30Z');
    expect(r.stdout).toContain('create    nothing: forbidConcurrent');
    expect(r.stdout).toContain('status    active: etl-29539260;');
  });

  test('JSON manifests and stdin work too', async () => {
    const file = join(scratch, 'sj.json');
    const created = {
      ...scheduledJob,
      metadata: { ...scheduledJob.metadata, creationTimestamp: '2026-03-01T00:00:00Z' },
    };
    writeFileSync(file, JSON.stringify(created));
    const fromFile = await run(['plan', file, '--now', '2026-03-01T11:00:00Z', '--format', 'json']);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ createJobName: 'etl-29539380' });
    const fromStdin = await run(['plan', '-', '--now', '2026-03-01T11:00:00Z', '--format', 'json'], stringify(created));
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  test('the examples app as cdk8s synth writes it', async () => {
    const file = join(scratch, 'app.k8s.yaml');
    writeFileSync(file, buildExamplesApp().synthYaml());
    const r = await run(['plan', file, '--now', '2026-03-02T12:00:00Z', '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({
      skippedReason: 'noUnmetScheduleTime',
      nextScheduleTime: expect.any(String),
    });
  });

  test('--name (and --namespace) pick one of several; several without it, or none, is a usage error', async () => {
    const second = {
      ...scheduledJob,
      metadata: { name: 'etl', namespace: 'other' },
      spec: { ...scheduledJob.spec, schedule: '30 * * * *' },
    };
    const file = manifest(scheduledJob, second);
    const both = await run(['plan', file, ...at]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('2 ScheduledJobs (data/etl, other/etl); pick one with --name (and --namespace)');
    const picked = await run(['plan', file, ...at, '--name', 'etl', '--namespace', 'other', '--format', 'json']);
    expect(JSON.parse(picked.stdout)).toMatchObject({ nextScheduleTime: '2026-03-01T10:30:00Z' });
    const missing = await run(['plan', file, ...at, '--name', 'nope']);
    expect(missing.stderr).toContain('no ScheduledJob nope among data/etl, other/etl');
    const none = await run(['plan', manifest(other), ...at]);
    expect(none.stderr).toContain('no ScheduledJob (scheduling.cdk8s-batch.io/v1alpha1) in the manifests');
  });

  test('one ScheduledJob defined twice (same namespace and name) is one line naming both places, even with --name and --namespace', async () => {
    // An empty document (null) between them, as `---` twice leaves.
    const file = manifest(other, scheduledJob, null, scheduledJob);
    const r = await run(['plan', file, ...at, '--name', 'etl', '--namespace', 'data']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdk8s-batch plan: ScheduledJob data/etl is defined twice, at ${place(file, 1)} and at ${place(file, 3)}: the cluster holds one object per kind, namespace and name (kubectl apply would apply the later over the earlier); remove one\n`,
    });
  });

  test('a Job listed twice, in a List too, is refused the same way; the same name in two namespaces is not', async () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'etl-1', namespace: 'data' } };
    const list = { apiVersion: 'v1', kind: 'List', items: [job] };
    const file = manifest(scheduledJob, list, job);
    const r = await run(['plan', file, ...at]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `cdk8s-batch plan: Job data/etl-1 is defined twice, at ${place(file, 1)} items[0] and at ${place(file, 2)}: the cluster holds one object per kind, namespace and name (kubectl apply would apply the later over the earlier); remove one\n`,
    );
    const elsewhere = { ...job, metadata: { ...job.metadata, namespace: 'other' } };
    expect((await run(['plan', manifest(scheduledJob, list, elsewhere), ...at])).code).toBe(0);
  });

  test('every problem of the spec and status, with the object and the field path', async () => {
    const bad = {
      ...scheduledJob,
      spec: { ...scheduledJob.spec, jitterSeconds: 90_000, runNowAt: '2026-02-30T00:00:00Z', suspend: 'maybe' },
      status: { lastScheduleTime: 'never' },
    };
    const file = manifest(bad);
    const r = await run(['plan', file, ...at]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `cdk8s-batch plan: ${file}: scheduledjob data/etl: spec.suspend: must be true or false, not "maybe"`,
      `cdk8s-batch plan: ${file}: scheduledjob data/etl: spec.runNowAt: must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not "2026-02-30T00:00:00Z"`,
      `cdk8s-batch plan: ${file}: scheduledjob data/etl: status.lastScheduleTime: must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not "never"`,
    ]);
  });

  test('--now must be an instant that exists; a broken file is reported where it breaks', async () => {
    const badNow = await run(['plan', manifest(scheduledJob), '--now', '2026-02-30T00:00:00Z']);
    expect(badNow).toMatchObject({ code: 2, stderr: expect.stringContaining('--now must be an RFC 3339 instant') });
    const file = join(scratch, 'broken.yaml');
    writeFileSync(file, 'kind: ScheduledJob\nspec: [\n');
    const broken = await run(['plan', file, ...at]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^cdk8s-batch plan: .*broken\.yaml:\d+:\d+: /);
  });
});

describe('the installed command', () => {
  test('node lib/src/cli/main.js plan FILE --format json', () => {
    const r = spawnSync(process.execPath, [BIN, 'plan', join(FIXTURES, 'catch-up-up-to.json'), '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(fixture('catch-up-up-to.json').expect);
  });
});
