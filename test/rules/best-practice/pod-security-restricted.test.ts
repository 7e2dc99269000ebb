import {
  describePodTemplateCases,
  fieldsOf,
  findingsOf,
  hardenedJob,
  changed,
  PodTemplateCase,
  withHostUsers,
} from './fixtures';

const windows = (t: any) => (t.spec.os = { name: 'windows' });

const cases: PodTemplateCase[] = [
  {
    name: 'an NFS volume (hostPath is the baseline rule, not this one)',
    rule: 'pss-restricted-volume-type',
    bad: (t) =>
      t.spec.volumes.push(
        { name: 'share', nfs: { server: 'nas', path: '/exports' } },
        { name: 'node', hostPath: { path: '/data' } },
      ),
    fields: ['spec.volumes[1].nfs'],
    good: (t) =>
      t.spec.volumes.push(
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'config', configMap: { name: 'config' } },
        { name: 'token', projected: { sources: [] } },
        { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } },
        { name: 'defaulted-to-empty-dir' },
      ),
  },
  {
    name: 'allowPrivilegeEscalation unset, not asked of a privileged container (the API server refuses the two together)',
    rule: 'pss-allow-privilege-escalation',
    bad: (t) => delete t.spec.containers[0].securityContext.allowPrivilegeEscalation,
    fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
    good: (t) => {
      delete t.spec.containers[0].securityContext.allowPrivilegeEscalation;
      t.spec.containers[0].securityContext.privileged = true;
    },
  },
  {
    name: 'allowPrivilegeEscalation unset on a container and true on an init container',
    rule: 'pss-allow-privilege-escalation',
    bad: (t) => {
      delete t.spec.containers[0].securityContext.allowPrivilegeEscalation;
      t.spec.initContainers[0].securityContext.allowPrivilegeEscalation = true;
    },
    fields: [
      'spec.containers[0].securityContext.allowPrivilegeEscalation',
      'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
    ],
    good: (t) => {
      windows(t);
      delete t.spec.containers[0].securityContext;
    },
  },
  {
    name: 'runAsNonRoot set nowhere: one finding on the pod',
    rule: 'pss-run-as-non-root',
    bad: (t) => delete t.spec.securityContext.runAsNonRoot,
    fields: ['spec.securityContext.runAsNonRoot'],
    good: (t) => {
      delete t.spec.securityContext.runAsNonRoot;
      t.spec.containers[0].securityContext.runAsNonRoot = true;
      t.spec.initContainers[0].securityContext.runAsNonRoot = true;
    },
  },
  {
    name: 'runAsNonRoot false on the pod',
    rule: 'pss-run-as-non-root',
    bad: (t) => (t.spec.securityContext.runAsNonRoot = false),
    fields: ['spec.securityContext.runAsNonRoot'],
    good: (t) => (t.spec.containers[0].securityContext.runAsNonRoot = true),
  },
  {
    name: 'runAsNonRoot true on one container only, false on another',
    rule: 'pss-run-as-non-root',
    bad: (t) => {
      delete t.spec.securityContext.runAsNonRoot;
      t.spec.containers[0].securityContext.runAsNonRoot = true;
      t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { runAsNonRoot: false } }];
    },
    fields: [
      'spec.ephemeralContainers[0].securityContext.runAsNonRoot',
      'spec.initContainers[0].securityContext.runAsNonRoot',
    ],
    good: (t) => (t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]),
  },
  {
    name: 'runAsNonRoot false on a container overrides the pod',
    rule: 'pss-run-as-non-root',
    bad: (t) => (t.spec.initContainers[0].securityContext.runAsNonRoot = false),
    fields: ['spec.initContainers[0].securityContext.runAsNonRoot'],
    good: (t) => (t.spec.initContainers[0].securityContext.runAsNonRoot = true),
  },
  {
    name: 'runAsUser 0 on the pod and a container',
    rule: 'pss-run-as-root-user',
    bad: (t) => {
      t.spec.securityContext.runAsUser = 0;
      t.spec.containers[0].securityContext.runAsUser = 0;
    },
    fields: ['spec.securityContext.runAsUser', 'spec.containers[0].securityContext.runAsUser'],
    good: (t) => (t.spec.containers[0].securityContext.runAsUser = 1000),
  },
  {
    name: "runAsNonRoot false on the node's user namespace; from 1.35 restricted allows it in the pod's own",
    rule: 'pss-run-as-non-root',
    bad: withHostUsers(true, (t) => (t.spec.securityContext.runAsNonRoot = false)),
    fields: ['spec.securityContext.runAsNonRoot'],
    good: withHostUsers(false, (t) => (t.spec.securityContext.runAsNonRoot = false)),
    kubernetesVersion: '1.35',
  },
  {
    name: "runAsUser 0 on the node's user namespace; from 1.35 restricted allows it in the pod's own",
    rule: 'pss-run-as-root-user',
    bad: withHostUsers(true, (t) => (t.spec.securityContext.runAsUser = 0)),
    fields: ['spec.securityContext.runAsUser'],
    good: withHostUsers(false, (t) => (t.spec.securityContext.runAsUser = 0)),
    kubernetesVersion: '1.35',
  },
  {
    name: 'runAsUser 0 in its own user namespace before 1.35',
    rule: 'pss-run-as-root-user',
    bad: withHostUsers(false, (t) => (t.spec.securityContext.runAsUser = 0)),
    fields: ['spec.securityContext.runAsUser'],
    good: withHostUsers(false),
    kubernetesVersion: '1.34',
  },
  {
    name: 'an unmasked /proc in its own user namespace, which baseline allows from 1.35',
    rule: 'pss-restricted-proc-mount',
    bad: withHostUsers(false, (t) => (t.spec.initContainers[0].securityContext.procMount = 'Unmasked')),
    fields: ['spec.initContainers[0].securityContext.procMount'],
    good: withHostUsers(false, (t) => (t.spec.initContainers[0].securityContext.procMount = 'Default')),
    kubernetesVersion: '1.35',
  },
  {
    name: 'no seccomp profile anywhere: one finding on the pod',
    rule: 'pss-seccomp-profile-missing',
    bad: (t) => delete t.spec.securityContext.seccompProfile,
    fields: ['spec.securityContext.seccompProfile'],
    good: (t) => {
      delete t.spec.securityContext.seccompProfile;
      windows(t);
    },
  },
  {
    name: 'a seccomp profile on one container only',
    rule: 'pss-seccomp-profile-missing',
    bad: (t) => {
      delete t.spec.securityContext.seccompProfile;
      t.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    },
    fields: ['spec.initContainers[0].securityContext.seccompProfile'],
    good: (t) => {
      delete t.spec.securityContext.seccompProfile;
      t.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
      t.spec.initContainers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'batch.json' };
    },
  },
  {
    name: 'an Unconfined pod profile is pss-seccomp-unconfined, not a missing one',
    rule: 'pss-seccomp-profile-missing',
    bad: () => undefined,
    fields: [],
    good: (t) => (t.spec.securityContext.seccompProfile = { type: 'Unconfined' }),
  },
  {
    name: 'capabilities not dropped, and an ephemeral container without a security context',
    rule: 'pss-capabilities-drop-all',
    bad: (t) => {
      t.spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] };
      t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }];
    },
    fields: [
      'spec.containers[0].securityContext.capabilities.drop',
      'spec.ephemeralContainers[0].securityContext.capabilities.drop',
    ],
    good: (t) =>
      (t.spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW', 'ALL'], add: ['NET_BIND_SERVICE'] }),
  },
  {
    name: 'a default capability added (SYS_ADMIN is the baseline rule, not this one)',
    rule: 'pss-restricted-capabilities',
    bad: (t) => (t.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN', 'SYS_ADMIN']),
    fields: ['spec.containers[0].securityContext.capabilities.add[1]'],
    good: (t) => (t.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']),
  },
];

describePodTemplateCases(cases);

test('Windows pods are exempt from the Linux-only restricted controls, not from the others', () => {
  const job = changed(hardenedJob(), (o) => {
    const spec = o.spec.template.spec;
    spec.os = { name: 'windows' };
    delete spec.securityContext;
    for (const c of [...spec.containers, ...spec.initContainers]) delete c.securityContext;
  });
  for (const rule of [
    'pss-allow-privilege-escalation',
    'pss-seccomp-profile-missing',
    'pss-capabilities-drop-all',
    'pss-restricted-capabilities',
  ]) {
    expect(fieldsOf(job, rule)).toEqual([]);
  }
  expect(fieldsOf(job, 'pss-run-as-non-root')).toEqual(['spec.template.spec.securityContext.runAsNonRoot']);
});

test('without runAsNonRoot, the message says whether runAsUser already keeps a container off root', () => {
  const unset = (o: any) => {
    const spec = o.spec.template.spec;
    delete spec.securityContext.runAsNonRoot;
    delete spec.securityContext.runAsUser;
    for (const c of [...spec.containers, ...spec.initContainers]) delete c.securityContext.runAsNonRoot;
  };
  const messages = (change: (o: any) => void) =>
    findingsOf(changed(hardenedJob(), change), 'pss-run-as-non-root').map((f) => `${f.field}: ${f.message}`);
  const pod = 'spec.template.spec.securityContext.runAsNonRoot';

  expect(
    messages((o) => {
      unset(o);
      o.spec.template.spec.securityContext.runAsUser = 65534;
    }),
  ).toEqual([
    `${pod}: Neither the pod nor its containers set runAsNonRoot: true; runAsUser already keeps them off root, but Pod Security "restricted" asks for runAsNonRoot: true as well, and a namespace enforcing restricted refuses to create the pod.`,
  ]);
  // One container overrides the pod's UID with 0: the pod-level message may not say "off root".
  expect(
    messages((o) => {
      unset(o);
      o.spec.template.spec.securityContext.runAsUser = 65534;
      o.spec.template.spec.initContainers[0].securityContext.runAsUser = 0;
    }),
  ).toEqual([expect.stringMatching(/so they run as root whenever the image's user is root/)]);
  expect(messages(unset)).toEqual([expect.stringMatching(/so they run as root whenever the image's user is root/)]);
  // Per container: one says runAsNonRoot, the other has its own UID.
  expect(
    messages((o) => {
      unset(o);
      o.spec.template.spec.containers[0].securityContext.runAsNonRoot = true;
      o.spec.template.spec.initContainers[0].securityContext.runAsUser = 1000;
    }),
  ).toEqual([
    expect.stringMatching(
      /^spec\.template\.spec\.initContainers\[0\]\.securityContext\.runAsNonRoot: .*; runAsUser already keeps it off root, but/,
    ),
  ]);
});
