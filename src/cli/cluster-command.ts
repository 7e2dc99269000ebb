/**
 * What `reconcile --dry-run`, `trigger` and `backfill` share: their options, where ScheduledJobs
 * come from (manifest FILES, or a live cluster when the reconciler runtime provides one), and
 * writing Jobs as files. The library reaches no cluster: `ClusterCommandDependencies.connect` is
 * given by the `cdk8s-batch-reconciler` package, which owns the Kubernetes client.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { createDirectory } from '../manifests/directories';
import { describeProblem, ManifestDocument } from '../manifests/document';
import { listManifestFiles, readManifestFile } from '../manifests/read';
import { ManualJobPlan } from '../reconciler/resource/manual-job';
import { CronJobObject, JobObject, KubeObject, ScheduledJobObject } from '../reconciler/resource/objects';
import { LaunchResult } from '../reconciler/template/render-job';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from '../reconciler/resource/scheduled-job-resource';
import { resolveKubernetesVersion } from '../rules/registry';
import { UsageError } from './io';
import { OptionSpec, parseInstant, ParsedOptions, stringOption } from './options';

/** The namespace used when none is given and none can be found. */
export const DEFAULT_NAMESPACE = 'default';

/** ScheduledJobs and the Jobs that may belong to them. */
export interface ScheduledJobSource {
  readonly objects: readonly ScheduledJobObject[];
  readonly jobs: readonly JobObject[];
  /** The CronJobs beside them, which the reconciler leaves to Kubernetes. @default not read (from a cluster) */
  readonly cronJobs?: readonly CronJobObject[];
}

/** A launch of a JobTemplate in the cluster, as `cdk8s-batch launch` asks for it. */
export interface ClusterLaunchRequest {
  readonly namespace: string;
  readonly template: string;
  readonly parameters: { readonly [name: string]: string };
  readonly idempotencyKey?: string;
  readonly kubernetesVersion?: string;
}

/** A live cluster as the cluster commands use it. */
export interface ScheduledJobCluster {
  /** The namespace the configuration names (the kubeconfig context's, or the pod's). */
  readonly namespace?: string;
  /** The ScheduledJobs and Jobs, in `namespace` or in every namespace. */
  load(namespace: string | undefined): Promise<ScheduledJobSource>;
  /** Changes a ScheduledJob's spec (a run-now or backfill request); usage errors name what failed. */
  updateSpec(
    namespace: string,
    name: string,
    change: (spec: { [field: string]: unknown }) => { [field: string]: unknown },
  ): Promise<void>;
  /** The CronJob, or undefined when there is none. */
  findCronJob(namespace: string, name: string): Promise<CronJobObject | undefined>;
  /** Creates the run-now Job of a CronJob when the rules pass (`trigger cronjob/NAME`); undefined: no such CronJob. */
  runCronJobNow(
    namespace: string,
    name: string,
    now: number,
    kubernetesVersion?: string,
  ): Promise<ManualJobPlan | undefined>;
  /** Launches a JobTemplate (the runtime's launchJob). */
  launch(request: ClusterLaunchRequest): Promise<LaunchResult>;
}

/** What the cluster commands reach outside their arguments; tests replace it. */
export interface ClusterCommandDependencies {
  /**
   * Connects with the kubeconfig at `path`, else the default (in-cluster, $KUBECONFIG, ~/.kube/config).
   * Absent in the library alone: only the reconciler runtime talks to a cluster.
   */
  readonly connect?: (kubeconfigPath: string | undefined) => Promise<ScheduledJobCluster>;
  now(): number;
}

/** The library's own dependencies: files only. */
export const FILE_DEPENDENCIES: ClusterCommandDependencies = { now: () => Date.now() };

/** The options every cluster command takes: where the cluster is, and the dry run that writes Jobs instead. */
export const CLUSTER_COMMAND_OPTIONS = {
  kubeconfig: { type: 'string' },
  namespace: { type: 'string' },
  'kubernetes-version': { type: 'string' },
  'dry-run': { type: 'boolean' },
  output: { type: 'string' },
  now: { type: 'string' },
} as const satisfies OptionSpec;

/** Connects through the runtime, turning a configuration that cannot be loaded into a one-line usage error. */
export async function connectCluster(
  deps: ClusterCommandDependencies,
  kubeconfigPath: string | undefined,
  command: string,
): Promise<ScheduledJobCluster> {
  if (deps.connect === undefined)
    throw new UsageError(
      `${command} against a cluster needs the reconciler runtime: run it as \`cdk8s-batch-reconciler ${command} ...\` (package cdk8s-batch-reconciler), or give --dry-run --output DIR with manifest FILES`,
    );
  try {
    return await deps.connect(kubeconfigPath);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot load the cluster configuration${kubeconfigPath === undefined ? '' : ` from ${kubeconfigPath}`}: ${firstLine(error)}`,
    );
  }
}

/** Reads the ScheduledJobs named by the positionals (files, directories) or, without any, from the cluster (--kubeconfig required). */
export async function loadScheduledJobs(
  parsed: ParsedOptions,
  deps: ClusterCommandDependencies,
  command: string,
  positionals: readonly string[] = parsed.positionals,
): Promise<ScheduledJobSource> {
  const namespace = stringOption(parsed, 'namespace');
  if (positionals.length > 0) {
    const inNamespace = (o: KubeObject) =>
      namespace === undefined || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace;
    const read = readManifestObjects(positionals, [SCHEDULED_JOB, CRON_JOB]).filter(inNamespace);
    return { objects: ofKind(read, SCHEDULED_JOB), jobs: [], cronJobs: ofKind(read, CRON_JOB) };
  }
  const kubeconfig = stringOption(parsed, 'kubeconfig');
  if (kubeconfig === undefined)
    throw new UsageError(
      'give the manifest FILES to read ScheduledJobs from, or --kubeconfig to read them from the cluster',
    );
  const cluster = await connectCluster(deps, kubeconfig, command);
  return cluster.load(namespace);
}

/** A kind of object read from manifest files. */
export interface ManifestKind {
  readonly apiVersion: string;
  readonly kind: string;
}

export const SCHEDULED_JOB: ManifestKind = { apiVersion: SCHEDULED_JOB_API_VERSION, kind: SCHEDULED_JOB_KIND };
export const CRON_JOB: ManifestKind = { apiVersion: 'batch/v1', kind: 'CronJob' };

/**
 * Every document of the given kinds in the files, in file order; each must have a name, and no two
 * the same kind, namespace and name. Unreadable files are usage errors, each named.
 */
export function readManifestObjects(paths: readonly string[], kinds: readonly ManifestKind[]): KubeObject[] {
  const objects: PlacedObject[] = [];
  // Every file is read, and every problem named (one per line), before any is refused.
  const problems: string[] = [];
  for (const entry of listManifestFiles(paths)) {
    const read = 'problem' in entry ? entry : readManifestFile(entry.file);
    if ('problem' in read) {
      problems.push(describeProblem(read.problem));
      continue;
    }
    for (const document of read.documents) {
      const kind = kinds.find((k) => isOfKind(document.value, k));
      if (kind === undefined) continue;
      const metadata = (document.value as { metadata?: unknown }).metadata as { name?: unknown } | undefined;
      if (typeof metadata?.name !== 'string')
        problems.push(`${document.file}: document ${document.index}: a ${kind.kind} without metadata.name`);
      else objects.push({ value: document.value, place: documentPlace(document) });
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const duplicate = duplicateObjectProblem(objects);
  if (duplicate !== undefined) throw new UsageError(duplicate);
  return objects.map((o) => o.value as KubeObject);
}

/** Whether a document is an object of `kind`. */
export function isOfKind(value: unknown, kind: ManifestKind): boolean {
  const object = value as { apiVersion?: unknown; kind?: unknown } | null;
  return object?.apiVersion === kind.apiVersion && object.kind === kind.kind;
}

/** A document's value and where it is, as messages name it: `file:line (document N)`. */
export interface PlacedObject {
  readonly value: unknown;
  readonly place: string;
}

/** `app.k8s.yaml:27 (document 2)`. */
export function documentPlace(document: ManifestDocument): string {
  return `${document.file}:${document.line} (document ${document.index})`;
}

/**
 * The first object that repeats an earlier one's kind, namespace and name, as a one-line reason
 * naming both places; undefined when none does (objects without a name are left to the caller).
 * The API server holds one object per kind, namespace and name, so a command that took both would
 * plan one object twice, and no --name or --namespace could pick either: refusing is the only
 * answer that does not guess which one the user meant.
 */
export function duplicateObjectProblem(objects: readonly PlacedObject[]): string | undefined {
  const places = new Map<string, string>();
  for (const { value, place } of objects) {
    const identity = objectIdentity(value);
    if (identity === undefined) continue;
    const earlier = places.get(identity);
    if (earlier !== undefined)
      return `${identity} is defined twice, at ${earlier} and at ${place}: the cluster holds one object per kind, namespace and name (kubectl apply would apply the later over the earlier); remove one`;
    places.set(identity, place);
  }
  return undefined;
}

/** `ScheduledJob reports/nightly` (no namespace is the default one), or undefined without a kind or name. */
function objectIdentity(value: unknown): string | undefined {
  const object = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  const name = object?.metadata?.name;
  if (typeof object?.kind !== 'string' || typeof name !== 'string') return undefined;
  const namespace = object.metadata?.namespace;
  return `${object.kind} ${typeof namespace === 'string' ? namespace : DEFAULT_NAMESPACE}/${name}`;
}

/** The objects of one kind among those read. */
export function ofKind<T extends KubeObject>(objects: readonly KubeObject[], kind: ManifestKind): T[] {
  return objects.filter((o) => o.apiVersion === kind.apiVersion && o.kind === kind.kind) as T[];
}

/**
 * Writes each Job to `<dir>/<namespace>_<name>.yaml` (`_` cannot occur in either, so names never
 * clash; a Job with only a generateName is `<namespace>_<generateName>generated.yaml`); returns the paths.
 */
export function writeJobFiles(dir: string, jobs: readonly JobObject[]): string[] {
  if (jobs.length > 0) {
    const problem = createDirectory(dir);
    if (problem !== undefined) throw new UsageError(problem);
  }
  return jobs.map((job) => {
    const name = job.metadata.name ?? `${job.metadata.generateName ?? ''}generated`;
    const path = join(dir, `${job.metadata.namespace ?? DEFAULT_NAMESPACE}_${name}.yaml`);
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

export function requiredOutput(parsed: ParsedOptions): string {
  const output = stringOption(parsed, 'output');
  if (output === undefined || output === '')
    throw new UsageError('--dry-run needs --output DIR (where the Jobs are written)');
  return output;
}

/** Refuses the dry-run-only options and FILES in a command that changes the cluster. */
export function refuseDryRunOptions(parsed: ParsedOptions, files: readonly string[]): void {
  if (files.length > 0) throw new UsageError(`unexpected argument "${files[0]}" (FILES are read with --dry-run only)`);
  for (const option of ['output', 'now']) {
    if (parsed.values[option] !== undefined) throw new UsageError(`--${option} applies to --dry-run only`);
  }
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

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
