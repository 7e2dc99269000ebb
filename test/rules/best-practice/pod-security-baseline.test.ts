import { describePodTemplateCases, PodTemplateCase, withHostUsers } from './fixtures';

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/main';

const cases: PodTemplateCase[] = [
  {
    name: 'Windows HostProcess on the pod and an init container',
    rule: 'pss-host-process',
    bad: (t) => {
      t.spec.securityContext.windowsOptions = { hostProcess: true };
      t.spec.initContainers[0].securityContext.windowsOptions = { hostProcess: true };
    },
    fields: [
      'spec.securityContext.windowsOptions.hostProcess',
      'spec.initContainers[0].securityContext.windowsOptions.hostProcess',
    ],
    good: (t) => (t.spec.securityContext.windowsOptions = { hostProcess: false, runAsUserName: 'app' }),
  },
  {
    name: 'host network, PID and IPC',
    rule: 'pss-host-namespaces',
    bad: (t) => Object.assign(t.spec, { hostNetwork: true, hostPID: true, hostIPC: true }),
    fields: ['spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC'],
    good: (t) => Object.assign(t.spec, { hostNetwork: false, hostPID: false, hostIPC: false }),
  },
  {
    name: 'a privileged container and a privileged ephemeral container',
    rule: 'pss-privileged-container',
    bad: (t) => {
      t.spec.containers[0].securityContext.privileged = true;
      t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } }];
    },
    fields: ['spec.containers[0].securityContext.privileged', 'spec.ephemeralContainers[0].securityContext.privileged'],
    good: (t) => (t.spec.containers[0].securityContext.privileged = false),
  },
  {
    name: 'SYS_ADMIN added (a default capability is fine at baseline)',
    rule: 'pss-baseline-capabilities',
    bad: (t) => (t.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN']),
    fields: ['spec.containers[0].securityContext.capabilities.add[1]'],
    good: (t) => (t.spec.containers[0].securityContext.capabilities.add = ['CHOWN', 'NET_BIND_SERVICE']),
  },
  {
    name: 'a hostPath volume',
    rule: 'pss-host-path-volume',
    bad: (t) => t.spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }),
    fields: ['spec.volumes[1].hostPath'],
    good: (t) => t.spec.volumes.push({ name: 'data', persistentVolumeClaim: { claimName: 'data' } }),
  },
  {
    name: 'a host port',
    rule: 'pss-host-ports',
    bad: (t) => (t.spec.containers[0].ports = [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9090 }]),
    fields: ['spec.containers[0].ports[1].hostPort'],
    good: (t) => (t.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }]),
  },
  {
    name: 'AppArmor Unconfined by field and by annotation',
    rule: 'pss-apparmor-profile',
    bad: (t) => {
      t.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
      t.spec.initContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
      t.metadata.annotations = { [APPARMOR]: 'unconfined' };
    },
    fields: [
      'spec.securityContext.appArmorProfile.type',
      'spec.initContainers[0].securityContext.appArmorProfile.type',
      `metadata.annotations[${APPARMOR}]`,
    ],
    good: (t) => {
      t.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
      t.spec.containers[0].securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'batch' };
      t.metadata.annotations = {
        [APPARMOR]: 'localhost/batch',
        'container.apparmor.security.beta.kubernetes.io/fetch': 'runtime/default',
      };
    },
  },
  {
    name: 'an SELinux type outside the container types, a user and a role',
    rule: 'pss-selinux-options',
    bad: (t) => (t.spec.securityContext.seLinuxOptions = { type: 'spc_t', user: 'system_u', role: 'system_r' }),
    fields: [
      'spec.securityContext.seLinuxOptions.type',
      'spec.securityContext.seLinuxOptions.user',
      'spec.securityContext.seLinuxOptions.role',
    ],
    good: (t) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' }),
  },
  {
    name: 'container_engine_t before 1.31',
    rule: 'pss-selinux-options',
    bad: (t) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_engine_t' }),
    fields: ['spec.containers[0].securityContext.seLinuxOptions.type'],
    good: (t) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_kvm_t' }),
    kubernetesVersion: '1.30',
  },
  {
    name: 'container_engine_t from 1.31',
    rule: 'pss-selinux-options',
    bad: (t) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'unconfined_t' }),
    fields: ['spec.containers[0].securityContext.seLinuxOptions.type'],
    good: (t) => (t.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_engine_t' }),
    kubernetesVersion: '1.31',
  },
  {
    name: 'an unmasked /proc',
    rule: 'pss-proc-mount',
    bad: (t) => (t.spec.initContainers[0].securityContext.procMount = 'Unmasked'),
    fields: ['spec.initContainers[0].securityContext.procMount'],
    good: (t) => (t.spec.initContainers[0].securityContext.procMount = 'Default'),
  },
  {
    name: "an unmasked /proc on the node's user namespace; from 1.35 baseline allows it in the pod's own",
    rule: 'pss-proc-mount',
    bad: withHostUsers(true, (t) => (t.spec.containers[0].securityContext.procMount = 'Unmasked')),
    fields: ['spec.containers[0].securityContext.procMount'],
    good: withHostUsers(false, (t) => (t.spec.containers[0].securityContext.procMount = 'Unmasked')),
    kubernetesVersion: '1.35',
  },
  {
    name: 'an unmasked /proc in its own user namespace before 1.35',
    rule: 'pss-proc-mount',
    bad: withHostUsers(false, (t) => (t.spec.containers[0].securityContext.procMount = 'Unmasked')),
    fields: ['spec.containers[0].securityContext.procMount'],
    good: withHostUsers(false),
    kubernetesVersion: '1.34',
  },
  {
    name: 'seccomp Unconfined on the pod and a container',
    rule: 'pss-seccomp-unconfined',
    bad: (t) => {
      t.spec.securityContext.seccompProfile = { type: 'Unconfined' };
      t.spec.containers[0].securityContext.seccompProfile = { type: 'Unconfined' };
    },
    fields: ['spec.securityContext.seccompProfile.type', 'spec.containers[0].securityContext.seccompProfile.type'],
    good: (t) =>
      (t.spec.containers[0].securityContext.seccompProfile = {
        type: 'Localhost',
        localhostProfile: 'profiles/batch.json',
      }),
  },
  {
    name: 'a node-wide sysctl',
    rule: 'pss-unsafe-sysctls',
    bad: (t) =>
      (t.spec.securityContext.sysctls = [
        { name: 'kernel.shm_rmid_forced', value: '1' },
        { name: 'net.core.somaxconn', value: '1024' },
      ]),
    fields: ['spec.securityContext.sysctls[1].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }]),
  },
  {
    name: 'ip_local_reserved_ports before 1.27',
    rule: 'pss-unsafe-sysctls',
    bad: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }]),
    fields: ['spec.securityContext.sysctls[0].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.ping_group_range', value: '0 1000' }]),
    kubernetesVersion: '1.26',
  },
  {
    name: 'TCP keep-alive sysctls before 1.29',
    rule: 'pss-unsafe-sysctls',
    bad: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]),
    fields: ['spec.securityContext.sysctls[0].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }]),
    kubernetesVersion: '1.28',
  },
  {
    name: 'TCP buffer sysctls before 1.32',
    rule: 'pss-unsafe-sysctls',
    bad: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]),
    fields: ['spec.securityContext.sysctls[0].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]),
    kubernetesVersion: '1.31',
  },
  {
    name: 'TCP slow-start and unsent-data sysctls before 1.37',
    rule: 'pss-unsafe-sysctls',
    bad: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }]),
    fields: ['spec.securityContext.sysctls[0].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]),
    kubernetesVersion: '1.36',
  },
  {
    name: 'a node-wide sysctl beside the two 1.37 makes safe',
    rule: 'pss-unsafe-sysctls',
    bad: (t) =>
      (t.spec.securityContext.sysctls = [
        { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' },
        { name: 'net.core.somaxconn', value: '1024' },
      ]),
    fields: ['spec.securityContext.sysctls[1].name'],
    good: (t) =>
      (t.spec.securityContext.sysctls = [
        { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' },
        { name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' },
      ]),
    kubernetesVersion: '1.37',
  },
  {
    name: 'TCP buffer sysctls from 1.32',
    rule: 'pss-unsafe-sysctls',
    bad: (t) => (t.spec.securityContext.sysctls = [{ name: 'vm.overcommit_memory', value: '1' }]),
    fields: ['spec.securityContext.sysctls[0].name'],
    good: (t) => (t.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]),
    kubernetesVersion: '1.32',
  },
  {
    name: 'a probe and a lifecycle hook aimed at a host, from 1.34',
    rule: 'pss-probe-host',
    bad: (t) => {
      t.spec.containers[0].livenessProbe = { httpGet: { host: '169.254.169.254', port: 80, path: '/' } };
      t.spec.containers[0].lifecycle = { preStop: { tcpSocket: { host: '10.0.0.1', port: 22 } } };
    },
    fields: ['spec.containers[0].livenessProbe.httpGet.host', 'spec.containers[0].lifecycle.preStop.tcpSocket.host'],
    good: (t) => (t.spec.containers[0].startupProbe = { httpGet: { host: '', port: 8080, path: '/ready' } }),
    kubernetesVersion: '1.34',
  },
  {
    name: 'probe hosts are not checked before 1.34',
    rule: 'pss-probe-host',
    bad: () => undefined,
    fields: [],
    good: (t) => (t.spec.containers[0].readinessProbe = { tcpSocket: { host: '10.0.0.1', port: 22 } }),
    kubernetesVersion: '1.33',
  },
];

describePodTemplateCases(cases);
