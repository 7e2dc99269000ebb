import { describeObjectCases, hardenedCronJob, ObjectCase } from './fixtures';

const cases: ObjectCase[] = [
  {
    name: 'no label reaches the Jobs: one finding for the whole map',
    rule: 'cronjob-labels-not-on-jobs',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.jobTemplate.metadata,
    fields: ['spec.jobTemplate.metadata.labels'],
    good: (o) => (o.spec.jobTemplate.metadata.labels = { app: 'backup', team: 'platform', tier: 'batch' }),
    says: ['app: "backup", team: "data"'],
  },
  {
    name: 'one label missing: reported at its key',
    rule: 'cronjob-labels-not-on-jobs',
    make: hardenedCronJob,
    bad: (o) => delete o.spec.jobTemplate.metadata.labels.team,
    fields: ['spec.jobTemplate.metadata.labels[team]'],
    good: (o) => delete o.metadata.labels,
  },
  {
    name: 'label names that are also object properties are still labels',
    rule: 'cronjob-labels-not-on-jobs',
    make: hardenedCronJob,
    bad: (o) => (o.metadata.labels.constructor = 'x'),
    fields: ['spec.jobTemplate.metadata.labels[constructor]'],
    good: (o) => {
      o.metadata.labels.constructor = 'x';
      o.spec.jobTemplate.metadata.labels.constructor = 'x';
    },
  },
];

describeObjectCases(cases);
