/**
 * Runs the client-node adapter against the loopback API server of kubernetes-client.test.ts, in a
 * separate Node process: client-node is an ES module, which Jest's CommonJS sandbox cannot import,
 * while plain Node (through ts-node) can. Prints one JSON line with every outcome, then exits.
 *
 * Usage: node -r ts-node/register/transpile-only kubernetes-client-driver.ts KUBECONFIG REFUSED_KUBECONFIG
 */
import { WatchOptions } from '../../../src/cluster/client';
import {
  JobObject,
  KubeObject,
  PropagationPolicy,
  ResourceKind,
} from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError } from '../../../src/cluster/errors';
import { KubernetesClusterClient, loadClientNode } from '../../../src/cluster/kubernetes-client';

// Never outlive the test, whatever happens.
setTimeout(() => {
  process.stderr.write('driver: gave up after 20 s\n');
  process.exit(3);
}, 20_000).unref();

type Outcome = { ok: unknown } | { error: { reason: string; code: number; message: string; isClusterError: boolean } };

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await promise };
  } catch (error) {
    const e = error as ClusterError;
    return {
      error: { reason: e.reason, code: e.code, message: e.message, isClusterError: error instanceof ClusterError },
    };
  }
}

function watchOnce(
  client: KubernetesClusterClient,
  options: WatchOptions,
): Promise<{ events: string[]; closed: string }> {
  return new Promise((resolve) => {
    const events: string[] = [];
    const handle = client.watch(ResourceKind.JOB, options, {
      onEvent: (event) =>
        events.push(`${event.type} ${event.object.metadata.name ?? ''}@${event.object.metadata.resourceVersion}`),
      onClose: (error) => {
        clearTimeout(timer);
        resolve({ events, closed: error === undefined ? 'clean' : `${error.reason} ${error.code}` });
      },
    });
    const timer = setTimeout(() => {
      handle.stop();
      resolve({ events, closed: 'still open after 5 s' });
    }, 5000);
  });
}

async function main(): Promise<void> {
  const [kubeconfigPath, refusedKubeconfigPath] = process.argv.slice(2);
  const k8s = (await loadClientNode()) as unknown as Record<string, unknown>;
  const exported = Object.fromEntries(
    ['KubeConfig', 'BatchV1Api', 'CustomObjectsApi', 'CoordinationV1Api', 'Watch', 'Observable'].map((name) => [
      name,
      typeof k8s[name],
    ]),
  );
  const client = await KubernetesClusterClient.connect({ kubeconfigPath, requestTimeoutMs: 500 });
  const refused = await KubernetesClusterClient.connect({
    kubeconfigPath: refusedKubeconfigPath,
    requestTimeoutMs: 500,
  });
  const newJob: JobObject = { metadata: { name: 'new', namespace: 'ns' }, spec: { template: {} } };
  const stored = { metadata: { name: 'a', namespace: 'ns', resourceVersion: '5' }, spec: {} } as KubeObject;
  const results = {
    server: client.server,
    get: await outcome(client.get(ResourceKind.JOB, 'ns', 'a')),
    getMissing: await outcome(client.get(ResourceKind.JOB, 'ns', 'missing')),
    listAll: await outcome(client.list(ResourceKind.JOB, { labels: { app: 'x', tier: 'batch' } })),
    listNamespaced: await outcome(client.list(ResourceKind.SCHEDULED_JOB, { namespace: 'ns' })),
    create: await outcome(client.create(ResourceKind.JOB, newJob)),
    createTaken: await outcome(
      client.create(ResourceKind.JOB, { ...newJob, metadata: { name: 'taken', namespace: 'ns' } }),
    ),
    update: await outcome(client.update(ResourceKind.JOB, stored)),
    updateStale: await outcome(
      client.update(ResourceKind.JOB, { ...stored, metadata: { ...stored.metadata, resourceVersion: '4' } }),
    ),
    updateStatus: await outcome(
      client.updateStatus(ResourceKind.SCHEDULED_JOB, {
        metadata: { name: 's', namespace: 'ns', resourceVersion: '3' },
        status: { active: [] },
      }),
    ),
    delete: await outcome(
      client.delete(ResourceKind.JOB, 'ns', 'a', {
        propagationPolicy: PropagationPolicy.BACKGROUND,
        uid: 'u-1',
        resourceVersion: '7',
      }),
    ),
    serverError: await outcome(client.get(ResourceKind.LEASE, 'ns', 'broken')),
    throttled: await outcome(client.get(ResourceKind.LEASE, 'ns', 'busy')),
    timeout: await outcome(client.get(ResourceKind.LEASE, 'ns', 'slow')),
    refused: await outcome(refused.get(ResourceKind.LEASE, 'ns', 'any')),
    watchGone: await watchOnce(client, { namespace: 'ns', resourceVersion: '7', labels: { app: 'x' } }),
    watchClean: await watchOnce(client, { namespace: 'clean', bookmarks: false }),
    watchDenied: await watchOnce(client, { namespace: 'denied' }),
  };
  process.stdout.write(JSON.stringify({ exported, results }) + '\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`driver failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
