import { describeObjectCases, hardenedCronJob, ObjectCase } from './fixtures';

/** Sets the schedule and how long a run may take. */
function run(o: any, schedule: string, activeDeadlineSeconds: number): void {
  o.spec.schedule = schedule;
  o.spec.jobTemplate.spec.activeDeadlineSeconds = activeDeadlineSeconds;
}

const cases: ObjectCase[] = [
  {
    name: 'concurrencyPolicy left to the Allow default',
    rule: 'cronjob-missing-concurrency-policy',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.concurrencyPolicy,
    fields: ['spec.concurrencyPolicy'],
    good: (o) => (o.spec.concurrencyPolicy = 'Allow'),
  },
  {
    name: 'an empty concurrencyPolicy is defaulted to Allow too',
    rule: 'cronjob-missing-concurrency-policy',
    make: hardenedCronJob,
    bad: (o) => (o.spec.concurrencyPolicy = ''),
    fields: ['spec.concurrencyPolicy'],
    good: (o) => (o.spec.concurrencyPolicy = 'Replace'),
  },
  {
    name: 'Forbid, every 15 minutes, runs of up to an hour',
    rule: 'cronjob-forbid-deadline-exceeds-interval',
    make: hardenedCronJob,
    bad: (o) => run(o, '*/15 * * * *', 3600),
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => run(o, '*/15 * * * *', 900),
    says: ['every 15m', 'up to 3 following runs', 'at most 900'],
  },
  {
    name: 'a daily run may not last longer than a day; a daylight-saving double run does not shorten the interval',
    rule: 'cronjob-forbid-deadline-exceeds-interval',
    make: hardenedCronJob,
    bad: (o) => run(o, '30 4 * * *', 90_000),
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => {
      // 01:30 in New York runs twice, an hour apart, each November; the schedule's interval is still a day.
      o.spec.timeZone = 'America/New_York';
      run(o, '30 1 * * *', 7200);
    },
    says: ['the next run'],
  },
  {
    name: 'only Forbid skips runs: Replace with a long deadline is fine',
    rule: 'cronjob-forbid-deadline-exceeds-interval',
    make: hardenedCronJob,
    bad: (o) => run(o, '@hourly', 3601),
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => {
      run(o, '@hourly', 7200);
      o.spec.concurrencyPolicy = 'Replace';
    },
  },
];

describeObjectCases(cases);
