import { changed, describePodTemplateCases, fieldsOf, hardenedJob, PodTemplateCase } from './fixtures';

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
    name: 'no service account, the token mounted',
    rule: 'pod-default-service-account',
    bad: (t) => {
      delete t.spec.serviceAccountName;
      delete t.spec.automountServiceAccountToken;
    },
    fields: ['spec.serviceAccountName'],
    good: (t) => {
      delete t.spec.serviceAccountName;
      delete t.spec.automountServiceAccountToken;
      t.spec.serviceAccount = 'report-runner';
    },
  },
  {
    name: 'the default service account by name, the token mounted',
    rule: 'pod-default-service-account',
    bad: (t) => {
      t.spec.serviceAccountName = 'default';
      t.spec.automountServiceAccountToken = true;
    },
    fields: ['spec.serviceAccountName'],
    good: (t) => (t.spec.serviceAccountName = 'nightly'),
  },
  {
    name: 'the default service account with a projected token of it',
    rule: 'pod-default-service-account',
    bad: (t) => {
      delete t.spec.serviceAccountName;
      t.spec.volumes.push({
        name: 'api-token',
        projected: { sources: [{ configMap: { name: 'ca' } }, { serviceAccountToken: { path: 'token' } }] },
      });
    },
    fields: ['spec.serviceAccountName'],
    // automountServiceAccountToken: false and no projected token: the default account's grants are out of reach.
    good: (t) => {
      delete t.spec.serviceAccountName;
      t.spec.volumes.push({ name: 'ca', projected: { sources: [{ configMap: { name: 'ca' } }] } });
    },
  },
];

describePodTemplateCases(cases);

test('a template without a pod spec has no pod to judge: only the API-server error that it is missing', () => {
  const noAccount = changed(hardenedJob(), (o) => {
    delete o.spec.template.spec.serviceAccountName;
    delete o.spec.template.spec.automountServiceAccountToken;
  });
  const noSpec = changed(hardenedJob(), (o) => (o.spec.template.spec = null));
  for (const rule of ['pod-default-service-account', 'pod-service-account-token-mounted']) {
    expect(fieldsOf(noAccount, rule)).toHaveLength(1);
    expect(fieldsOf(noSpec, rule)).toEqual([]);
  }
});
