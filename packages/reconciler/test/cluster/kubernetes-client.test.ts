/**
 * The client-node adapter against a loopback HTTP server that plays the API server for a fixed
 * set of requests. The adapter runs in a child Node process (see support/kubernetes-client-driver.ts:
 * Jest cannot import the ES module); the server here records what it was asked. Both are bounded:
 * the driver exits after 20 s at most, and the server closes after the test.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body?: any;
}

const TOKEN = 'loopback-test-token';
const JOBS = '/apis/batch/v1/namespaces/ns/jobs';
const requests: Recorded[] = [];
let server: Server;
let directory: string;
let kubeconfig: string;
let refusedKubeconfig: string;

function status(response: ServerResponse, code: number, reason: string, message: string): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }),
  );
}

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function watchStream(response: ServerResponse, events: unknown[], end: boolean): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  for (const event of events) response.write(JSON.stringify(event) + '\n');
  if (end) response.end();
}

const job = (name: string, resourceVersion: string, namespace = 'ns') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace, resourceVersion, uid: `uid-${name}` },
  spec: {},
});

/** The API server's side of each request the driver makes. */
function answer(request: Recorded, response: ServerResponse): void {
  const route = `${request.method} ${request.path}`;
  if (request.query.watch === 'true') {
    if (request.path === JOBS) {
      return watchStream(
        response,
        [
          { type: 'ADDED', object: job('a', '8') },
          { type: 'MODIFIED', object: job('a', '9') },
          { type: 'BOOKMARK', object: { kind: 'Job', apiVersion: 'batch/v1', metadata: { resourceVersion: '10' } } },
          {
            type: 'ERROR',
            object: {
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              message: 'too old resource version: 7 (9)',
              reason: 'Expired',
              code: 410,
            },
          },
        ],
        false,
      );
    }
    if (request.path === '/apis/batch/v1/namespaces/clean/jobs')
      return watchStream(response, [{ type: 'ADDED', object: job('b', '11', 'clean') }], true);
    return status(response, 403, 'Forbidden', 'jobs.batch is forbidden');
  }
  switch (route) {
    case `GET ${JOBS}/a`:
      return json(response, 200, job('a', '5'));
    case `GET ${JOBS}/missing`:
      return status(response, 404, 'NotFound', 'jobs.batch "missing" not found');
    case 'GET /apis/batch/v1/jobs':
      return json(response, 200, {
        kind: 'JobList',
        apiVersion: 'batch/v1',
        metadata: { resourceVersion: '42' },
        items: [{ metadata: { name: 'a', namespace: 'ns', resourceVersion: '5' } }],
      });
    case 'GET /apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs':
      return json(response, 200, {
        kind: 'ScheduledJobList',
        apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
        metadata: { resourceVersion: '43' },
        items: [],
      });
    case `POST ${JOBS}`:
      if (request.body?.metadata?.name === 'taken')
        return status(response, 409, 'AlreadyExists', 'jobs.batch "taken" already exists');
      return json(response, 201, {
        ...request.body,
        metadata: { ...request.body.metadata, resourceVersion: '6', uid: 'uid-new' },
      });
    case `PUT ${JOBS}/a`:
      if (request.body?.metadata?.resourceVersion !== '5')
        return status(
          response,
          409,
          'Conflict',
          'Operation cannot be fulfilled on jobs.batch "a": the object has been modified',
        );
      return json(response, 200, { ...request.body, metadata: { ...request.body.metadata, resourceVersion: '7' } });
    case 'PUT /apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs/s/status':
      return json(response, 200, { ...request.body, metadata: { ...request.body.metadata, resourceVersion: '4' } });
    case `DELETE ${JOBS}/a`:
      return json(response, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Success',
        details: { name: 'a', kind: 'jobs' },
      });
    case 'GET /apis/coordination.k8s.io/v1/namespaces/ns/leases/broken':
      return status(response, 500, 'InternalError', 'etcdserver: leader changed');
    case 'GET /apis/coordination.k8s.io/v1/namespaces/ns/leases/busy':
      return status(response, 429, 'TooManyRequests', 'the server has received too many requests');
    case 'GET /apis/coordination.k8s.io/v1/namespaces/ns/leases/slow':
      return; // never answers: the client's timeout must fire
    default:
      return status(response, 404, 'NotFound', `no route for ${route}`);
  }
}

/** A kubeconfig for the loopback server (client-node allows plain HTTP only with TLS verification off). */
function kubeconfigFor(port: number): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: loopback',
    `  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}`,
    'users:',
    '- name: tester',
    `  user: {token: ${TOKEN}}`,
    'contexts:',
    '- name: test',
    '  context: {cluster: loopback, user: tester, namespace: ns}',
    'current-context: test',
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = createServer((message: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      const url = new URL(message.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = {
        method: message.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: message.headers.authorization,
        contentType: message.headers['content-type'],
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(recorded);
      answer(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  directory = mkdtempSync(join(tmpdir(), 'kubernetes-client-'));
  kubeconfig = join(directory, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, kubeconfigFor((server.address() as AddressInfo).port));
  // A port nobody listens on: bind one, note it, release it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  refusedKubeconfig = join(directory, 'refused.yaml');
  writeFileSync(refusedKubeconfig, kubeconfigFor(closedPort));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

/** Runs the driver to completion (at most 30 s) and returns what it printed. */
function runDriver(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const driver = join(__dirname, 'support', 'kubernetes-client-driver.ts');
    const child: ChildProcess = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', driver, kubeconfig, refusedKubeconfig],
      {
        cwd: join(__dirname, '..', '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

let output: { exported: Record<string, string>; results: Record<string, any> };

beforeAll(async () => {
  const run = await runDriver();
  if (run.code !== 0) throw new Error(`driver exited with ${run.code}: ${run.stderr}`);
  output = JSON.parse(run.stdout.trim().split('\n').pop()!);
}, 60_000);

const find = (method: string, path: string, where: (r: Recorded) => boolean = () => true) =>
  requests.find((r) => r.method === method && r.path === path && where(r));

test('client-node loads through a native dynamic import and has what the adapter uses', () => {
  expect(output.exported).toEqual({
    KubeConfig: 'function',
    BatchV1Api: 'function',
    CustomObjectsApi: 'function',
    CoordinationV1Api: 'function',
    Watch: 'function',
    Observable: 'function',
  });
  expect(output.results.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('every request carries the kubeconfig token', () => {
  expect(requests.length).toBeGreaterThan(10);
  expect(requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
});

test('get returns the object as sent; 404 becomes NOT_FOUND with the server message', () => {
  expect(output.results.get.ok).toEqual({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'a', namespace: 'ns', resourceVersion: '5', uid: 'uid-a' },
    spec: {},
  });
  expect(output.results.getMissing.error).toEqual({
    reason: 'NotFound',
    code: 404,
    message: 'jobs.batch "missing" not found',
    isClusterError: true,
  });
});

test('list across namespaces sends the label selector and puts apiVersion and kind back on the items', () => {
  expect(find('GET', '/apis/batch/v1/jobs')?.query).toEqual({ labelSelector: 'app=x,tier=batch' });
  expect(output.results.listAll.ok).toEqual({
    items: [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'a', namespace: 'ns', resourceVersion: '5' } }],
    resourceVersion: '42',
  });
  expect(output.results.listNamespaced.ok).toEqual({ items: [], resourceVersion: '43' });
});

test('create posts JSON with apiVersion and kind; 409 AlreadyExists is told apart from Conflict', () => {
  const post = find('POST', '/apis/batch/v1/namespaces/ns/jobs', (r) => r.body?.metadata?.name === 'new');
  expect(post?.contentType).toBe('application/json');
  expect(post?.body).toEqual({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'new', namespace: 'ns' },
    spec: { template: {} },
  });
  expect(output.results.create.ok.metadata.resourceVersion).toBe('6');
  expect(output.results.createTaken.error).toMatchObject({ reason: 'AlreadyExists', code: 409 });
});

test('update replaces with the resourceVersion in the body; a stale one is CONFLICT', () => {
  expect(find('PUT', '/apis/batch/v1/namespaces/ns/jobs/a')?.body.metadata.resourceVersion).toBe('5');
  expect(output.results.update.ok.metadata.resourceVersion).toBe('7');
  expect(output.results.updateStale.error).toMatchObject({ reason: 'Conflict', code: 409 });
});

test('updateStatus goes to the status subresource', () => {
  const put = find('PUT', '/apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/ns/scheduledjobs/s/status');
  expect(put?.body).toEqual({
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    metadata: { name: 's', namespace: 'ns', resourceVersion: '3' },
    status: { active: [] },
  });
  expect(output.results.updateStatus.ok.metadata.resourceVersion).toBe('4');
});

test('delete sends the propagation policy and the preconditions in DeleteOptions', () => {
  expect(find('DELETE', '/apis/batch/v1/namespaces/ns/jobs/a')?.body).toEqual({
    propagationPolicy: 'Background',
    preconditions: { uid: 'u-1', resourceVersion: '7' },
  });
  expect(output.results.delete).not.toHaveProperty('error');
});

test('500 and 429 are SERVER_ERROR; no answer within the request timeout and a refused connection are TIMEOUT', () => {
  expect(output.results.serverError.error).toMatchObject({
    reason: 'ServerError',
    code: 500,
    message: 'etcdserver: leader changed',
  });
  expect(output.results.throttled.error).toMatchObject({ reason: 'ServerError', code: 429 });
  expect(output.results.timeout.error).toMatchObject({ reason: 'Timeout', code: 0 });
  expect(output.results.refused.error).toMatchObject({ reason: 'Timeout', code: 0 });
  expect(output.results.refused.error.message).toContain('ECONNREFUSED');
});

test('a watch delivers events and bookmarks in order, then ends with GONE on an ERROR 410 line', () => {
  expect(find('GET', '/apis/batch/v1/namespaces/ns/jobs', (r) => r.query.watch === 'true')?.query).toEqual({
    watch: 'true',
    allowWatchBookmarks: 'true',
    resourceVersion: '7',
    labelSelector: 'app=x',
  });
  expect(output.results.watchGone).toEqual({
    events: ['ADDED a@8', 'MODIFIED a@9', 'BOOKMARK @10'],
    closed: 'Gone 410',
  });
});

test('a watch the server ends closes cleanly; a refused watch closes with the mapped error', () => {
  expect(find('GET', '/apis/batch/v1/namespaces/clean/jobs')?.query).toEqual({
    watch: 'true',
    allowWatchBookmarks: 'false',
  });
  expect(output.results.watchClean).toEqual({ events: ['ADDED b@11'], closed: 'clean' });
  expect(output.results.watchDenied).toEqual({ events: [], closed: 'Forbidden 403' });
});
