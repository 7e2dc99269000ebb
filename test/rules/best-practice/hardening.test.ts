import { describePodTemplateCases, PodTemplateCase } from './fixtures';

const cases: PodTemplateCase[] = [
  {
    name: 'a writable root filesystem, unset or false',
    rule: 'container-writable-root-filesystem',
    bad: (t) => {
      delete t.spec.containers[0].securityContext.readOnlyRootFilesystem;
      t.spec.initContainers[0].securityContext.readOnlyRootFilesystem = false;
    },
    fields: [
      'spec.containers[0].securityContext.readOnlyRootFilesystem',
      'spec.initContainers[0].securityContext.readOnlyRootFilesystem',
    ],
    good: (t) => {
      t.spec.os = { name: 'windows' };
      delete t.spec.containers[0].securityContext.readOnlyRootFilesystem;
    },
  },
  {
    name: 'the service account token mounted by default, as the default ServiceAccount',
    rule: 'pod-service-account-token-mounted',
    bad: (t) => {
      delete t.spec.automountServiceAccountToken;
      delete t.spec.serviceAccountName;
    },
    fields: ['spec.automountServiceAccountToken'],
    good: (t) => (t.spec.automountServiceAccountToken = false),
  },
  {
    name: 'the token mounted explicitly, as the default ServiceAccount',
    rule: 'pod-service-account-token-mounted',
    bad: (t) => {
      t.spec.automountServiceAccountToken = true;
      t.spec.serviceAccountName = 'default';
    },
    fields: ['spec.automountServiceAccountToken'],
    // A ServiceAccount of its own may need the API: the token is its business.
    good: (t) => (t.spec.automountServiceAccountToken = true),
  },
  {
    name: 'no service account',
    rule: 'pod-default-service-account',
    bad: (t) => delete t.spec.serviceAccountName,
    fields: ['spec.serviceAccountName'],
    good: (t) => {
      delete t.spec.serviceAccountName;
      t.spec.serviceAccount = 'report-runner';
    },
  },
  {
    name: 'the default service account by name',
    rule: 'pod-default-service-account',
    bad: (t) => (t.spec.serviceAccountName = 'default'),
    fields: ['spec.serviceAccountName'],
    good: (t) => (t.spec.serviceAccountName = 'nightly'),
  },
];

describePodTemplateCases(cases);
