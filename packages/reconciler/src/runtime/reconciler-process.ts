/**
 * The reconciler as a process: the controller, leader election on a Lease, the HTTP endpoints,
 * metrics and JSON logs wired together, running until the shutdown signal. Shutdown is graceful:
 * stop taking work, finish the syncs in progress, release the Lease (the other replica takes over
 * within a retry period instead of a lease duration), close the endpoints, and return; nothing
 * calls `process.exit()`, so no log line is cut off.
 *
 * Everything from outside comes in through `ReconcilerEnvironment` (the cluster client, the clock,
 * the log sink, the shutdown signal), so tests run the whole process on the API server double.
 */
import { ClusterClient } from '../cluster/client';
import { Clock } from '../cluster/clock';
import { ScheduledJobController } from '../controller/controller';
import { LogLevel } from '../controller/observer';
import { LeaderElectionSettings } from '../leader/election-settings';
import { LeaderElector } from '../leader/leader-elector';
import { formatListenAddress, ListenAddress, ProbeResult, RunningEndpoints, serveEndpoints } from './http-endpoints';
import { InstrumentedClient } from './instrumented-client';
import { JsonLogger, LineSink } from './json-logger';
import { ReconcilerMetrics } from './metrics';

export const DEFAULT_LEASE_NAME = 'cdk8s-batch-reconciler';
export const DEFAULT_METRICS_ADDRESS = ':8080';
export const DEFAULT_HEALTH_ADDRESS = ':8081';
export const DEFAULT_RESYNC_SECONDS = 300;
/** The leader is unhealthy when keys wait and no sync has finished for this long. */
export const STALL_MS = 5 * 60_000;

export interface ReconcilerConfig {
  /** Reconcile ScheduledJobs in this namespace only. @default every namespace */
  readonly namespace?: string;
  readonly leaseNamespace: string;
  readonly leaseName: string;
  /** This replica's name (the Lease holder and the Events' reportingInstance). */
  readonly identity: string;
  readonly metricsAddress: ListenAddress;
  readonly healthAddress: ListenAddress;
  readonly resyncMs: number;
  /** @default LogLevel.INFO */
  readonly logLevel?: LogLevel;
  /** The release whose rules every Job must pass. @default "1.28" */
  readonly kubernetesVersion?: string;
  /** @default 4 */
  readonly workers?: number;
  /** @default DEFAULT_LEADER_ELECTION (15 s lease, 10 s renew deadline, 2 s retry) */
  readonly leaderElection?: LeaderElectionSettings;
}

export interface ReconcilerEnvironment {
  readonly client: ClusterClient;
  readonly clock: Clock;
  /** Where the JSON log lines go. */
  readonly log: LineSink;
  /** Aborted to shut down (SIGTERM, SIGINT). */
  readonly shutdown: AbortSignal;
  /** Told where the endpoints listen, once they do. @default nothing */
  readonly listening?: (endpoints: RunningEndpoints) => void;
}

/** Runs until `env.shutdown` is aborted, then shuts down gracefully. Rejects only when it cannot start (an address in use). */
export async function runReconciler(config: ReconcilerConfig, env: ReconcilerEnvironment): Promise<void> {
  const logger = new JsonLogger(env.log, env.clock, config.logLevel ?? LogLevel.INFO);
  // The metric sources are read at scrape time, when the controller and the elector exist.
  const metrics: ReconcilerMetrics = new ReconcilerMetrics({
    queueDepth: (): number => controller.queueDepth,
    leading: (): boolean => elector.isLeader(),
  });
  const client = new InstrumentedClient(env.client, (verb, reason) => metrics.apiError(verb, reason));
  const elector = new LeaderElector({
    client,
    clock: env.clock,
    namespace: config.leaseNamespace,
    leaseName: config.leaseName,
    identity: config.identity,
    settings: config.leaderElection,
    listener: {
      startedLeading: () => {
        logger.log(LogLevel.INFO, 'started leading', {
          lease: `${config.leaseNamespace}/${config.leaseName}`,
          identity: config.identity,
        });
        controller.resyncAll();
      },
      stoppedLeading: () => logger.log(LogLevel.INFO, 'stopped leading', { identity: config.identity }),
      newLeader: (holder) => logger.log(LogLevel.INFO, 'observed leader', { leader: holder === '' ? null : holder }),
      requestFailed: (error) => logger.log(LogLevel.DEBUG, 'lease request failed', { error: String(error) }),
    },
  });
  const controller: ScheduledJobController = new ScheduledJobController({
    client,
    clock: env.clock,
    leadership: elector,
    identity: config.identity,
    namespace: config.namespace,
    resyncMs: config.resyncMs,
    workers: config.workers,
    kubernetesVersion: config.kubernetesVersion,
    logger,
    observer: metrics,
  });

  let stopping = false;
  const endpoints = await serveEndpoints(config.metricsAddress, config.healthAddress, {
    health: () => health(stopping, elector.isLeader(), controller.queueDepth, controller.lastSyncAt, env.clock.now()),
    readiness: () =>
      stopping
        ? { ok: false, reason: 'shutting down' }
        : controller.ready
          ? { ok: true }
          : { ok: false, reason: 'caches not synced yet' },
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.text() }),
  });
  env.listening?.(endpoints);
  logger.log(LogLevel.INFO, 'reconciler started', {
    identity: config.identity,
    namespace: config.namespace ?? null,
    lease: `${config.leaseNamespace}/${config.leaseName}`,
    metrics: formatListenAddress(endpoints.metricsAddress),
    health: formatListenAddress(endpoints.healthAddress),
    resyncSeconds: config.resyncMs / 1000,
  });
  controller.start();
  elector.start();

  await new Promise<void>((resolve) => {
    if (env.shutdown.aborted) resolve();
    else env.shutdown.addEventListener('abort', () => resolve(), { once: true });
  });
  stopping = true;
  logger.log(LogLevel.INFO, 'shutting down: finishing the syncs in progress');
  await controller.stop();
  await elector.stop(true);
  await endpoints.close();
  logger.log(LogLevel.INFO, 'stopped');
}

/** Liveness: alive unless shutting down, or leading with work waiting and no sync finished for STALL_MS. */
export function health(
  stopping: boolean,
  leading: boolean,
  queueDepth: number,
  lastSyncAt: number | undefined,
  now: number,
): ProbeResult {
  if (stopping) return { ok: false, reason: 'shutting down' };
  if (leading && queueDepth > 0 && lastSyncAt !== undefined && now - lastSyncAt > STALL_MS) {
    return {
      ok: false,
      reason: `${queueDepth} ScheduledJob(s) waiting and no sync finished for ${Math.round((now - lastSyncAt) / 1000)} s`,
    };
  }
  return { ok: true };
}
