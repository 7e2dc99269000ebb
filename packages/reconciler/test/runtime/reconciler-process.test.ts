/** The whole reconciler process on the API server double: two replicas, real HTTP endpoints, graceful shutdown. */
import { LeaseObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { FaultKind, Verb } from '../support/api-server-double/faults';
import { RunningEndpoints } from '../../src/runtime/http-endpoints';
import { health, ReconcilerConfig, runReconciler, STALL_MS } from '../../src/runtime/reconciler-process';
import { NAMESPACE, scheduledJob } from '../controller/support/harness';

const START = Date.parse('2026-03-01T00:00:00Z');

function config(identity: string): ReconcilerConfig {
  return {
    namespace: NAMESPACE,
    leaseNamespace: 'cdk8s-batch-system',
    leaseName: 'cdk8s-batch-reconciler',
    identity,
    metricsAddress: { host: '127.0.0.1', port: 0 },
    healthAddress: { host: '127.0.0.1', port: 0 },
    resyncMs: 300_000,
  };
}

class Replica {
  readonly lines: string[] = [];
  readonly shutdown = new AbortController();
  endpoints!: RunningEndpoints;
  readonly done: Promise<void>;
  private listening!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.listening = resolve));

  constructor(
    api: ApiServerDouble,
    clock: SimulatedClock,
    readonly identity: string,
  ) {
    this.done = runReconciler(config(identity), {
      client: api.client(identity),
      clock,
      log: (line) => this.lines.push(line),
      shutdown: this.shutdown.signal,
      listening: (endpoints) => {
        this.endpoints = endpoints;
        this.listening();
      },
    });
  }

  messages(): string[] {
    return this.lines.map((line) => JSON.parse(line).msg);
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const port = path === '/metrics' ? this.endpoints.metricsAddress.port : this.endpoints.healthAddress.port;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  }
}

test('two replicas: one leads and creates, metrics and probes answer, SIGTERM hands over at once', async () => {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock, seed: 7 });
  await api.client('admin').create(ResourceKind.SCHEDULED_JOB, scheduledJob('hourly', { schedule: '0 * * * *' }));
  const a = new Replica(api, clock, 'replica-a');
  await a.ready;
  await clock.advance(0);
  const b = new Replica(api, clock, 'replica-b');
  await b.ready;
  await clock.advance(5_000);
  const lease = () => api.object(ResourceKind.LEASE, 'cdk8s-batch-system', 'cdk8s-batch-reconciler') as LeaseObject;
  expect(lease().spec?.holderIdentity).toBe('replica-a');
  expect(await a.get('/readyz')).toEqual({ status: 200, body: 'ok\n' });
  expect(await b.get('/healthz')).toEqual({ status: 200, body: 'ok\n' });

  await clock.advanceTo(Date.parse('2026-03-01T01:00:01Z'));
  expect(api.objects(ResourceKind.JOB).map((j) => j.metadata.name)).toEqual(['hourly-29538780']);
  const metricsA = (await a.get('/metrics')).body;
  expect(metricsA).toContain('cdk8s_batch_reconciler_leader 1');
  expect(metricsA).toContain('cdk8s_batch_reconciler_runs_created_total{run_kind="Scheduled"} 1');
  expect(metricsA).toMatch(/cdk8s_batch_reconciler_api_errors_total\{verb="get",reason="NotFound"\} \d+/);
  expect((await b.get('/metrics')).body).toContain('cdk8s_batch_reconciler_leader 0');

  // SIGTERM to the leader: it finishes, releases the Lease, closes its endpoints and returns.
  a.shutdown.abort();
  await clock.advance(0);
  await a.done;
  expect(lease().spec?.holderIdentity).toBe('');
  expect(a.messages().slice(-3)).toEqual([
    'shutting down: finishing the syncs in progress',
    'stopped leading',
    'stopped',
  ]);
  await expect(fetch(`http://127.0.0.1:${a.endpoints.healthAddress.port}/healthz`)).rejects.toThrow();

  // The other replica takes over within a retry period, not a lease duration.
  await clock.advance(5_000);
  expect(lease().spec?.holderIdentity).toBe('replica-b');
  await clock.advanceTo(Date.parse('2026-03-01T02:00:01Z'));
  expect(api.objects(ResourceKind.JOB).map((j) => j.metadata.name)).toEqual(['hourly-29538780', 'hourly-29538840']);
  expect(b.messages()).toContain('started leading');

  b.shutdown.abort();
  await clock.advance(0);
  await b.done;
  for (const line of [...a.lines, ...b.lines])
    expect(Object.keys(JSON.parse(line)).slice(0, 3)).toEqual(['time', 'level', 'msg']);
  expect(clock.sleepers).toBe(0);
});

test('readiness waits for the caches; a shutdown before anything happened still ends cleanly', async () => {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock });
  api.faults.inject({ verbs: [Verb.LIST], fault: FaultKind.SLOW, delayMs: 1000, times: 2 });
  const replica = new Replica(api, clock, 'solo');
  await replica.ready;
  expect(await replica.get('/readyz')).toEqual({ status: 503, body: 'caches not synced yet\n' });
  await clock.advance(1000);
  expect((await replica.get('/readyz')).status).toBe(200);
  replica.shutdown.abort();
  await clock.advance(0);
  await replica.done;
  expect(replica.messages()[0]).toBe('reconciler started');
});

test('an address in use: runReconciler rejects before starting anything', async () => {
  const clock = new SimulatedClock(START);
  const api = new ApiServerDouble({ clock });
  const first = new Replica(api, clock, 'first');
  await first.ready;
  const taken = first.endpoints.metricsAddress;
  await expect(
    runReconciler(
      { ...config('second'), metricsAddress: { host: '127.0.0.1', port: taken.port } },
      { client: api.client('second'), clock, log: () => undefined, shutdown: new AbortController().signal },
    ),
  ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  first.shutdown.abort();
  await clock.advance(0);
  await first.done;
});

test('liveness: unhealthy when shutting down, or when the leader has work waiting and no sync finished for too long', () => {
  expect(health(false, true, 0, undefined, 0)).toEqual({ ok: true });
  expect(health(true, false, 0, undefined, 0)).toEqual({ ok: false, reason: 'shutting down' });
  expect(health(false, true, 5, 0, STALL_MS)).toEqual({ ok: true });
  expect(health(false, true, 5, 0, STALL_MS + 1000)).toEqual({
    ok: false,
    reason: '5 ScheduledJob(s) waiting and no sync finished for 301 s',
  });
  expect(health(false, false, 5, 0, STALL_MS + 1000)).toEqual({ ok: true });
  expect(health(false, true, 0, 0, STALL_MS + 1000)).toEqual({ ok: true });
});
