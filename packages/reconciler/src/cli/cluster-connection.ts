/**
 * How the cluster commands (`reconcile`, `trigger`, `backfill`, `launch`) reach a live cluster: a
 * ClusterClient through @kubernetes/client-node, with the namespace its configuration names,
 * offered to the library's commands as the ScheduledJobCluster they ask for.
 */
import { ClusterCommandDependencies, firstLine, ScheduledJobCluster } from 'cdk8s-batch/lib/src/cli/cluster-command';
import { UsageError } from 'cdk8s-batch/lib/src/cli/io';
import { hasErrors, planManualJob } from 'cdk8s-batch/lib/src/reconciler/resource/manual-job';
import { ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterClient } from '../cluster/client';
import { ClusterError, ClusterErrorReason } from '../cluster/errors';
import { KubernetesClusterClient, loadClientNode } from '../cluster/kubernetes-client';
import { launchJob } from '../launch/launch-job';

/** A way into the cluster, and the namespace its configuration names (the kubeconfig context's, or the pod's). */
export interface ClusterConnection {
  readonly client: ClusterClient;
  readonly namespace?: string;
}

/** What the cluster commands reach outside their arguments; tests replace it. */
export interface ClientDependencies {
  /** Connects with the kubeconfig at `path`, else client-node's default (in-cluster, $KUBECONFIG, ~/.kube/config). */
  connect(kubeconfigPath: string | undefined): Promise<ClusterConnection>;
  now(): number;
}

export const CLIENT_DEPENDENCIES: ClientDependencies = {
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

/** The library's cluster-command dependencies, served by a ClusterClient. */
export function clusterCommandDependencies(deps: ClientDependencies): ClusterCommandDependencies {
  return {
    connect: async (kubeconfigPath) => scheduledJobCluster(await deps.connect(kubeconfigPath)),
    now: () => deps.now(),
  };
}

function scheduledJobCluster({ client, namespace }: ClusterConnection): ScheduledJobCluster {
  return {
    namespace,
    load: async (selected) => {
      const selection = selected === undefined ? undefined : { namespace: selected };
      const [objects, jobs, cronJobs] = await Promise.all([
        clusterRead(client.list(ResourceKind.SCHEDULED_JOB, selection)),
        clusterRead(client.list(ResourceKind.JOB, selection)),
        // Only to say which CronJobs a dry run leaves to Kubernetes: without the right to list them, none are named.
        client.list(ResourceKind.CRON_JOB, selection).then(
          (list) => list.items,
          () => undefined,
        ),
      ]);
      return { objects: objects.items, jobs: jobs.items, cronJobs };
    },
    updateSpec: async (ns, name, change) => {
      await updateScheduledJobSpec(client, ns, name, change);
    },
    findCronJob: (ns, name) => findCronJob(client, ns, name),
    runCronJobNow: async (ns, name, now, kubernetesVersion) => {
      const cronJob = await findCronJob(client, ns, name);
      if (cronJob === undefined) return undefined;
      const plan = planManualJob(cronJob, now, kubernetesVersion);
      if (hasErrors(plan.findings)) return plan;
      return {
        ...plan,
        job: await clusterWrite(`create Job ${plan.job.metadata.name}`, client.create(ResourceKind.JOB, plan.job)),
      };
    },
    launch: ({ namespace: ns, template, ...request }) =>
      clusterWrite(`launch JobTemplate ${ns}/${template}`, launchJob(client, { namespace: ns, template, ...request })),
  };
}

/**
 * Changes a ScheduledJob's spec in the cluster: reads it, applies `change`, and writes it back
 * conditionally, reading again after a conflict. Returns the stored object.
 */
async function updateScheduledJobSpec(
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

/** The CronJob, or undefined when the cluster has none of that name. */
async function findCronJob(client: ClusterClient, namespace: string, name: string) {
  try {
    return await client.get(ResourceKind.CRON_JOB, namespace, name);
  } catch (error) {
    if (ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return undefined;
    throw new UsageError(`cannot read from the cluster: ${firstLine(error)}`);
  }
}

/** A write's answer, or a usage error naming the write and what went wrong (forbidden, invalid, unreachable). */
async function clusterWrite<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new UsageError(`cannot ${what}: ${firstLine(error)}`);
  }
}

/** A cluster answer, or a usage error naming what went wrong (not found, forbidden, unreachable). */
async function clusterRead<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new UsageError(`cannot read from the cluster: ${firstLine(error)}`);
  }
}
