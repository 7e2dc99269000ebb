/**
 * A Job built with the safe construct: an Indexed Job that rebuilds four search-index shards,
 * two at a time, where evictions do not count as failures and exit code 42 (bad input, retrying
 * will not help) fails the Job at once.
 */
import { Chart } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CompletionMode, Job, PodFailurePolicyRules } from '../src';

export class ReindexJobChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'search' } });
    new Job(this, 'reindex', {
      completionMode: CompletionMode.INDEXED,
      completions: 4,
      parallelism: 2,
      podFailurePolicy: [PodFailurePolicyRules.ignoreDisruptions(), PodFailurePolicyRules.failJobOnExitCodes([42])],
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'reindex',
          image: 'busybox:1.36.1',
          command: ['sh', '-c', 'echo "rebuilding shard $JOB_COMPLETION_INDEX of $SHARDS"'],
          envVariables: { SHARDS: EnvValue.fromValue('4') },
        },
      ],
    });
  }
}
