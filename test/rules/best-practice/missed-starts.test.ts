import { describeObjectCases, hardenedCronJob, ObjectCase } from './fixtures';

const every = (schedule: string, startingDeadlineSeconds?: number) => (o: any) => {
  o.spec.schedule = schedule;
  if (startingDeadlineSeconds === undefined) delete o.spec.startingDeadlineSeconds;
  else o.spec.startingDeadlineSeconds = startingDeadlineSeconds;
};

const cases: ObjectCase[] = [
  {
    name: 'every minute without a deadline: 100 missed starts in 1h40m',
    rule: 'cronjob-too-many-missed-starts',
    make: hardenedCronJob,
    bad: every('* * * * *'),
    fields: ['spec.startingDeadlineSeconds'],
    good: every('* * * * *', 60),
    // The controller never catches up: one run for the most recent missed time, past 100 only a warning more.
    says: [
      '100 x 1m = 1h40m',
      'TooManyMissedTimes warning event',
      'one run for the most recent missed time',
      'never the others',
      'below 6000',
    ],
  },
  {
    name: 'hourly without a deadline: a four-day outage is plausible; daily is not flagged (100 days)',
    rule: 'cronjob-too-many-missed-starts',
    make: hardenedCronJob,
    bad: every('0 * * * *'),
    fields: ['spec.startingDeadlineSeconds'],
    good: every('@daily'),
    says: ['100 x 1h = 4d4h'],
  },
  {
    name: 'every two hours without a deadline takes more than a week',
    rule: 'cronjob-too-many-missed-starts',
    make: hardenedCronJob,
    bad: every('*/10 * * * *'),
    fields: ['spec.startingDeadlineSeconds'],
    good: every('0 */2 * * *'),
  },
  {
    name: 'a deadline that spans more than 100 runs',
    rule: 'cronjob-too-many-missed-starts',
    make: hardenedCronJob,
    bad: every('* * * * *', 6001),
    fields: ['spec.startingDeadlineSeconds'],
    good: every('* * * * *', 6000),
    says: ['startingDeadlineSeconds 6001', 'at most 6000'],
  },
  {
    name: 'the shortest interval counts, not the usual one',
    rule: 'cronjob-too-many-missed-starts',
    make: hardenedCronJob,
    bad: every('0,5 3 * * *', 30_001),
    fields: ['spec.startingDeadlineSeconds'],
    good: every('0,5 3 * * *', 30_000),
    says: ['every 5m'],
  },
];

describeObjectCases(cases);
