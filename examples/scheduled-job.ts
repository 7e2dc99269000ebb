/**
 * A ScheduledJob: the same props as a CronJob, run by the cdk8s-batch schedule reconciler
 * (deployed by examples/schedule-reconciler.ts), with what a CronJob cannot say: a second
 * schedule, a queue instead of skipping a run that is due while the last one still runs, jitter,
 * a year-end change freeze and public holidays, catch-up after downtime, a pause after repeated
 * failures, one run on the night clocks fall back, and the scheduled time in the environment.
 */
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { CatchUp, DstPolicy, OverlapPolicy, Schedule, ScheduledJob } from '../src';

export class ScheduledJobChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'reporting' } });
    new ScheduledJob(this, 'report-export', {
      // Weekdays at 09:xx Berlin time (the minute spread by `H`), and Saturdays at noon.
      schedule: Schedule.hashed('H 9 * * 1-5'),
      additionalSchedules: ['0 12 * * 6'],
      timeZone: 'Europe/Berlin',
      // A run due while the previous one still runs waits for it instead of being skipped.
      overlapPolicy: OverlapPolicy.BUFFER_ONE,
      // Many exports on the same schedule would hit the database at once: spread them over 5 minutes.
      jitter: Duration.minutes(5),
      exclusions: [
        { name: 'year-end freeze', from: '2026-12-18T18:00', until: '2027-01-04T08:00' },
        { name: 'public holidays', dates: ['01-01', '05-01', '10-03', '12-25..12-26'] },
      ],
      // After an outage, run the most recent missed export once, not every missed one.
      catchUp: CatchUp.latest(),
      pauseAfterFailures: 3,
      dstPolicy: DstPolicy.ONCE,
      scheduledTimeEnv: 'SCHEDULED_TIME',
      // busybox runs as root unless told otherwise; runAsNonRoot (a default) would refuse to start it.
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'export',
          image: 'busybox:1.36.1',
          command: [
            'sh',
            '-c',
            'echo "exporting the report scheduled for $SCHEDULED_TIME" > /tmp/export.txt && cat /tmp/export.txt',
          ],
        },
      ],
    });
  }
}
