import { describeObjectCases, hardenedCronJob, ObjectCase } from './fixtures';

const schedule = (text: string) => (o: any) => (o.spec.schedule = text);

const cases: ObjectCase[] = [
  {
    name: '@every with a cron equivalent',
    rule: 'cronjob-every-schedule',
    make: hardenedCronJob,
    bad: schedule('@every 15m'),
    fields: ['spec.schedule'],
    good: schedule('*/15 * * * *'),
    says: ['schedule "*/15 * * * *"'],
  },
  {
    name: '@every without one',
    rule: 'cronjob-every-schedule',
    make: hardenedCronJob,
    bad: schedule('@every 7m'),
    fields: ['spec.schedule'],
    good: schedule('@hourly'),
    says: ['every 7m does not divide'],
  },
  {
    name: 'suspended in source',
    rule: 'cronjob-suspended',
    make: hardenedCronJob,
    bad: (o) => (o.spec.suspend = true),
    fields: ['spec.suspend'],
    good: (o) => (o.spec.suspend = false),
  },
];

describeObjectCases(cases);
