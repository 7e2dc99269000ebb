/** `cdk8s-batch trigger`: run-now through the client (the double in process; the real adapter once, as a real process). */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { UsageError } from 'cdk8s-batch/lib/src/cli/io';
import { runCli } from 'cdk8s-batch/lib/src/cli/main';
import { runTrigger } from 'cdk8s-batch/lib/src/cli/trigger';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { runNowJobName } from 'cdk8s-batch/lib/src/reconciler/plan/job-names';
import { doubleDependencies, NAMESPACE, scheduledJob } from '../controller/support/harness';
import { clusterCommandDependencies } from '../../src/cli/cluster-connection';
import { noConfigurationMessage, SERVICE_ACCOUNT_TOKEN } from '../../src/cluster/default-configuration';
import { fakeIo } from '../../../../test/support/fake-io';
import { RUNTIME_MAIN, RUNTIME_NODE } from '../support/runtime-process';

const NOW = Date.parse('2026-03-01T10:20:00.750Z');
const scratch = mkdtempSync(join(tmpdir(), 'trigger-cli-'));

async function trigger(args: string[], api: ApiServerDouble, contextNamespace?: string) {
  const io = fakeIo();
  try {
    const code = await runTrigger(args, io, clusterCommandDependencies(doubleDependencies(api, NOW, contextNamespace)));
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout: io.stdout(), stderr: `cdk8s-batch trigger: ${error.message}\n` };
  }
}

async function cluster() {
  const api = new ApiServerDouble({ clock: new SimulatedClock(NOW) });
  await api
    .client('admin')
    .create(ResourceKind.SCHEDULED_JOB, scheduledJob('nightly', { schedule: '0 3 * * *', suspend: true }));
  return api;
}

test('sets spec.runNowAt to now (whole seconds) and names the Job the reconciler will create', async () => {
  const api = await cluster();
  const r = await trigger(['nightly', '--namespace', NAMESPACE, '--kubeconfig', 'kube.yaml'], api);
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout: `scheduledjob batch/nightly: run requested for 2026-03-01T10:20:00Z; the reconciler creates Job ${runNowJobName('nightly', Date.parse('2026-03-01T10:20:00Z'))}\n`,
  });
  const stored = api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'nightly')!;
  expect(stored.spec).toMatchObject({ schedule: '0 3 * * *', suspend: true, runNowAt: '2026-03-01T10:20:00Z' });
  expect(stored.metadata.generation).toBe(2);
});

test("without --namespace, the kubeconfig context's namespace is used", async () => {
  const api = await cluster();
  expect((await trigger(['nightly'], api, NAMESPACE)).code).toBe(0);
  expect(api.object(ResourceKind.SCHEDULED_JOB, NAMESPACE, 'nightly')!.spec).toMatchObject({
    runNowAt: '2026-03-01T10:20:00Z',
  });
});

test('a conflicting write is retried on the fresh object', async () => {
  const api = await cluster();
  api.faults.inject({ verbs: [Verb.UPDATE], kinds: [ResourceKind.SCHEDULED_JOB], fault: FaultKind.CONFLICT, times: 2 });
  expect((await trigger(['nightly', '--namespace', NAMESPACE], api)).code).toBe(0);
  expect(api.requests()).toMatchObject({ get: 3, update: 3 });
});

test('an unknown ScheduledJob, or a cluster that refuses: one line, exit 2', async () => {
  const api = await cluster();
  expect(await trigger(['nope', '--namespace', NAMESPACE], api)).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'cdk8s-batch trigger: cannot read from the cluster: scheduledjobs.scheduling.cdk8s-batch.io "nope" not found\n',
  });
  api.faults.inject({ verbs: [Verb.UPDATE], fault: FaultKind.SERVER_ERROR, times: 10 });
  const r = await trigger(['nightly', '--namespace', NAMESPACE], api);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^cdk8s-batch trigger: cannot update ScheduledJob batch\/nightly: injected InternalError/);
});

test('--dry-run --output writes the run-now Job instead, from a file', async () => {
  const file = join(scratch, 'app.yaml');
  writeFileSync(file, stringify(scheduledJob('nightly', { schedule: '0 3 * * *', suspend: true })));
  const out = join(scratch, 'out');
  const api = await cluster();
  const r = await trigger(['nightly', '--dry-run', '--output', out, file], api);
  const name = runNowJobName('nightly', Date.parse('2026-03-01T10:20:00Z'));
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout: `scheduledjob batch/nightly: run-now request for 2026-03-01T10:20:00Z creates Job ${name} -> ${join(out, `batch_${name}.yaml`)}\n`,
  });
  expect(readdirSync(out)).toEqual([`batch_${name}.yaml`]);
  expect(
    parse(readFileSync(join(out, `batch_${name}.yaml`), 'utf8')).metadata.labels['scheduling.cdk8s-batch.io/run-kind'],
  ).toBe('RunNow');
  expect(api.requests().update).toBeUndefined();
});

test('--dry-run with a template the rules reject: nothing written, exit 1', async () => {
  const file = join(scratch, 'broken.yaml');
  writeFileSync(
    file,
    stringify(
      scheduledJob('nightly', {
        schedule: '0 3 * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm' }] } } } },
      }),
    ),
  );
  const r = await trigger(['nightly', '--dry-run', '--output', join(scratch, 'none'), file], await cluster());
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /^scheduledjob batch\/nightly: no run-now Job: Job nightly-r\w+ was not created: the rules found 1 error\(s\): pod-container-image-required/,
  );
});

test.each([
  [[], 'missing NAME, e.g. cdk8s-batch trigger nightly-report'],
  [['a', 'b.yaml'], 'unexpected argument "b.yaml" (FILES are read with --dry-run only)'],
  [['a', '--now', '2026-03-01T00:00:00Z'], '--now applies to --dry-run only'],
  [['a', '--dry-run'], '--dry-run needs --output DIR (where the Jobs are written)'],
  [['a', '--dry-run', '--output', 'o', 'missing.yaml'], 'missing.yaml: no such file or directory'],
])('usage error %j', async (args, message) => {
  const io = fakeIo();
  expect(await runCli(['trigger', ...args], io)).toBe(2);
  expect(io.stderr()).toBe(`cdk8s-batch trigger: ${message}\n`);
});

/** The runtime's command as a process, with `env`. */
function runRuntime(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(RUNTIME_NODE, [RUNTIME_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('through the real client-node adapter, as a real process', () => {
  let server: Server;
  const seen: string[] = [];
  let stored = {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: { name: 'nightly', namespace: 'ns', resourceVersion: '7' },
    spec: { schedule: '0 3 * * *' },
  };

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        seen.push(`${request.method} ${request.url}`);
        const path = '/apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs/nightly';
        response.setHeader('content-type', 'application/json');
        if (request.url === path && request.method === 'GET') {
          response.end(JSON.stringify(stored));
        } else if (request.url === path && request.method === 'PUT') {
          stored = {
            ...JSON.parse(Buffer.concat(chunks).toString('utf8')),
            metadata: { ...stored.metadata, resourceVersion: '8' },
          };
          response.end(JSON.stringify(stored));
        } else {
          response.statusCode = 404;
          response.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              reason: 'NotFound',
              code: 404,
              message: 'not found',
            }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(scratch, { recursive: true, force: true });
  });

  test('trigger NAME reads the context namespace and writes spec.runNowAt', async () => {
    const kubeconfig = join(scratch, 'kubeconfig.yaml');
    const port = (server.address() as AddressInfo).port;
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u, namespace: ns}\ncurrent-context: x\n`,
    );
    const result = await runRuntime(['trigger', 'nightly', '--kubeconfig', kubeconfig], process.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^scheduledjob ns\/nightly: run requested for \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z; the reconciler creates Job nightly-r[0-9a-z]+\n$/,
    );
    expect(seen).toEqual([
      'GET /apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs/nightly',
      'PUT /apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs/nightly',
    ]);
    expect((stored.spec as { runNowAt?: string }).runNowAt).toMatch(/Z$/);
  }, 40_000);

  // Without any configuration client-node would aim at http://localhost:8080 and fail with "HTTP
  // protocol is not allowed when skipTLSVerify is not set or false". (Inside a pod there is one.)
  (existsSync(SERVICE_ACCOUNT_TOKEN) ? test.skip : test)(
    'trigger NAME with no configuration anywhere says so, in one line, exit 2',
    async () => {
      const home = mkdtempSync(join(scratch, 'home-'));
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
      delete env.KUBECONFIG;
      const result = await runRuntime(['trigger', 'nightly'], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `cdk8s-batch trigger: cannot load the cluster configuration: ${noConfigurationMessage(home)}\n`,
      );
      expect(result.stderr).not.toMatch(/HTTP protocol|skipTLSVerify/);
    },
    40_000,
  );
});
