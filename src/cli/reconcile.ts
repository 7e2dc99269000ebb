/**
 * `cdk8s-batch reconcile`: runs the schedule reconciler against a cluster (in-cluster config by
 * default, or `--kubeconfig`) until SIGTERM; and `reconcile --dry-run --output DIR [FILES...]`,
 * which plans every ScheduledJob (from manifest files, or from the cluster with --kubeconfig) at
 * one instant and writes the Jobs the reconciler would create as YAML, one file per Job, for
 * review instead of applying them.
 *
 * Also home of what `trigger` and `backfill` share with it: reaching the cluster, reading
 * ScheduledJobs from files or the cluster, and writing Jobs as files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { hostname } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { describeProblem } from '../manifests/document';
import { listManifestFiles, readManifestFile } from '../manifests/read';
import { ClusterClient, JobObject, ResourceKind, ScheduledJobObject } from '../reconciler/cluster/client';
import { Clock, SystemClock } from '../reconciler/cluster/clock';
import { ClusterError, ClusterErrorReason } from '../reconciler/cluster/errors';
import { KubernetesClusterClient, loadClientNode } from '../reconciler/cluster/kubernetes-client';
import { dryRunSync, DryRunResult, ownedJobs } from '../reconciler/controller/dry-run';
import { LogLevel } from '../reconciler/controller/observer';
import { describeRefusal } from '../reconciler/controller/run-job-check';
import { formatInstant as formatPlanInstant } from '../reconciler/plan/instants';
import { RUN_KIND_DESCRIPTIONS } from '../reconciler/plan/plan';
import { describeProblems } from '../reconciler/resource/field-reader';
import { RunJob } from '../reconciler/resource/run-job';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from '../reconciler/resource/scheduled-job-resource';
import {
  formatListenAddress,
  ListenAddress,
  parseListenAddress,
  RunningEndpoints,
} from '../reconciler/runtime/http-endpoints';
import { LineSink, parseLogLevel } from '../reconciler/runtime/json-logger';
import {
  DEFAULT_HEALTH_ADDRESS,
  DEFAULT_LEASE_NAME,
  DEFAULT_METRICS_ADDRESS,
  DEFAULT_RESYNC_SECONDS,
  runReconciler,
} from '../reconciler/runtime/reconciler-process';
import { resolveKubernetesVersion } from '../rules/registry';
import { CliIo, ExitCode, UsageError } from './io';
import { integerOption, OptionSpec, parseInstant, ParsedOptions, parseOptions, stringOption } from './options';

export const RECONCILE_USAGE = `cdk8s-batch reconcile [--kubeconfig PATH] [--namespace NS] [--lease-namespace NS] [--lease-name NAME]
    [--metrics-address HOST:PORT] [--health-address HOST:PORT] [--resync SECONDS] [--log-level debug|info|warn|error]
    [--kubernetes-version X.Y]
cdk8s-batch reconcile --dry-run --output DIR [FILES...] [--now ISO8601] [--kubeconfig PATH] [--namespace NS]
  runs the schedule reconciler until SIGTERM (in-cluster config unless --kubeconfig); --dry-run writes the
  Jobs it would create now, one YAML file per Job, from ScheduledJobs in FILES or in the cluster`;

/** The service account's namespace file, mounted in every pod. */
const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
/** The namespace used when none is given and none can be found. */
export const DEFAULT_NAMESPACE = 'default';

/** A way into the cluster, and the namespace its configuration names (the kubeconfig context's, or the pod's). */
export interface ClusterConnection {
  readonly client: ClusterClient;
  readonly namespace?: string;
}

/** What the cluster commands reach outside their arguments; tests replace it. */
export interface ClusterCommandDependencies {
  /** Connects with the kubeconfig at `path`, else client-node's default (in-cluster, $KUBECONFIG, ~/.kube/config). */
  connect(kubeconfigPath: string | undefined): Promise<ClusterConnection>;
  now(): number;
}

/** What the long-running reconciler also needs. */
export interface ReconcileDependencies extends ClusterCommandDependencies {
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
  listening?(endpoints: RunningEndpoints): void;
}

/** The options every cluster command takes: where the cluster is, and the dry run that writes Jobs instead. */
export const CLUSTER_COMMAND_OPTIONS = {
  kubeconfig: { type: 'string' },
  namespace: { type: 'string' },
  'kubernetes-version': { type: 'string' },
  'dry-run': { type: 'boolean' },
  output: { type: 'string' },
  now: { type: 'string' },
} as const satisfies OptionSpec;

export const CLUSTER_DEPENDENCIES: ClusterCommandDependencies = {
  connect: async (kubeconfigPath) => ({
    client: await KubernetesClusterClient.connect({ kubeconfigPath }),
    namespace: await configuredNamespace(kubeconfigPath),
  }),
  now: () => Date.now(),
};

/** The namespace of the configuration's current context (in a pod: the pod's), as kubectl would use it. */
async function configuredNamespace(kubeconfigPath: string | undefined): Promise<string | undefined> {
  const k8s = await loadClientNode();
  const config = new k8s.KubeConfig();
  if (kubeconfigPath === undefined) config.loadFromDefault();
  else config.loadFromFile(kubeconfigPath);
  return config.getContextObject(config.getCurrentContext())?.namespace?.trim() || undefined;
}

function processDependencies(): ReconcileDependencies {
  return {
    ...CLUSTER_DEPENDENCIES,
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
  if (parsed.values['dry-run'] === true) return runDryRun(parsed, io, deps, kubernetesVersion);
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
  const { client } = await connectCluster(deps, stringOption(parsed, 'kubeconfig'));
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

async function runDryRun(
  parsed: ParsedOptions,
  io: CliIo,
  deps: ClusterCommandDependencies,
  kubernetesVersion: string | undefined,
): Promise<number> {
  const output = requiredOutput(parsed);
  const now = nowOption(parsed, deps);
  const source = await loadScheduledJobs(parsed, deps);
  const lines: string[] = [];
  let written = 0;
  let findings = 0;
  for (const object of source.objects) {
    const result = dryRunSync(object, ownedJobs(object, source.jobs), now, { kubernetesVersion });
    const files = writeJobFiles(
      output,
      result.created.map((c) => c.job),
    );
    written += files.length;
    if (result.refusal !== undefined || !result.planned) findings++;
    lines.push(...describeDryRun(object, result, files));
  }
  lines.push(
    `planned ${count(source.objects.length, 'ScheduledJob')} at ${formatPlanInstant(now)}: wrote ${count(written, 'Job')} to ${output}${findings > 0 ? `; ${findings} with problems` : ''}`,
  );
  await io.out(`${lines.join('\n')}\n`);
  return findings > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

function describeDryRun(object: ScheduledJobObject, result: DryRunResult, files: readonly string[]): string[] {
  const title = `${object.metadata.namespace ?? DEFAULT_NAMESPACE}/${object.metadata.name}`;
  const lines: string[] = [];
  if (result.created.length > 0) {
    lines.push(`${title}: ${count(result.created.length, 'Job')}`);
    result.created.forEach(({ job, run }, i) =>
      lines.push(
        `  ${job.metadata.name}  ${RUN_KIND_DESCRIPTIONS[run.kind]} for ${formatPlanInstant(run.scheduledTime)}  -> ${files[i]}`,
      ),
    );
  }
  if (result.refusal !== undefined) {
    lines.push(`${title}: REFUSED ${describeRefusal(result.refusal.jobName, result.refusal.errors)}`);
  } else if (!result.planned) {
    lines.push(`${title}: not planned: ${describeProblems(result.problems)}`);
  } else if (result.created.length === 0) {
    const next =
      result.nextScheduleTime === undefined ? '' : `; next run ${formatPlanInstant(result.nextScheduleTime)}`;
    lines.push(
      `${title}: nothing to create (${result.skipReason}${result.skipDetail ? `: ${result.skipDetail}` : ''}${next})`,
    );
  }
  return lines;
}

/** Connects, turning a configuration that cannot be loaded into a one-line usage error. */
export async function connectCluster(
  deps: ClusterCommandDependencies,
  kubeconfigPath: string | undefined,
): Promise<ClusterConnection> {
  try {
    return await deps.connect(kubeconfigPath);
  } catch (error) {
    throw new UsageError(
      `cannot load the cluster configuration${kubeconfigPath === undefined ? '' : ` from ${kubeconfigPath}`}: ${firstLine(error)}`,
    );
  }
}

/** ScheduledJobs and the Jobs that may belong to them, from FILES or (with --kubeconfig) the cluster. */
export interface ScheduledJobSource {
  readonly objects: readonly ScheduledJobObject[];
  readonly jobs: readonly JobObject[];
}

/** Reads the ScheduledJobs named by the positionals (files, directories) or, without any, from the cluster (--kubeconfig required). */
export async function loadScheduledJobs(
  parsed: ParsedOptions,
  deps: ClusterCommandDependencies,
  positionals: readonly string[] = parsed.positionals,
): Promise<ScheduledJobSource> {
  const namespace = stringOption(parsed, 'namespace');
  if (positionals.length > 0) {
    const objects = readScheduledJobFiles(positionals).filter(
      (o) => namespace === undefined || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace,
    );
    return { objects, jobs: [] };
  }
  const kubeconfig = stringOption(parsed, 'kubeconfig');
  if (kubeconfig === undefined)
    throw new UsageError(
      'give the manifest FILES to read ScheduledJobs from, or --kubeconfig to read them from the cluster',
    );
  const { client } = await connectCluster(deps, kubeconfig);
  const selection = namespace === undefined ? undefined : { namespace };
  const [objects, jobs] = await Promise.all([
    clusterRead(client.list(ResourceKind.SCHEDULED_JOB, selection)),
    clusterRead(client.list(ResourceKind.JOB, selection)),
  ]);
  return { objects: objects.items, jobs: jobs.items };
}

/** Every ScheduledJob document in the files (directories expanded as `lint` does). Unreadable files are usage errors. */
export function readScheduledJobFiles(paths: readonly string[]): ScheduledJobObject[] {
  const objects: ScheduledJobObject[] = [];
  for (const entry of listManifestFiles(paths)) {
    if ('problem' in entry) throw new UsageError(describeProblem(entry.problem));
    const read = readManifestFile(entry.file);
    if ('problem' in read) throw new UsageError(describeProblem(read.problem));
    for (const document of read.documents) {
      const value = document.value as { apiVersion?: unknown; kind?: unknown; metadata?: unknown } | null;
      if (value?.apiVersion !== SCHEDULED_JOB_API_VERSION || value.kind !== SCHEDULED_JOB_KIND) continue;
      const metadata = value.metadata as { name?: unknown } | undefined;
      if (typeof metadata?.name !== 'string')
        throw new UsageError(`${entry.file}: document ${document.index}: a ScheduledJob without metadata.name`);
      objects.push(value as ScheduledJobObject);
    }
  }
  return objects;
}

/** Writes each Job to `<dir>/<namespace>_<name>.yaml` (`_` cannot occur in either, so names never clash); returns the paths. */
export function writeJobFiles(dir: string, jobs: readonly RunJob[]): string[] {
  if (jobs.length > 0) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create ${dir}: ${firstLine(error)}`);
    }
  }
  return jobs.map((job) => {
    const path = join(dir, `${job.metadata.namespace ?? DEFAULT_NAMESPACE}_${job.metadata.name}.yaml`);
    try {
      // YAML 1.1 quoting: timestamps, "yes" and "on" stay strings for kubectl and older parsers.
      writeFileSync(path, stringify(job, { lineWidth: 0, version: '1.1' }));
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${firstLine(error)}`);
    }
    return path;
  });
}

/** The one ScheduledJob called `name` among `objects` (in `namespace` when given). */
export function findScheduledJob(
  objects: readonly ScheduledJobObject[],
  name: string,
  namespace: string | undefined,
): ScheduledJobObject {
  const matches = objects.filter(
    (o) =>
      o.metadata.name === name &&
      (namespace === undefined || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace),
  );
  if (matches.length === 0)
    throw new UsageError(`no ScheduledJob ${namespace === undefined ? '' : `${namespace}/`}${name} found`);
  if (matches.length > 1)
    throw new UsageError(`${matches.length} ScheduledJobs are called ${name}; pick one with --namespace`);
  return matches[0];
}

/**
 * Changes a ScheduledJob's spec in the cluster: reads it, applies `change`, and writes it back
 * conditionally, reading again after a conflict. Returns the stored object.
 */
export async function updateScheduledJobSpec(
  client: ClusterClient,
  namespace: string,
  name: string,
  change: (spec: { [field: string]: unknown }) => { [field: string]: unknown },
): Promise<ScheduledJobObject> {
  for (let attempt = 0; ; attempt++) {
    const current = await clusterRead(client.get(ResourceKind.SCHEDULED_JOB, namespace, name));
    try {
      return await client.update(ResourceKind.SCHEDULED_JOB, { ...current, spec: change({ ...(current.spec ?? {}) }) });
    } catch (error) {
      if (
        !(error instanceof ClusterError) ||
        !(error.reason === ClusterErrorReason.CONFLICT || error.transient) ||
        attempt === 4
      )
        throw new UsageError(`cannot update ScheduledJob ${namespace}/${name}: ${firstLine(error)}`);
    }
  }
}

/** A cluster answer, or a usage error naming what went wrong (not found, forbidden, unreachable). */
export async function clusterRead<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new UsageError(`cannot read from the cluster: ${firstLine(error)}`);
  }
}

export function requiredOutput(parsed: ParsedOptions): string {
  const output = stringOption(parsed, 'output');
  if (output === undefined || output === '')
    throw new UsageError('--dry-run needs --output DIR (where the Jobs are written)');
  return output;
}

/** `--now`, or the current time. */
export function nowOption(parsed: ParsedOptions, deps: ClusterCommandDependencies): number {
  const text = stringOption(parsed, 'now');
  if (text === undefined) return deps.now();
  const now = parseInstant(text);
  if (now === undefined)
    throw new UsageError(`--now must be an ISO 8601 instant such as 2026-03-01T10:00:00Z, not "${text}"`);
  return now;
}

export function kubernetesVersionOption(parsed: ParsedOptions): string | undefined {
  const text = stringOption(parsed, 'kubernetes-version');
  if (text === undefined) return undefined;
  try {
    resolveKubernetesVersion(text);
  } catch (error) {
    throw new UsageError(`--kubernetes-version: ${firstLine(error)}`);
  }
  return text;
}

function addressOption(parsed: ParsedOptions, name: string, fallback: string): ListenAddress {
  const text = stringOption(parsed, name, fallback)!;
  const address = parseListenAddress(text);
  if (address === undefined) throw new UsageError(`--${name} must be HOST:PORT or :PORT, not "${text}"`);
  return address;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
