import { describeObjectCases, hardenedCronJob, ObjectCase } from './fixtures';

const cases: ObjectCase[] = [
  {
    name: 'no label reaches the Jobs: one finding for the whole map',
    rule: 'cronjob-labels-not-on-jobs',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.jobTemplate.metadata;
      delete o.spec.jobTemplate.spec.template.metadata.labels;
    },
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
  {
    name: "no labels in the job template: the Jobs carry the pod template's (SetDefaults_Job), which count",
    rule: 'cronjob-labels-not-on-jobs',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.jobTemplate.metadata;
      o.spec.jobTemplate.spec.template.metadata.labels = { app: 'backup' };
    },
    fields: ['spec.jobTemplate.metadata.labels[team]'],
    good: (o) => {
      delete o.spec.jobTemplate.metadata;
      o.spec.jobTemplate.spec.template.metadata.labels = { app: 'backup', team: 'data' };
    },
    says: ["carry only the pod template's labels", 'once it has any, the Jobs no longer take those'],
  },
];

describeObjectCases(cases);
