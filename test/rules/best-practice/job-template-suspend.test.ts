import { describeObjectCases, changed, findingsOf, hardenedCronJob, hardenedJob, ObjectCase } from './fixtures';

const QUEUE = 'kueue.x-k8s.io/queue-name';
const RULE = 'cronjob-job-template-suspended';

const cases: ObjectCase[] = [
  {
    name: 'a job template that creates every Job suspended, with no queue to resume it',
    rule: RULE,
    make: hardenedCronJob,
    bad: (o) => (o.spec.jobTemplate.spec.suspend = true),
    fields: ['spec.jobTemplate.spec.suspend'],
    good: (o) => (o.spec.jobTemplate.spec.suspend = false),
    says: ['nothing in Kubernetes resumes it', QUEUE],
  },
  {
    name: 'Kueue queues the Jobs through the job template labels',
    rule: RULE,
    make: hardenedCronJob,
    bad: (o) => {
      o.spec.jobTemplate.spec.suspend = true;
      o.metadata.labels[QUEUE] = 'nightly'; // on the CronJob, the label queues nothing
    },
    fields: ['spec.jobTemplate.spec.suspend'],
    good: (o) => {
      o.spec.jobTemplate.spec.suspend = true;
      o.spec.jobTemplate.metadata.labels[QUEUE] = 'nightly';
    },
  },
  {
    name: 'Kueue queues the Jobs through the pod template labels (the job template has none)',
    rule: RULE,
    make: hardenedCronJob,
    bad: (o) => {
      o.spec.jobTemplate.spec.suspend = true;
      o.spec.jobTemplate.spec.template.metadata.labels[QUEUE] = 'nightly'; // not copied: the job template has labels
    },
    fields: ['spec.jobTemplate.spec.suspend'],
    good: (o) => {
      o.spec.jobTemplate.spec.suspend = true;
      delete o.spec.jobTemplate.metadata.labels;
      o.spec.jobTemplate.spec.template.metadata.labels[QUEUE] = 'nightly';
    },
  },
  {
    name: "Kueue's older queue-name annotation on the job template",
    rule: RULE,
    make: hardenedCronJob,
    bad: (o) => (o.spec.jobTemplate.spec.suspend = true),
    fields: ['spec.jobTemplate.spec.suspend'],
    good: (o) => {
      o.spec.jobTemplate.spec.suspend = true;
      o.spec.jobTemplate.metadata.annotations = { [QUEUE]: 'nightly' };
    },
  },
];

describeObjectCases(cases);

test('a Job of its own created suspended is not reported: resuming it later is what suspend is for', () => {
  expect(
    findingsOf(
      changed(hardenedJob(), (o) => (o.spec.suspend = true)),
      RULE,
    ),
  ).toEqual([]);
});

test('a warning, which a reasoned annotation suppresses (a default LocalQueue, a manual approval step)', () => {
  const cron = changed(hardenedCronJob(), (o) => (o.spec.jobTemplate.spec.suspend = true));
  expect(findingsOf(cron, RULE).map((f) => f.severity)).toEqual(['warning']);
  const suppressed = changed(cron, (o) => {
    o.metadata.annotations = {
      [`cdk8s-batch.io/suppress-${RULE}`]: "Kueue admits this namespace's Jobs through its default LocalQueue",
    };
  });
  expect(findingsOf(suppressed, RULE)).toEqual([]);
});
