/** nodeSelector, tolerations, security context and DNS. */
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const toleration = (t: unknown) => (p: any) => (p.tolerations = [t]);

runPodCases('scheduling, security context and DNS rules', [
  {
    row: 'nodeSelector value with a space',
    rule: 'pod-node-selector-invalid',
    field: 'nodeSelector[node.example.com/pool]',
    bad: (p) => (p.nodeSelector = { 'node.example.com/pool': 'batch pool' }),
    good: (p) => (p.nodeSelector = { 'node.example.com/pool': 'batch-pool' }),
  },
  {
    row: 'nodeSelector key with two slashes',
    rule: 'pod-node-selector-invalid',
    field: 'nodeSelector[a/b/c]',
    bad: (p) => (p.nodeSelector = { 'a/b/c': 'x' }),
    good: (p) => (p.nodeSelector = { 'a.b/c': 'x' }),
  },
  {
    row: 'Exists with a value',
    rule: 'pod-toleration-invalid',
    field: 'tolerations[0].operator',
    bad: toleration({ key: 'gpu', operator: 'Exists', value: 'true' }),
    good: toleration({ key: 'gpu', operator: 'Exists' }),
  },
  {
    row: 'empty key without Exists',
    rule: 'pod-toleration-invalid',
    field: 'tolerations[0].operator',
    bad: toleration({ operator: 'Equal', value: 'x' }),
    good: toleration({ operator: 'Exists' }),
  },
  {
    row: 'tolerationSeconds without NoExecute',
    rule: 'pod-toleration-invalid',
    field: 'tolerations[0].effect',
    bad: toleration({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }),
    good: toleration({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }),
  },
  {
    row: 'unknown effect',
    rule: 'pod-toleration-invalid',
    field: 'tolerations[0].effect',
    bad: toleration({ key: 'k', operator: 'Exists', effect: 'NoRun' }),
    good: toleration({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }),
  },
  {
    row: 'unknown operator',
    rule: 'pod-toleration-invalid',
    field: 'tolerations[0].operator',
    bad: toleration({ key: 'k', operator: 'Gt', value: '5' }),
    good: toleration({ key: 'k', operator: 'Equal', value: '5' }),
  },
  {
    row: 'negative runAsUser',
    rule: 'security-context-invalid',
    field: 'securityContext.runAsUser',
    bad: (p) => (p.securityContext = { runAsUser: -1 }),
    good: (p) => (p.securityContext = { runAsUser: 1000 }),
  },
  {
    row: 'privileged without escalation',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.allowPrivilegeEscalation',
    bad: (p) => (main(p).securityContext = { privileged: true, allowPrivilegeEscalation: false }),
    good: (p) => (main(p).securityContext = { allowPrivilegeEscalation: false }),
  },
  {
    row: 'CAP_SYS_ADMIN without escalation (the literal spelling only: SYS_ADMIN passes, as upstream)',
    rule: 'security-context-invalid',
    field: 'initContainers[0].securityContext.allowPrivilegeEscalation',
    bad: (p) =>
      (p.initContainers[0].securityContext = {
        allowPrivilegeEscalation: false,
        capabilities: { add: ['CAP_SYS_ADMIN'] },
      }),
    good: (p) =>
      (p.initContainers[0].securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } }),
  },
  {
    row: 'Localhost seccomp without a profile',
    rule: 'security-context-invalid',
    field: 'securityContext.seccompProfile.localhostProfile',
    bad: (p) => (p.securityContext = { seccompProfile: { type: 'Localhost' } }),
    good: (p) => (p.securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/job.json' } }),
  },
  {
    row: 'unknown seccomp type',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.seccompProfile.type',
    bad: (p) => (main(p).securityContext = { seccompProfile: { type: 'runtime/default' } }),
    good: (p) => (main(p).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }),
  },
  {
    row: 'Localhost seccomp with an absolute profile path',
    rule: 'security-context-invalid',
    field: 'securityContext.seccompProfile.localhostProfile',
    bad: (p) => (p.securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: '/var/lib/job.json' } }),
    // An empty profile is set (Go sees a non-nil pointer), and "" is a relative path.
    good: (p) => (p.securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: '' } }),
  },
  {
    row: 'Localhost seccomp with a profile path that climbs out',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.seccompProfile.localhostProfile',
    bad: (p) =>
      (main(p).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'a/../../b.json' } }),
    good: (p) => (main(p).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'a/..b.json' } }),
  },
  {
    row: 'RuntimeDefault seccomp with an empty localhostProfile',
    rule: 'security-context-invalid',
    field: 'securityContext.seccompProfile.localhostProfile',
    bad: (p) => (p.securityContext = { seccompProfile: { type: 'RuntimeDefault', localhostProfile: '' } }),
    good: (p) => (p.securityContext = { seccompProfile: { type: 'RuntimeDefault', localhostProfile: null } }),
  },
  {
    row: 'seccompProfile without a type',
    rule: 'security-context-invalid',
    field: 'securityContext.seccompProfile.type',
    bad: (p) => (p.securityContext = { seccompProfile: {} }),
    good: (p) => (p.securityContext = { seccompProfile: { type: 'Unconfined' } }),
  },
  {
    row: 'Localhost AppArmor profile padded with white space',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.appArmorProfile.localhostProfile',
    bad: (p) => (main(p).securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-batch ' } }),
    good: (p) => (main(p).securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-batch' } }),
    version: '1.35',
  },
  {
    row: 'Localhost AppArmor profile led by a Go space (NEL), which trim() keeps',
    rule: 'security-context-invalid',
    field: 'securityContext.appArmorProfile.localhostProfile',
    bad: (p) => (p.securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: '\u0085k8s-batch' } }),
    // U+FEFF is no space to Go.
    good: (p) => (p.securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: '\ufeffk8s-batch' } }),
    version: '1.35',
  },
  {
    row: 'Localhost AppArmor profile over 4,095 bytes',
    rule: 'security-context-invalid',
    field: 'securityContext.appArmorProfile.localhostProfile',
    bad: (p) => (p.securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'é'.repeat(2048) } }),
    good: (p) => (p.securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'p'.repeat(4095) } }),
    version: '1.35',
  },
  {
    row: 'RuntimeDefault AppArmor with an empty localhostProfile',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.appArmorProfile.localhostProfile',
    bad: (p) => (main(p).securityContext = { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: '' } }),
    good: (p) => (main(p).securityContext = { appArmorProfile: { type: 'RuntimeDefault' } }),
    version: '1.35',
  },
  {
    row: 'fsGroupChangePolicy empty',
    rule: 'security-context-invalid',
    field: 'securityContext.fsGroupChangePolicy',
    bad: (p) => (p.securityContext = { fsGroupChangePolicy: '' }),
    good: (p) => (p.securityContext = { fsGroupChangePolicy: 'OnRootMismatch' }),
  },
  {
    row: 'procMount empty (1.33+)',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.procMount',
    bad: (p) => (main(p).securityContext = { procMount: '' }),
    good: (p) => (main(p).securityContext = { procMount: 'Default' }),
    version: '1.35',
  },
  {
    row: 'procMount Unmasked without hostUsers: false (1.33+)',
    rule: 'security-context-invalid',
    field: 'containers[0].securityContext.procMount',
    bad: (p) => (main(p).securityContext = { procMount: 'Unmasked' }),
    good: (p) => {
      main(p).securityContext = { procMount: 'Unmasked' };
      p.hostUsers = false;
    },
    version: '1.35',
  },
  {
    row: 'supplementalGroupsPolicy in lowercase (1.33+)',
    rule: 'security-context-invalid',
    field: 'securityContext.supplementalGroupsPolicy',
    bad: (p) => (p.securityContext = { supplementalGroupsPolicy: 'strict' }),
    good: (p) => (p.securityContext = { supplementalGroupsPolicy: 'Strict' }),
    version: '1.35',
  },
  {
    row: 'seLinuxChangePolicy MountOption before SELinuxMount is on by default (1.37)',
    rule: 'security-context-invalid',
    field: 'securityContext.seLinuxChangePolicy',
    bad: (p) => (p.securityContext = { seLinuxChangePolicy: 'MountOption' }),
    good: (p) => (p.securityContext = { seLinuxChangePolicy: 'Recursive' }),
    version: '1.36',
  },
  {
    row: 'seLinuxChangePolicy other than Recursive or MountOption (1.37)',
    rule: 'security-context-invalid',
    field: 'securityContext.seLinuxChangePolicy',
    bad: (p) => (p.securityContext = { seLinuxChangePolicy: 'recursive' }),
    good: (p) => (p.securityContext = { seLinuxChangePolicy: 'MountOption' }),
    version: '1.37',
  },
  {
    row: 'shareProcessNamespace with hostPID',
    rule: 'security-context-invalid',
    field: 'shareProcessNamespace',
    bad: (p) => Object.assign(p, { shareProcessNamespace: true, hostPID: true }),
    good: (p) => Object.assign(p, { shareProcessNamespace: true, hostPID: false }),
  },
  {
    row: 'dnsPolicy None without dnsConfig',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig',
    bad: (p) => (p.dnsPolicy = 'None'),
    good: (p) => Object.assign(p, { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.10'] } }),
  },
  {
    row: 'unknown dnsPolicy',
    rule: 'pod-dns-invalid',
    field: 'dnsPolicy',
    bad: (p) => (p.dnsPolicy = 'ClusterFirstWithHostNetwork'),
    good: (p) => (p.dnsPolicy = 'ClusterFirstWithHostNet'),
  },
  {
    row: 'four nameservers',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.nameservers',
    bad: (p) => (p.dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '::1'] }),
    good: (p) => (p.dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '2001:db8::1'] }),
  },
  {
    row: 'nameserver that is not an IP',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.nameservers[0]',
    bad: (p) => (p.dnsConfig = { nameservers: ['dns.example.com'] }),
    good: (p) => (p.dnsConfig = { nameservers: ['10.0.0.10'] }),
  },
  {
    row: 'seven search domains in 1.25',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.searches',
    bad: (p) => (p.dnsConfig = { searches: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
    good: (p) => (p.dnsConfig = { searches: ['a', 'b', 'c', 'd', 'e', 'f'] }),
    version: '1.25',
  },
]);

test('an invalid nodeSelector value is an error in lint (issue 11)', () => {
  const job = withJobSpec('Job', (s) => (s.template.spec.nodeSelector = { disktype: 'ssd,nvme' }));
  const [finding] = findingsOf('pod-node-selector-invalid', job);
  expect(finding).toMatchObject({ severity: 'error', field: 'spec.template.spec.nodeSelector[disktype]' });
});

test('procMount is validated only from 1.33: before, a given procMount is forced to Default', () => {
  const job = withJobSpec('Job', (s) => (s.template.spec.containers[0].securityContext = { procMount: 'unmasked' }));
  expect(findingsOf('security-context-invalid', job, '1.32')).toEqual([]);
  expect(findingsOf('security-context-invalid', job, '1.33')).toMatchObject([
    { field: 'spec.template.spec.containers[0].securityContext.procMount' },
  ]);
});

test('appArmorProfile is validated only from 1.30, where it is a field', () => {
  const job = withJobSpec('Job', (s) => (s.template.spec.securityContext = { appArmorProfile: { type: 'localhost' } }));
  expect(findingsOf('security-context-invalid', job, '1.29')).toEqual([]);
  expect(findingsOf('security-context-invalid', job, '1.30')).toMatchObject([
    { field: 'spec.template.spec.securityContext.appArmorProfile.type' },
  ]);
});

test('procMount Unmasked needs hostUsers: false only from 1.33, when the field is kept', () => {
  const job = withJobSpec('Job', (s) => (s.template.spec.containers[0].securityContext = { procMount: 'Unmasked' }));
  expect(findingsOf('security-context-invalid', job, '1.32')).toEqual([]);
  expect(findingsOf('security-context-invalid', job, '1.33')).toHaveLength(1);
});
