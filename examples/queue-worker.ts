/**
 * QueueWorkerJob with KEDA: thumbnail workers that drain a Redis list. KEDA starts a worker Job
 * when items wait (at most 10 at once) and each worker pops items until the list is empty, then
 * exits 0. The Redis address and password come from the existing Secret `thumbnail-queue` (never
 * from this manifest); KEDA reads the same variables from the worker container. The Jobs are
 * queued by Kueue in the `batch` LocalQueue, with requests from the app's BatchPolicy. Alerts for
 * every batch workload in the chart come from one chart-wide BatchMonitoring.
 */
import { Chart } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BatchMonitoring, QueueConnection, QueueTrigger, QueueWorkerJob } from '../src';

export class QueueWorkerChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'media' } });
    const credentials = Secret.fromSecretName(this, 'credentials', 'thumbnail-queue');
    new QueueWorkerJob(this, 'thumbnails', {
      queue: QueueConnection.fromSecret(credentials, { REDIS_ADDRESS: 'address', REDIS_PASSWORD: 'password' }),
      keda: {
        triggers: [
          QueueTrigger.redisList({
            listName: 'thumbnails',
            addressFromEnv: 'REDIS_ADDRESS',
            passwordFromEnv: 'REDIS_PASSWORD',
          }),
        ],
      },
      kueueQueue: 'batch',
      securityContext: { user: 65534, group: 65534 },
      containers: [
        { name: 'worker', image: 'registry.example/thumbnailer:2.4.1', args: ['--drain', '--list', 'thumbnails'] },
      ],
    });
    new BatchMonitoring(this, 'alerts', { labels: { team: 'media' } });
  }
}
