/**
 * `cdk8s-batch reconcile` as a real process through the real client-node adapter, against a
 * loopback server playing an empty cluster: it lists, watches, takes the Lease, serves its probes,
 * and on SIGTERM releases the Lease and exits 0 on its own (nothing left holding the event loop).
 */
import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { RUNTIME_MAIN, RUNTIME_NODE } from '../support/runtime-process';

const LEASE = '/apis/coordination.k8s.io/v1/namespaces/system/leases/cdk8s-batch-reconciler';
let server: Server;
let directory: string;
const seen: string[] = [];
let lease: Record<string, unknown> | undefined;
let version = 10;

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function answer(request: IncomingMessage, body: string, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  seen.push(`${request.method} ${url.pathname}${url.searchParams.get('watch') === 'true' ? ' (watch)' : ''}`);
  if (url.searchParams.get('watch') === 'true') {
    // An open watch on which nothing happens; the API server sends its headers at once.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.flushHeaders();
    return;
  }
  if (request.method === 'GET' && (url.pathname.endsWith('/scheduledjobs') || url.pathname.endsWith('/jobs')))
    return json(response, 200, { items: [], metadata: { resourceVersion: '1' } });
  if (url.pathname === LEASE && request.method === 'GET') {
    if (lease === undefined)
      return json(response, 404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: 'not found',
      });
    return json(response, 200, lease);
  }
  if (url.pathname === LEASE.replace(/\/[^/]+$/, '') && request.method === 'POST') {
    const created = JSON.parse(body);
    lease = { ...created, metadata: { ...created.metadata, resourceVersion: String(++version) } };
    return json(response, 201, lease);
  }
  if (url.pathname === LEASE && request.method === 'PUT') {
    const updated = JSON.parse(body);
    lease = { ...updated, metadata: { ...updated.metadata, resourceVersion: String(++version) } };
    return json(response, 200, lease);
  }
  json(response, 404, {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: `no route ${url.pathname}`,
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => answer(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  directory = mkdtempSync(join(tmpdir(), 'reconcile-process-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

test('runs, leads, answers its probes, and on SIGTERM releases the Lease and exits 0', async () => {
  const kubeconfig = join(directory, 'kubeconfig.yaml');
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`,
  );
  const child: ChildProcess = spawn(
    RUNTIME_NODE,
    [
      RUNTIME_MAIN,
      'reconcile',
      '--kubeconfig',
      kubeconfig,
      '--lease-namespace',
      'system',
      '--metrics-address',
      '127.0.0.1:0',
      '--health-address',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POD_NAME: 'reconciler-0' } },
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = () =>
    stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (c) => {
      stdout += c;
      if (lines().some((l) => l.msg === 'started leading')) resolve();
    });
  });
  const started = lines().find((l) => l.msg === 'reconciler started');
  const health = Number(String(started.health).split(':').pop());
  const readyz = await fetch(`http://127.0.0.1:${health}/readyz`);
  expect(readyz.status).toBe(200);
  const metricsPort = Number(String(started.metrics).split(':').pop());
  expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain(
    'cdk8s_batch_reconciler_leader 1',
  );
  expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toBe('reconciler-0');

  child.kill('SIGTERM');
  const code = await exited;
  clearTimeout(killer);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(lines().slice(-1)[0].msg).toBe('stopped');
  expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toBe('');
  expect(seen).toEqual(
    expect.arrayContaining([
      'GET /apis/scheduling.cdk8s-batch.io/v1alpha1/scheduledjobs',
      'GET /apis/batch/v1/jobs',
      'GET /apis/scheduling.cdk8s-batch.io/v1alpha1/scheduledjobs (watch)',
      'GET /apis/batch/v1/jobs (watch)',
      `POST ${LEASE.replace(/\/[^/]+$/, '')}`,
      `PUT ${LEASE}`,
    ]),
  );
}, 60_000);
