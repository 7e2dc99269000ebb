import { describeObjectCases, fieldsOf, hardenedCronJob, hardenedJob, changed, ObjectCase } from './fixtures';

const QUEUE = 'kueue.x-k8s.io/queue-name';

const cases: ObjectCase[] = [
  {
    name: 'a queued Job whose container requests no CPU and whose init container requests nothing',
    rule: 'kueue-job-missing-requests',
    make: hardenedJob,
    bad: (o) => {
      o.metadata.labels[QUEUE] = 'team-a';
      delete o.spec.template.spec.containers[0].resources.requests.cpu;
      delete o.spec.template.spec.initContainers[0].resources;
    },
    fields: [
      'spec.template.spec.containers[0].resources.requests[cpu]',
      'spec.template.spec.initContainers[0].resources.requests[cpu]',
      'spec.template.spec.initContainers[0].resources.requests[memory]',
    ],
    // Limits become requests through API defaulting.
    good: (o) => {
      o.metadata.labels[QUEUE] = 'team-a';
      o.spec.template.spec.containers[0].resources = { limits: { cpu: '1', memory: '1Gi' } };
    },
    says: ['queue "team-a"'],
  },
  {
    name: "pod-level requests (1.34+) are the pod's requests, which Kueue charges: they cover the containers",
    rule: 'kueue-job-missing-requests',
    make: hardenedJob,
    bad: (o) => {
      o.metadata.labels[QUEUE] = 'team-a';
      o.spec.template.spec.resources = { requests: { cpu: '2' } };
      for (const c of [...o.spec.template.spec.containers, ...o.spec.template.spec.initContainers]) delete c.resources;
    },
    fields: [
      'spec.template.spec.containers[0].resources.requests[memory]',
      'spec.template.spec.initContainers[0].resources.requests[memory]',
    ],
    good: (o) => {
      o.metadata.labels[QUEUE] = 'team-a';
      o.spec.template.spec.resources = { requests: { cpu: '2', memory: '4Gi' } };
      for (const c of [...o.spec.template.spec.containers, ...o.spec.template.spec.initContainers]) delete c.resources;
    },
    kubernetesVersion: '1.35',
    says: ['; container "main" requests no memory'],
  },
  {
    name: "a CronJob's Jobs queued through the job template labels",
    rule: 'kueue-job-missing-requests',
    make: hardenedCronJob,
    bad: (o) => {
      o.spec.jobTemplate.metadata.labels[QUEUE] = 'nightly';
      delete o.spec.jobTemplate.spec.template.spec.containers[0].resources.requests.memory;
      delete o.spec.jobTemplate.spec.template.spec.containers[0].resources.limits.memory;
    },
    fields: ['spec.jobTemplate.spec.template.spec.containers[0].resources.requests[memory]'],
    good: (o) => (o.spec.jobTemplate.metadata.labels[QUEUE] = 'nightly'),
  },
  {
    name: 'a Job without labels of its own takes the pod template labels, queue label included',
    rule: 'kueue-job-missing-requests',
    make: hardenedJob,
    bad: (o) => {
      delete o.metadata.labels;
      o.spec.template.metadata.labels[QUEUE] = 'team-a';
      delete o.spec.template.spec.containers[0].resources.requests.cpu;
    },
    fields: ['spec.template.spec.containers[0].resources.requests[cpu]'],
    // With labels of its own, the pod template's are not copied, so the Job is not queued.
    good: (o) => {
      o.spec.template.metadata.labels[QUEUE] = 'team-a';
      delete o.spec.template.spec.containers[0].resources.requests.cpu;
    },
  },
];

describeObjectCases(cases);

test('a queue label on the CronJob itself queues nothing (the labels rule reports it), so requests are not required by Kueue', () => {
  const cron = changed(hardenedCronJob(), (o) => {
    o.metadata.labels[QUEUE] = 'nightly';
    delete o.spec.jobTemplate.spec.template.spec.containers[0].resources;
  });
  expect(fieldsOf(cron, 'kueue-job-missing-requests')).toEqual([]);
  expect(fieldsOf(cron, 'cronjob-labels-not-on-jobs')).toEqual([`spec.jobTemplate.metadata.labels[${QUEUE}]`]);
});
