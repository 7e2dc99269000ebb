import { describeObjectCases, hardenedCronJob, hardenedJob, ObjectCase } from './fixtures';

const standaloneJobWithoutTtl: ObjectCase = {
  name: 'a standalone Job without a TTL',
  rule: 'job-missing-ttl',
  make: hardenedJob,
  bad: (o) => delete o.spec.ttlSecondsAfterFinished,
  fields: ['spec.ttlSecondsAfterFinished'],
  // A Job with an owner is cleaned up by its owner.
  good: (o) => {
    delete o.spec.ttlSecondsAfterFinished;
    o.metadata.ownerReferences = [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: '0b1c', controller: true },
    ];
  },
};

const cases: ObjectCase[] = [
  standaloneJobWithoutTtl,
  {
    ...standaloneJobWithoutTtl,
    name: 'a Job without a TTL, owner or scheduled time',
    // A scheduler's Job (a ScheduledJob's run written by `reconcile --dry-run` has no owner reference yet).
    good: (o) => {
      delete o.spec.ttlSecondsAfterFinished;
      o.metadata.annotations = { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-03-01T10:00:00Z' };
    },
  },
  // A deploy tool deletes its hook Jobs: as the delete policy says, and without one before it
  // creates the hook again (gitops-engine and Helm default to BeforeHookCreation).
  ...[
    ['argocd.argoproj.io/hook', 'PreSync'],
    ['argocd.argoproj.io/hook-delete-policy', 'HookSucceeded'],
    ['helm.sh/hook', 'pre-install'],
    ['helm.sh/hook-delete-policy', 'hook-succeeded'],
  ].map(([key, value]) => ({
    ...standaloneJobWithoutTtl,
    name: `a deploy hook Job with ${key}: the deploy tool deletes it`,
    bad: (o: any) => {
      delete o.spec.ttlSecondsAfterFinished;
      o.metadata.annotations = { 'example.com/hook': value };
    },
    good: (o: any) => {
      delete o.spec.ttlSecondsAfterFinished;
      o.metadata.annotations = { [key]: value };
    },
  })),
  {
    ...standaloneJobWithoutTtl,
    name: 'a Job Argo CD syncs as an ordinary resource: self-heal would create it again, and run it again',
    bad: (o: any) => {
      delete o.spec.ttlSecondsAfterFinished;
      o.metadata.annotations = { 'argocd.example.com/sync-wave': '1' };
    },
    good: (o: any) => {
      delete o.spec.ttlSecondsAfterFinished;
      o.metadata.annotations = { 'argocd.argoproj.io/sync-wave': '1' };
    },
  },
  {
    name: "a TTL on a CronJob's Jobs",
    rule: 'cronjob-job-ttl-set',
    make: hardenedCronJob,
    bad: (o) => (o.spec.jobTemplate.spec.ttlSecondsAfterFinished = 3600),
    fields: ['spec.jobTemplate.spec.ttlSecondsAfterFinished'],
    good: (o) => (o.spec.successfulJobsHistoryLimit = 10),
    says: ['successfulJobsHistoryLimit and failedJobsHistoryLimit'],
  },
  {
    name: 'history limits left to the API defaults',
    rule: 'cronjob-missing-history-limit',
    make: hardenedCronJob,
    bad: (o) => {
      delete o.spec.successfulJobsHistoryLimit;
      delete o.spec.failedJobsHistoryLimit;
    },
    fields: ['spec.successfulJobsHistoryLimit', 'spec.failedJobsHistoryLimit'],
    good: (o) => (o.spec.successfulJobsHistoryLimit = 0),
  },
  {
    name: 'failed Jobs deleted at once',
    rule: 'cronjob-failed-history-limit-zero',
    make: hardenedCronJob,
    bad: (o) => (o.spec.failedJobsHistoryLimit = 0),
    fields: ['spec.failedJobsHistoryLimit'],
    good: (o) => (o.spec.failedJobsHistoryLimit = 5),
  },
];

describeObjectCases(cases);
