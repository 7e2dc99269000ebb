/** `cdk8s-batch backfill`: spec.backfill through the client, and the dry run that lists (and writes) the runs. */
import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { runBackfill } from 'cdk8s-batch/lib/src/cli/backfill';
import { UsageError } from 'cdk8s-batch/lib/src/cli/io';
import { runCli } from 'cdk8s-batch/lib/src/cli/main';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { doubleDependencies, NAMESPACE, scheduledJob, TEMPLATE } from '../controller/support/harness';
import { clusterCommandDependencies } from '../../src/cli/cluster-connection';
import { fakeIo } from '../../../../test/support/fake-io';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'backfill-cli-'));
const RANGE = ['--from', '2026-03-01T00:00:00Z', '--to', '2026-03-01T05:30:00Z'];

async function backfill(args: string[], api: ApiServerDouble) {
  const io = fakeIo();
  try {
    const code = await runBackfill(args, io, clusterCommandDependencies(doubleDependencies(api, NOW)));
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout: io.stdout(), stderr: `cdk8s-batch backfill: ${error.message}\n` };
  }
}

async function cluster() {
  const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
  await api
    .client('admin')
    .create(
      ResourceKind.SCHEDULED_JOB,
      scheduledJob('rollup', { schedule: '0 * * * *', exclusions: [{ hours: '02:00-03:00' }] }),
    );
  return api;
}

test('sets spec.backfill on the resource', async () => {
  const api = await cluster();
  const r = await backfill(['rollup', ...RANGE, '--max-runs', '4', '--namespace', NAMESPACE], api);
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout:
      'scheduledjob batch/rollup: backfill requested for 2026-03-01T00:00:00Z to 2026-03-01T05:30:00Z (at most 4 runs)\n',
  });
  expect(api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'rollup')!.spec).toMatchObject({
    backfill: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T05:30:00Z', maxRuns: 4 },
  });
});

test('--dry-run lists the runs (exclusions applied), skipping times whose Job exists, and changes nothing', async () => {
  const api = await cluster();
  const sj = api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'rollup')!;
  await api.client('admin').create(ResourceKind.JOB, {
    metadata: {
      name: 'rollup-29538780',
      namespace: NAMESPACE,
      ownerReferences: [
        {
          apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
          kind: 'ScheduledJob',
          name: 'rollup',
          uid: sj.metadata.uid!,
          controller: true,
        },
      ],
    },
    spec: TEMPLATE.spec,
  });
  const r = await backfill(['rollup', ...RANGE, '--dry-run', '--kubeconfig', 'kube.yaml'], api);
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      'scheduledjob batch/rollup: backfill 2026-03-01T00:00:00Z to 2026-03-01T05:30:00Z creates 4 runs',
      '  rollup-29538720  2026-03-01T00:00:00Z',
      '  rollup-29538780  2026-03-01T01:00:00Z  skipped: its Job exists',
      '  rollup-29538900  2026-03-01T03:00:00Z',
      '  rollup-29538960  2026-03-01T04:00:00Z',
      '  rollup-29539020  2026-03-01T05:00:00Z',
      '',
    ].join('\n'),
  });
  expect(api.requests().update).toBeUndefined();
});

test('--dry-run --output writes each backfill Job; --max-runs stops the list', async () => {
  const file = join(scratch, 'app.yaml');
  writeFileSync(file, stringify(scheduledJob('rollup', { schedule: '0 * * * *' })));
  const out = join(scratch, 'out');
  const r = await backfill(
    ['rollup', ...RANGE, '--max-runs', '2', '--dry-run', '--output', out, file],
    await cluster(),
  );
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')[0]).toBe(
    'scheduledjob batch/rollup: backfill 2026-03-01T00:00:00Z to 2026-03-01T05:30:00Z creates 2 runs (stopped at --max-runs 2)',
  );
  expect(readdirSync(out).sort()).toEqual(['batch_rollup-29538720.yaml', 'batch_rollup-29538780.yaml']);
});

test('--dry-run: a Job the rules refuse is reported (exit 1); a schedule that cannot be parsed too', async () => {
  const file = join(scratch, 'bad.yaml');
  writeFileSync(
    file,
    [
      stringify(
        scheduledJob('rollup', {
          schedule: '0 * * * *',
          jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm' }] } } } },
        }),
      ),
      stringify(scheduledJob('odd', { schedule: '61 * * * *' })),
    ].join('---\n'),
  );
  const refused = await backfill(['rollup', ...RANGE, '--max-runs', '1', '--dry-run', file], await cluster());
  expect(refused.code).toBe(1);
  expect(refused.stdout).toContain(
    'rollup-29538720  2026-03-01T00:00:00Z  REFUSED: Job rollup-29538720 was not created: the rules found 1 error(s): pod-container-image-required',
  );
  const odd = await backfill(['odd', ...RANGE, '--dry-run', file], await cluster());
  expect(odd.code).toBe(1);
  expect(odd.stdout).toMatch(/^scheduledjob batch\/odd: cannot backfill: schedule: /);
});

test.each([
  [['rollup', '--to', '2026-03-01T00:00:00Z'], '--from is required (an ISO 8601 instant such as 2026-03-01T00:00:00Z)'],
  [
    ['rollup', '--from', 'yesterday', '--to', '2026-03-01T00:00:00Z'],
    '--from must be an ISO 8601 instant such as 2026-03-01T00:00:00Z, not "yesterday"',
  ],
  [['rollup', '--from', '2026-03-02T00:00:00Z', '--to', '2026-03-01T00:00:00Z'], '--to must not be before --from'],
  [['rollup', ...RANGE, '--max-runs', '5000'], '--max-runs must be a whole number from 1 to 1000, not "5000"'],
  [
    [...RANGE],
    'missing NAME, e.g. cdk8s-batch backfill nightly-report --from 2026-03-01T00:00:00Z --to 2026-03-02T00:00:00Z',
  ],
  [['rollup', ...RANGE, 'x.yaml'], 'unexpected argument "x.yaml" (FILES are read with --dry-run only)'],
  [['rollup', ...RANGE, '--dry-run', '--namespace', 'nowhere', 'x.yaml'], 'x.yaml: no such file or directory'],
])('usage error %j', async (args, message) => {
  const io = fakeIo();
  expect(await runCli(['backfill', ...args], io)).toBe(2);
  expect(io.stderr()).toBe(`cdk8s-batch backfill: ${message}\n`);
});

test('an unknown name among the files is a usage error', async () => {
  const file = join(scratch, 'one.yaml');
  writeFileSync(file, stringify(scheduledJob('rollup', { schedule: '0 * * * *' })));
  expect(await backfill(['other', ...RANGE, '--dry-run', file], await cluster())).toEqual({
    code: 2,
    stdout: '',
    stderr: 'cdk8s-batch backfill: no ScheduledJob other found\n',
  });
});

test('a --from after now is a usage error: a backfill replays runs that were due already', async () => {
  const file = join(scratch, 'future.yaml');
  writeFileSync(file, stringify(scheduledJob('rollup', { schedule: '0 * * * *' })));
  const later = ['--from', '2026-03-03T00:00:00Z', '--to', '2026-03-04T00:00:00Z'];
  expect(await backfill(['rollup', ...later, '--dry-run', file], await cluster())).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'cdk8s-batch backfill: --from 2026-03-03T00:00:00Z is after now (2026-03-02T12:00:00Z): a backfill replays runs that were due already\n',
  });
  // A range that reaches past now is cut at now, as before.
  const reaching = ['--from', '2026-03-02T10:00:00Z', '--to', '2026-03-04T00:00:00Z'];
  expect((await backfill(['rollup', ...reaching, '--dry-run', file], await cluster())).code).toBe(0);
});
