import { describeObjectCases, fieldsOf, hardenedCronJob, changed, ObjectCase } from './fixtures';

/** The CronJob without spec.timeZone, on `schedule`. */
const withoutZone = (schedule: string) => (o: any) => {
  delete o.spec.timeZone;
  o.spec.schedule = schedule;
};

const cases: ObjectCase[] = [
  {
    name: "no timeZone: the controller's local zone",
    rule: 'cronjob-missing-time-zone',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.timeZone,
    fields: ['spec.timeZone'],
    good: (o) => (o.spec.timeZone = 'Etc/UTC'),
  },
  ...[
    // The same instants in every zone: every hour at minutes a quarter-hour shift maps onto themselves.
    ['*/10 * * * *', 'a half-hour zone shifts (5:45 or 5:30 offsets move :10 runs)', '0-59/15 * * * *'],
    ['0 * * * *', 'an hourly one (India is 5:30 ahead)', '@every 1h'],
    ['0,30 * * * *', 'half hours (Nepal is 5:45 ahead)', '0,15,30,45 * * * *'],
    ['20/15 * * * *', 'minutes 20, 35 and 50 only', '8/15 * * * *'],
    ['*/15 * * * 1-5', 'weekdays only (where a day begins depends on the zone)', '*/15 */1 ? * 0-6'],
    ['*/15 9-17 * * *', 'office hours', '2-59/3 0-23 * 1-12 *'],
  ].map(([bad, why, good]) => ({
    name: `no timeZone on ${bad}: ${why}; none needed on ${good}`,
    rule: 'cronjob-missing-time-zone',
    make: hardenedCronJob,
    bad: withoutZone(bad),
    fields: ['spec.timeZone'],
    good: withoutZone(good),
  })),
  {
    name: 'TZ= in the schedule on 1.28',
    rule: 'cronjob-time-zone-in-schedule',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.timeZone;
      o.spec.schedule = 'TZ=Europe/Berlin 30 4 * * *';
    },
    fields: ['spec.schedule'],
    good: (o) => (o.spec.schedule = '30 4 * * *'),
    says: ['schedule "30 4 * * *" and timeZone "Europe/Berlin"', '1.29'],
    kubernetesVersion: '1.28',
  },
];

describeObjectCases(cases);

test('a zone in the schedule is not also reported as a missing timeZone', () => {
  const cron = changed(hardenedCronJob(), (o) => {
    delete o.spec.timeZone;
    o.spec.schedule = 'CRON_TZ=Europe/Berlin 30 4 * * *';
  });
  expect(fieldsOf(cron, 'cronjob-missing-time-zone', { kubernetesVersion: '1.28' })).toEqual([]);
  expect(fieldsOf(cron, 'cronjob-time-zone-in-schedule', { kubernetesVersion: '1.28' })).toEqual(['spec.schedule']);
});

test('from 1.29 the API server rejects a zone in the schedule, so the warning gives way to the API-server error', () => {
  const cron = changed(hardenedCronJob(), (o) => (o.spec.schedule = 'TZ=Europe/Berlin 30 4 * * *'));
  expect(fieldsOf(cron, 'cronjob-time-zone-in-schedule', { kubernetesVersion: '1.29' })).toEqual([]);
});
