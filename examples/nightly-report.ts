/**
 * A CronJob built with the safe construct: a nightly report at a time spread by `H`, in an
 * explicit time zone. Everything not written here (Forbid, deadlines derived from the schedule,
 * history limits, restricted pod security, a dedicated ServiceAccount, /tmp) is a documented default.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CronJob, Schedule } from '../src';

export class NightlyReportChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'reporting' } });
    new CronJob(this, 'nightly-report', {
      // A minute between 0 and 59 chosen from this construct's path, at 04:xx Berlin time: an hour
      // daylight saving never skips or repeats there.
      schedule: Schedule.hashed('H 4 * * *'),
      timeZone: 'Europe/Berlin',
      // busybox runs as root unless told otherwise; runAsNonRoot (a default) would refuse to start it.
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'report',
          image: 'busybox:1.36.1',
          command: ['sh', '-c', 'date > /tmp/report.txt && cat /tmp/report.txt'],
        },
      ],
    });
  }
}
