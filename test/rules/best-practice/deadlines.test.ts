import { validateBatchObject } from '../../../src/rules/registry';
import { changed, describeObjectCases, findingsOf, hardenedCronJob, hardenedJob, NOW, ObjectCase } from './fixtures';

const cases: ObjectCase[] = [
  {
    name: 'a Job without activeDeadlineSeconds',
    rule: 'job-missing-active-deadline',
    make: hardenedJob,
    bad: (o) => delete o.spec.activeDeadlineSeconds,
    fields: ['spec.activeDeadlineSeconds'],
    good: (o) => (o.spec.activeDeadlineSeconds = 60),
  },
  {
    name: 'a Job whose pods have a deadline of their own: each pod stops, and backoffLimit bounds the retries',
    rule: 'job-missing-active-deadline',
    make: hardenedJob,
    bad: (o) => delete o.spec.activeDeadlineSeconds,
    fields: ['spec.activeDeadlineSeconds'],
    good: (o) => {
      delete o.spec.activeDeadlineSeconds;
      o.spec.template.spec.activeDeadlineSeconds = 9000;
    },
  },
  {
    name: "a CronJob's job template without activeDeadlineSeconds, under Forbid",
    rule: 'job-missing-active-deadline',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.jobTemplate.spec.activeDeadlineSeconds,
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => (o.spec.jobTemplate.spec.activeDeadlineSeconds = 600),
    says: ['blocks every later run', "below the schedule's shortest interval"],
  },
  {
    name: "a CronJob's job template without activeDeadlineSeconds, under Replace: the next run ends a hung one",
    rule: 'job-missing-active-deadline',
    make: hardenedCronJob,
    bad: (o) => {
      o.spec.concurrencyPolicy = 'Replace';
      delete o.spec.jobTemplate.spec.activeDeadlineSeconds;
    },
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => (o.spec.concurrencyPolicy = 'Replace'),
    says: ['keeps its pods and resources until the next run replaces it.'],
  },
  {
    name: 'no startingDeadlineSeconds (a daily schedule: suggest an hour)',
    rule: 'cronjob-missing-starting-deadline',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.startingDeadlineSeconds,
    fields: ['spec.startingDeadlineSeconds'],
    good: (o) => (o.spec.startingDeadlineSeconds = 60),
    says: ['e.g. 3600'],
  },
  {
    name: "cdk8s-plus-28's 10 s",
    rule: 'cronjob-starting-deadline-too-short',
    make: hardenedCronJob,
    bad: (o) => (o.spec.startingDeadlineSeconds = 10),
    fields: ['spec.startingDeadlineSeconds'],
    good: (o) => (o.spec.startingDeadlineSeconds = 60),
    says: ['within 10s of its time', 'at least 60'],
  },
];

describeObjectCases(cases);

test('startingDeadlineSeconds 0 is left to the never-works error, not warned about twice', () => {
  const zero = changed(hardenedCronJob(), (o) => (o.spec.startingDeadlineSeconds = 0));
  expect(findingsOf(zero, 'cronjob-starting-deadline-too-short')).toEqual([]);
  expect(validateBatchObject(zero, { now: NOW }).map((f) => [f.rule, f.field])).toEqual([
    ['cronjob-starting-deadline-zero', 'spec.startingDeadlineSeconds'],
  ]);
});
