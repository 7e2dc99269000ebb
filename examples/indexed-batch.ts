/**
 * IndexedBatch: rebuild a search index for eight days of logs as four chunks, two at a time. Each
 * pod reads its own days from a mounted ConfigMap file; evictions do not use up retries, and exit
 * code 2 (a malformed day, which no retry fixes) fails the Job at once. (On Kubernetes 1.29+ add
 * `retriesPerIndex` so a chunk is retried, and failed, on its own: see the README.)
 */
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { IndexedBatch, IndexFailurePolicy, WorkItems } from '../src';

const DAYS = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-01-04',
  '2026-01-05',
  '2026-01-06',
  '2026-01-07',
  '2026-01-08',
];

export class IndexedBatchChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'search' } });
    new IndexedBatch(this, 'reindex-days', {
      completions: 4,
      parallelism: 2,
      failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2]),
      workItems: WorkItems.list(DAYS),
      activeDeadline: Duration.hours(2),
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'reindex',
          image: 'busybox:1.36.1',
          command: [
            'sh',
            '-c',
            'while read -r day; do echo "chunk $JOB_COMPLETION_INDEX of $TOTAL_CHUNKS: $day"; done < "$WORK_ITEMS_FILE"',
          ],
        },
      ],
    });
  }
}
