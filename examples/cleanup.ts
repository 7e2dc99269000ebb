/**
 * CleanupCronJob: every hour (at a minute spread by `H`), delete the reporting Jobs of this
 * namespace that finished more than 12 hours ago, with their pods. Its ServiceAccount may list
 * and delete Jobs in this namespace and nothing else.
 */
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { CleanupCronJob, Schedule } from '../src';

export class CleanupChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'reporting' } });
    new CleanupCronJob(this, 'finished-jobs', {
      schedule: Schedule.hashed('H * * * *'),
      olderThan: Duration.hours(12),
      selector: { 'app.kubernetes.io/part-of': 'reporting' },
    });
  }
}
