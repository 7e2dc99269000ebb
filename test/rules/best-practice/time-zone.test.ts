import { describeObjectCases, fieldsOf, hardenedCronJob, changed, ObjectCase } from './fixtures';

const cases: ObjectCase[] = [
  {
    name: "no timeZone: the controller's local zone",
    rule: 'cronjob-missing-time-zone',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.timeZone,
    fields: ['spec.timeZone'],
    good: (o) => (o.spec.timeZone = 'Etc/UTC'),
  },
  {
    name: 'no timeZone on a schedule a half-hour zone shifts (*/10: 5:45 or 5:30 offsets move :10 runs)',
    rule: 'cronjob-missing-time-zone',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.timeZone;
      o.spec.schedule = '*/10 * * * *';
    },
    fields: ['spec.timeZone'],
    // Every hour at minutes a quarter-hour shift maps onto themselves: the same instants in every zone.
    good: (o) => {
      delete o.spec.timeZone;
      o.spec.schedule = '0-59/15 * * * *';
    },
  },
  {
    name: 'no timeZone on an hourly schedule (India is 5:30 ahead)',
    rule: 'cronjob-missing-time-zone',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.timeZone;
      o.spec.schedule = '0 * * * *';
    },
    fields: ['spec.timeZone'],
    good: (o) => {
      delete o.spec.timeZone;
      o.spec.schedule = '@every 1h';
    },
  },
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
