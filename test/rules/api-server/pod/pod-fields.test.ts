/**
 * Pod spec fields checked one by one in ValidatePodSpec: hostname and subdomain, priority, sysctls
 * and DNS search domains.
 *
 * Checklist → rule id: hostname, subdomain                        → pod-hostname-invalid
 * priorityClassName, preemptionPolicy                             → pod-priority-invalid
 * sysctl name, duplicate, host namespaces (1.29)                  → pod-sysctl-invalid
 * search domain syntax, "_" and "." from 1.33                      → pod-dns-invalid
 */
import { findingsOf, withJobSpec } from '../fixtures';
import { runPodCases } from './pod-cases';

const sysctls =
  (...list: unknown[]) =>
  (p: any) =>
    (p.securityContext = { sysctls: list });
const searches =
  (...list: string[]) =>
  (p: any) =>
    (p.dnsConfig = { searches: list });

runPodCases('hostname, priority, sysctl and DNS search rules', [
  {
    row: 'hostname with a dot',
    rule: 'pod-hostname-invalid',
    field: 'hostname',
    bad: (p) => (p.hostname = 'worker.example'),
    good: (p) => (p.hostname = 'worker-0'),
  },
  {
    row: 'subdomain with capitals',
    rule: 'pod-hostname-invalid',
    field: 'subdomain',
    bad: (p) => (p.subdomain = 'Workers'),
    good: (p) => (p.subdomain = 'workers'),
  },
  {
    row: 'priorityClassName with an underscore',
    rule: 'pod-priority-invalid',
    field: 'priorityClassName',
    bad: (p) => (p.priorityClassName = 'batch_low'),
    good: (p) => (p.priorityClassName = 'batch-low'),
  },
  {
    row: 'unknown preemptionPolicy',
    rule: 'pod-priority-invalid',
    field: 'preemptionPolicy',
    bad: (p) => (p.preemptionPolicy = 'PreemptNever'),
    good: (p) => (p.preemptionPolicy = 'Never'),
  },
  {
    row: 'sysctl without a name',
    rule: 'pod-sysctl-invalid',
    field: 'securityContext.sysctls[0].name',
    bad: sysctls({ value: '1' }),
    good: sysctls({ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }),
  },
  {
    row: 'sysctl name with capitals',
    rule: 'pod-sysctl-invalid',
    field: 'securityContext.sysctls[0].name',
    bad: sysctls({ name: 'net.ipv4.Ip_forward', value: '1' }),
    good: sysctls({ name: 'net/ipv4/conf/eth0.100/rp_filter', value: '1' }),
  },
  {
    row: 'sysctl set twice',
    rule: 'pod-sysctl-invalid',
    field: 'securityContext.sysctls[1].name',
    bad: sysctls({ name: 'kernel.shm_rmid_forced', value: '0' }, { name: 'kernel.shm_rmid_forced', value: '1' }),
    good: sysctls({ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.msgmax', value: '65536' }),
  },
  {
    row: 'net sysctl with hostNetwork from 1.29',
    rule: 'pod-sysctl-invalid',
    field: 'securityContext.sysctls[0].name',
    bad: (p) => (sysctls({ name: 'net.ipv4.ip_local_port_range', value: '40000 65535' })(p), (p.hostNetwork = true)),
    good: (p) => (sysctls({ name: 'kernel.shm_rmid_forced', value: '1' })(p), (p.hostNetwork = true)),
    version: '1.29',
  },
  {
    row: 'IPC sysctl with hostIPC from 1.29',
    rule: 'pod-sysctl-invalid',
    field: 'securityContext.sysctls[0].name',
    bad: (p) => (sysctls({ name: 'fs/mqueue/msg_max', value: '64' })(p), (p.hostIPC = true)),
    good: (p) => (sysctls({ name: 'net.ipv4.ping_group_range', value: '0 1' })(p), (p.hostIPC = true)),
    version: '1.29',
  },
  {
    row: 'search domain with a space',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.searches[1]',
    bad: searches('svc.cluster.local', 'example com'),
    good: searches('svc.cluster.local', 'example.com.'),
  },
  {
    row: 'search domain with "_" before 1.33',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.searches[0]',
    bad: searches('_sip._tcp.example.com'),
    good: searches('sip.tcp.example.com'),
    version: '1.32',
  },
  {
    row: 'lone "." before 1.33',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.searches[0]',
    bad: searches('.'),
    good: searches('example.com.'),
    version: '1.32',
  },
  {
    row: 'search domain with a leading "-" in 1.33',
    rule: 'pod-dns-invalid',
    field: 'dnsConfig.searches[0]',
    bad: searches('-svc.example.com'),
    good: searches('_sip._tcp.example.com', '.'),
    version: '1.33',
  },
]);

describe('release differences', () => {
  const hostNetSysctl = withJobSpec('Job', (s) => {
    s.template.spec.hostNetwork = true;
    s.template.spec.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] };
  });
  test('a namespaced sysctl with a host namespace is accepted before 1.29', () => {
    expect(findingsOf('pod-sysctl-invalid', hostNetSysctl, '1.28')).toEqual([]);
    expect(findingsOf('pod-sysctl-invalid', hostNetSysctl, '1.29')[0].message).toContain("'hostNetwork' is true");
  });

  test('search domains with "_" pass from 1.33', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.dnsConfig = { searches: ['_ldap._tcp.corp.example'] }));
    expect(findingsOf('pod-dns-invalid', job, '1.32')[0].message).toContain('1.33 does');
    expect(findingsOf('pod-dns-invalid', job, '1.33')).toEqual([]);
  });

  test('the hostname finding names the problem in the API server words', () => {
    const job = withJobSpec('CronJob', (s) => (s.template.spec.hostname = 'a'.repeat(64)));
    const [finding] = findingsOf('pod-hostname-invalid', job);
    expect(finding).toMatchObject({ severity: 'error', field: 'spec.jobTemplate.spec.template.spec.hostname' });
    expect(finding.message).toContain('must be no more than 63 characters');
  });
});
