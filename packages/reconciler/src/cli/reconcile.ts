/**
 * `cdk8s-batch-reconciler reconcile`: runs the schedule reconciler against a cluster (in-cluster
 * config by default, or `--kubeconfig`) until SIGTERM. `reconcile --dry-run` is the library's
 * (from FILES, or from this cluster with --kubeconfig).
 */
import { readFileSync } from 'fs';
import { hostname } from 'os';
import { CLUSTER_COMMAND_OPTIONS, kubernetesVersionOption } from 'cdk8s-batch/lib/src/cli/cluster-command';
import { CliIo, ExitCode, UsageError } from 'cdk8s-batch/lib/src/cli/io';
import { integerOption, ParsedOptions, parseOptions, stringOption } from 'cdk8s-batch/lib/src/cli/options';
import { RECONCILE_DRY_RUN_USAGE, runReconcileDryRun } from 'cdk8s-batch/lib/src/cli/reconcile';
import { Clock, SystemClock } from '../cluster/clock';
import { LogLevel } from '../controller/observer';
import { formatListenAddress, ListenAddress, parseListenAddress, RunningEndpoints } from '../runtime/http-endpoints';
import { LineSink, parseLogLevel } from '../runtime/json-logger';
import {
  DEFAULT_HEALTH_ADDRESS,
  DEFAULT_LEASE_NAME,
  DEFAULT_METRICS_ADDRESS,
  DEFAULT_RESYNC_SECONDS,
  runReconciler,
} from '../runtime/reconciler-process';
import { CLIENT_DEPENDENCIES, ClientDependencies, clusterCommandDependencies } from './cluster-connection';

export const RECONCILE_USAGE = `cdk8s-batch reconcile [--kubeconfig PATH] [--namespace NS] [--lease-namespace NS] [--lease-name NAME]
    [--metrics-address HOST:PORT] [--health-address HOST:PORT] [--resync SECONDS] [--log-level debug|info|warn|error]
    [--kubernetes-version X.Y]
  runs the schedule reconciler until SIGTERM (in-cluster config unless --kubeconfig)
${RECONCILE_DRY_RUN_USAGE}`;

/** The service account's namespace file, mounted in every pod. */
const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
/** The Lease's namespace when none is given and none can be found. */
const DEFAULT_NAMESPACE = 'default';

/** What the long-running reconciler also needs. */
export interface ReconcileDependencies extends ClientDependencies {
  readonly clock: Clock;
  /** Aborted on SIGTERM or SIGINT. */
  shutdownSignal(): AbortSignal;
  readonly log: LineSink;
  /** Environment variables (POD_NAME, POD_NAMESPACE). */
  readonly env: { readonly [name: string]: string | undefined };
  hostname(): string;
  /** The pod's namespace from its service account, if mounted. */
  serviceAccountNamespace(): string | undefined;
  /** Told where the endpoints listen. */
  readonly listening?: (endpoints: RunningEndpoints) => void;
}

function processDependencies(): ReconcileDependencies {
  return {
    ...CLIENT_DEPENDENCIES,
    clock: new SystemClock(),
    shutdownSignal: () => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return controller.signal;
    },
    log: (line) => process.stdout.write(line),
    env: process.env,
    hostname,
    serviceAccountNamespace: () => {
      try {
        return readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim() || undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export async function runReconcile(
  args: readonly string[],
  io: CliIo,
  deps: ReconcileDependencies = processDependencies(),
): Promise<number> {
  if (args.includes('--dry-run')) return runReconcileDryRun(args, io, clusterCommandDependencies(deps));
  const parsed = parseOptions(args, {
    ...CLUSTER_COMMAND_OPTIONS,
    'lease-namespace': { type: 'string' },
    'lease-name': { type: 'string' },
    'metrics-address': { type: 'string' },
    'health-address': { type: 'string' },
    resync: { type: 'string' },
    'log-level': { type: 'string' },
  });
  const kubernetesVersion = kubernetesVersionOption(parsed);
  for (const name of ['output', 'now']) {
    if (parsed.values[name] !== undefined) throw new UsageError(`--${name} applies to --dry-run only`);
  }
  if (parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (FILES are read with --dry-run only)`);

  const logLevelText = stringOption(parsed, 'log-level', LogLevel.INFO)!;
  const logLevel = parseLogLevel(logLevelText);
  if (logLevel === undefined)
    throw new UsageError(`--log-level must be debug, info, warn or error, not "${logLevelText}"`);
  const config = {
    namespace: stringOption(parsed, 'namespace'),
    leaseNamespace:
      stringOption(parsed, 'lease-namespace') ??
      deps.env.POD_NAMESPACE ??
      deps.serviceAccountNamespace() ??
      DEFAULT_NAMESPACE,
    leaseName: stringOption(parsed, 'lease-name', DEFAULT_LEASE_NAME)!,
    identity: deps.env.POD_NAME ?? deps.hostname(),
    metricsAddress: addressOption(parsed, 'metrics-address', DEFAULT_METRICS_ADDRESS),
    healthAddress: addressOption(parsed, 'health-address', DEFAULT_HEALTH_ADDRESS),
    resyncMs: integerOption(parsed, 'resync', DEFAULT_RESYNC_SECONDS, 10, 86_400) * 1000,
    logLevel,
    kubernetesVersion,
  };
  const kubeconfig = stringOption(parsed, 'kubeconfig');
  let client;
  try {
    ({ client } = await deps.connect(kubeconfig));
  } catch (error) {
    throw new UsageError(
      `cannot load the cluster configuration${kubeconfig === undefined ? '' : ` from ${kubeconfig}`}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
    );
  }
  try {
    await runReconciler(config, {
      client,
      clock: deps.clock,
      log: deps.log,
      shutdown: deps.shutdownSignal(),
      listening: deps.listening,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(
        `cannot listen on ${formatListenAddress(config.metricsAddress)} / ${formatListenAddress(config.healthAddress)}: ${code}`,
      );
    }
    throw error;
  }
  return ExitCode.OK;
}

function addressOption(parsed: ParsedOptions, name: string, fallback: string): ListenAddress {
  const text = stringOption(parsed, name, fallback)!;
  const address = parseListenAddress(text);
  if (address === undefined) throw new UsageError(`--${name} must be HOST:PORT or :PORT, not "${text}"`);
  return address;
}
