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
    says: [
      'every 15m',
      'the 3 runs due meanwhile',
      'if it is less than startingDeadlineSeconds (5m) late',
      'at most 900',
    ],
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
    says: ['holds back the next one, which starts when it ends if that is less than startingDeadlineSeconds'],
  },
  {
    name: 'without a starting deadline a slow run delays the next one (the controller starts it when the slow one ends)',
    rule: 'cronjob-forbid-deadline-exceeds-interval',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.startingDeadlineSeconds;
      run(o, '0 * * * *', 5400);
    },
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => {
      delete o.spec.startingDeadlineSeconds;
      run(o, '0 * * * *', 3600);
    },
    says: ['a slow run delays the next one until it ends.'],
  },
  {
    name: 'several runs due during a slow one, no starting deadline: only the most recent starts',
    rule: 'cronjob-forbid-deadline-exceeds-interval',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.startingDeadlineSeconds;
      run(o, '0 * * * *', 9000);
    },
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => run(o, '0 * * * *', 3600),
    says: [
      'holds back the 2 runs due meanwhile: when it ends only the most recent starts, late, and the others never start',
    ],
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
