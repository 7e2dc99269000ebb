import { describeObjectCases, hardenedCronJob, hardenedJob, ObjectCase } from './fixtures';

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
    name: "a CronJob's job template without activeDeadlineSeconds, under Forbid",
    rule: 'job-missing-active-deadline',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.jobTemplate.spec.activeDeadlineSeconds,
    fields: ['spec.jobTemplate.spec.activeDeadlineSeconds'],
    good: (o) => (o.spec.jobTemplate.spec.activeDeadlineSeconds = 600),
    says: ['blocks every later run', "below the schedule's shortest interval"],
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
    says: ['10 s', 'at least 60'],
  },
  {
    name: '0 never starts a Job',
    rule: 'cronjob-starting-deadline-too-short',
    make: hardenedCronJob,
    bad: (o) => (o.spec.startingDeadlineSeconds = 0),
    fields: ['spec.startingDeadlineSeconds'],
    good: (o) => (o.spec.startingDeadlineSeconds = 3600),
    says: ['never starts a Job'],
  },
];

describeObjectCases(cases);
