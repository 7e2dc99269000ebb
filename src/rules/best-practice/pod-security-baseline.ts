/**
 * Pod Security Standards, "baseline" level: the controls that stop known privilege escalations.
 * One rule per control, so a team can suppress exactly the control it has a reason to break.
 * Semantics follow the Pod Security admission checks (kubernetes/pod-security-admission, policy/),
 * for the target release: the safe sysctls grew in 1.27, 1.29, 1.32 and 1.37, the SELinux type
 * `container_engine_t` arrived in 1.31, probe and lifecycle hosts are checked from 1.34, and from
 * 1.35 a pod in its own user namespace (`hostUsers: false`) may unmask /proc (restricted still
 * refuses that: pss-restricted-proc-mount).
 */
import { isAtLeast, KubernetesVersion } from '../kubernetes-version';
import { Violation } from '../rule';
import { arrayOf, describeValue, fieldOf, integerOf, isObject, objectOf, stringOf } from '../support/access';
import { child, index, key } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { podTemplate, PodTemplate, securityContexts } from '../support/pod-template';
import { APPARMOR_CONTAINER_ANNOTATION_PREFIX, LOCALHOST_PROFILE_PREFIX } from '../support/security-annotations';
import { POD_SECURITY_BASELINE } from './groups';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

const BASELINE = '(Pod Security "baseline": a namespace enforcing baseline or restricted refuses to create the pod)';

/** Capabilities a container runtime grants by default; adding one of them is no escalation. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const hostProcess = bestPracticeRule({
  id: 'pss-host-process',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: no Windows HostProcess pod or container (securityContext.windowsOptions.hostProcess).',
  check(input) {
    return securityContexts(podTemplate(input))
      .filter((sc) => fieldOf(sc.value.windowsOptions, 'hostProcess') === true)
      .map((sc) => ({
        field: child(sc.path, 'windowsOptions.hostProcess'),
        message: `${capitalise(sc.owner)} runs as a Windows HostProcess, directly on the node with the node's privileges ${BASELINE}.`,
        fix: 'Remove securityContext.windowsOptions.hostProcess (or set it to false).',
      }));
  },
});

const HOST_NAMESPACES: readonly { readonly field: string; readonly effect: string }[] = [
  {
    field: 'hostNetwork',
    effect: "shares the node's network: it can reach services bound to the node and listen on its ports",
  },
  { field: 'hostPID', effect: 'sees, and can signal, every process on the node' },
  { field: 'hostIPC', effect: "shares the node's IPC namespace, including other processes' shared memory" },
];

export const hostNamespaces = bestPracticeRule({
  id: 'pss-host-namespaces',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: "PSS baseline: the pod does not share the node's network, PID or IPC namespace.",
  check(input) {
    const pod = podTemplate(input);
    return HOST_NAMESPACES.filter((ns) => pod.spec[ns.field] === true).map((ns) => ({
      field: child(pod.specPath, ns.field),
      message: `The pod sets ${ns.field}: true, so it ${ns.effect} ${BASELINE}.`,
      fix: `Remove ${ns.field} (or set it to false).`,
    }));
  },
});

export const privilegedContainer = bestPracticeRule({
  id: 'pss-privileged-container',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: no privileged containers.',
  check(input) {
    return podTemplate(input)
      .containers.filter((c) => c.securityContext?.privileged === true)
      .map((c) => ({
        field: child(c.securityContextPath, 'privileged'),
        message: `${capitalise(c.label)} runs privileged, with the node's devices and kernel at its disposal ${BASELINE}.`,
        fix: 'Remove securityContext.privileged (or set it to false); if one capability is what the program needs, add just that one.',
      }));
  },
});

/** Each entry of each container's `capabilities.add` that passes `offends`, with its path. */
export function addedCapabilities(
  pod: PodTemplate,
  offends: (capability: string) => boolean,
): { label: string; capability: string; field: string }[] {
  const found: { label: string; capability: string; field: string }[] = [];
  for (const c of pod.containers) {
    const addPath = child(c.securityContextPath, 'capabilities.add');
    (arrayOf(fieldOf(c.securityContext?.capabilities, 'add')) ?? []).forEach((entry, i) => {
      const capability = stringOf(entry);
      if (capability !== undefined && offends(capability))
        found.push({ label: c.label, capability, field: index(addPath, i) });
    });
  }
  return found;
}

export const baselineCapabilities = bestPracticeRule({
  id: 'pss-baseline-capabilities',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: "PSS baseline: containers add no capability beyond the container runtime's default set.",
  check(input) {
    return addedCapabilities(podTemplate(input), (cap) => !BASELINE_CAPABILITIES.has(cap)).map(
      ({ label, capability, field }) => ({
        field,
        message: `${capitalise(label)} adds the capability ${capability}, beyond what a container gets by default ${BASELINE}.`,
        fix: `Remove ${capability} from securityContext.capabilities.add. Baseline allows adding only ${[...BASELINE_CAPABILITIES].join(', ')}; restricted only NET_BIND_SERVICE.`,
      }),
    );
  },
});

export const hostPathVolume = bestPracticeRule({
  id: 'pss-host-path-volume',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: no hostPath volumes.',
  check(input) {
    const violations: Violation[] = [];
    for (const volume of podTemplate(input).volumes) {
      const hostPath = objectOf(volume.value.hostPath);
      if (!hostPath) continue;
      const path = stringOf(hostPath.path);
      violations.push({
        field: child(volume.path, 'hostPath'),
        message: `${capitalise(volume.label)} mounts ${path ? `${describeValue(path)} ` : 'a directory '}from the node, so the pod can read or change the node's files ${BASELINE}.`,
        fix: 'Use an emptyDir for scratch space, a ConfigMap or Secret for configuration, or a PersistentVolumeClaim for data.',
      });
    }
    return violations;
  },
});

export const hostPorts = bestPracticeRule({
  id: 'pss-host-ports',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: containers bind no host ports.',
  check(input) {
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      (arrayOf(c.value.ports) ?? []).forEach((port, j) => {
        const hostPort = integerOf(fieldOf(port, 'hostPort'));
        if (hostPort === undefined || hostPort === 0) return;
        violations.push({
          field: child(index(child(c.path, 'ports'), j), 'hostPort'),
          message: `${capitalise(c.label)} binds port ${hostPort} on the node itself, outside the cluster network ${BASELINE}.`,
          fix: 'Remove hostPort; a batch pod rarely needs to be reachable, and a Service can reach it when it does.',
        });
      });
    }
    return violations;
  },
});

const ALLOWED_APPARMOR_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith(LOCALHOST_PROFILE_PREFIX);
}

export const appArmorProfile = bestPracticeRule({
  id: 'pss-apparmor-profile',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: "PSS baseline: no AppArmor profile other than the runtime's default or one loaded on the node.",
  check(input) {
    const pod = podTemplate(input);
    const violations: Violation[] = [];
    for (const sc of securityContexts(pod)) {
      const profile = objectOf(sc.value.appArmorProfile);
      if (!profile || ALLOWED_APPARMOR_TYPES.has(profile.type as string)) continue;
      violations.push({
        field: child(sc.path, 'appArmorProfile.type'),
        message: `${capitalise(sc.owner)} sets the AppArmor profile type to ${describeValue(profile.type)}, lifting the runtime's default confinement ${BASELINE}.`,
        fix: 'Use appArmorProfile.type RuntimeDefault, or Localhost with a profile loaded on the nodes; or remove appArmorProfile.',
      });
    }
    for (const [name, value] of Object.entries(pod.annotations ?? {})) {
      if (
        !name.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX) ||
        typeof value !== 'string' ||
        allowedAppArmorAnnotation(value)
      )
        continue;
      violations.push({
        field: key(child(pod.metadataPath, 'annotations'), name),
        message: `The annotation sets container ${JSON.stringify(name.slice(APPARMOR_CONTAINER_ANNOTATION_PREFIX.length))}'s AppArmor profile to ${describeValue(value)}, lifting the runtime's default confinement ${BASELINE}.`,
        fix: 'Use "runtime/default" or "localhost/<profile>", or better the securityContext.appArmorProfile field (Kubernetes 1.30 and later).',
      });
    }
    return violations;
  },
});

function allowedSeLinuxTypes(version: KubernetesVersion): ReadonlySet<string> {
  const types = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
  if (isAtLeast(version, 31)) types.push('container_engine_t');
  return new Set(types);
}

export const seLinuxOptions = bestPracticeRule({
  id: 'pss-selinux-options',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: no custom SELinux user or role, and only the container SELinux types.',
  check(input) {
    const allowed = allowedSeLinuxTypes(input.version);
    const violations: Violation[] = [];
    for (const sc of securityContexts(podTemplate(input))) {
      const options = objectOf(sc.value.seLinuxOptions);
      if (!options) continue;
      const path = child(sc.path, 'seLinuxOptions');
      const type = stringOf(options.type);
      if (type !== undefined && !allowed.has(type)) {
        violations.push({
          field: child(path, 'type'),
          message: `${capitalise(sc.owner)} sets the SELinux type ${describeValue(type)}, which is not one of the container types ${BASELINE}.`,
          fix: `Remove seLinuxOptions.type, or use one of ${[...allowed].filter((t) => t !== '').join(', ')}.`,
        });
      }
      for (const field of ['user', 'role']) {
        const value = stringOf(options[field]);
        if (!value) continue;
        violations.push({
          field: child(path, field),
          message: `${capitalise(sc.owner)} sets a custom SELinux ${field} (${describeValue(value)}) ${BASELINE}.`,
          fix: `Remove seLinuxOptions.${field}.`,
        });
      }
    }
    return violations;
  },
});

/**
 * Whether Pod Security relaxes its root and /proc controls for the pod because it runs in its own
 * user namespace (`hostUsers: false`), where root and an unmasked /proc map to no privilege on the
 * node: from 1.35, unconditionally (relaxPolicyForUserNamespacePod).
 */
export function inOwnUserNamespace(pod: PodTemplate, version: KubernetesVersion): boolean {
  return isAtLeast(version, USER_NAMESPACE_RELAXATION_SINCE) && pod.spec.hostUsers === false;
}

export const USER_NAMESPACE_RELAXATION_SINCE = 35;

/** The containers that unmask /proc (a procMount other than Default), as findings worded for `level`. */
export function unmaskedProcViolations(pod: PodTemplate, level: string): Violation[] {
  return pod.containers
    .filter((c) => typeof c.securityContext?.procMount === 'string' && c.securityContext.procMount !== 'Default')
    .map((c) => ({
      field: child(c.securityContextPath, 'procMount'),
      message: `${capitalise(c.label)} sets procMount ${describeValue(c.securityContext?.procMount)}, unmasking parts of /proc the runtime hides from containers ${level}.`,
      fix: 'Remove securityContext.procMount (or set it to Default).',
    }));
}

export const procMount = bestPracticeRule({
  id: 'pss-proc-mount',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'PSS baseline: containers keep the default masked /proc (procMount Default), unless the pod runs in its own user namespace (hostUsers: false, from 1.35).',
  check(input) {
    const pod = podTemplate(input);
    return inOwnUserNamespace(pod, input.version) ? [] : unmaskedProcViolations(pod, BASELINE);
  },
});

const ALLOWED_SECCOMP_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** True when a seccomp profile type is one Pod Security allows at every level. */
export function allowedSeccompType(type: unknown): boolean {
  return ALLOWED_SECCOMP_TYPES.has(type as string);
}

export const seccompUnconfined = bestPracticeRule({
  id: 'pss-seccomp-unconfined',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: no seccomp profile other than RuntimeDefault or Localhost (never Unconfined).',
  check(input) {
    const violations: Violation[] = [];
    for (const sc of securityContexts(podTemplate(input))) {
      const profile = objectOf(sc.value.seccompProfile);
      if (!profile || allowedSeccompType(profile.type)) continue;
      violations.push({
        field: child(sc.path, 'seccompProfile.type'),
        message: `${capitalise(sc.owner)} sets the seccomp profile type to ${describeValue(profile.type)}, which lets the process make every system call ${BASELINE}.`,
        fix: 'Set seccompProfile.type to RuntimeDefault (or Localhost with a profile on the nodes).',
      });
    }
    return violations;
  },
});

/** The sysctls Pod Security treats as namespaced and harmless to other pods, per release. */
export function safeSysctls(version: KubernetesVersion): ReadonlySet<string> {
  const release = version.major * 1000 + version.minor;
  let safe = safeSysctlsByRelease.get(release);
  if (safe === undefined) {
    safe = safeSysctlsOf(version);
    safeSysctlsByRelease.set(release, safe);
  }
  return safe;
}

/** Worked out once per release, not per object. */
const safeSysctlsByRelease = new Map<number, ReadonlySet<string>>();

function safeSysctlsOf(version: KubernetesVersion): ReadonlySet<string> {
  const names = [
    'kernel.shm_rmid_forced',
    'net.ipv4.ip_local_port_range',
    'net.ipv4.tcp_syncookies',
    'net.ipv4.ping_group_range',
    'net.ipv4.ip_unprivileged_port_start',
  ];
  if (isAtLeast(version, 27)) names.push('net.ipv4.ip_local_reserved_ports');
  if (isAtLeast(version, 29))
    names.push(
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    );
  if (isAtLeast(version, 32)) names.push('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem');
  if (isAtLeast(version, 37)) names.push('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat');
  return new Set(names);
}

export const unsafeSysctls = bestPracticeRule({
  id: 'pss-unsafe-sysctls',
  group: POD_SECURITY_BASELINE,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS baseline: only the safe, namespaced sysctls of the target release.',
  check(input) {
    const pod = podTemplate(input);
    const sysctls = arrayOf(pod.securityContext?.sysctls);
    if (sysctls === undefined) return [];
    const safe = safeSysctls(input.version);
    const violations: Violation[] = [];
    sysctls.forEach((sysctl, i) => {
      const name = stringOf(fieldOf(sysctl, 'name'));
      if (name === undefined || safe.has(name)) return;
      violations.push({
        field: child(index(child(pod.securityContextPath, 'sysctls'), i), 'name'),
        message: `The pod sets the sysctl ${describeValue(name)}, which is not among the sysctls Pod Security considers safe for Kubernetes ${input.version.major}.${input.version.minor} ${BASELINE}.`,
        fix: `Remove it, or ask the platform team to set it on dedicated nodes. Safe here: ${[...safe].join(', ')}.`,
      });
    });
    return violations;
  },
});

/** Pod Security's baseline checks probe and lifecycle hosts from 1.34. */
const PROBE_HOST_SINCE = 34;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];
const HANDLER_KINDS = ['httpGet', 'tcpSocket'];

export const probeHost = bestPracticeRule({
  id: 'pss-probe-host',
  group: POD_SECURITY_BASELINE,
  since: PROBE_HOST_SINCE,
  kinds: JOBS_AND_CRONJOBS,
  summary: "PSS baseline (Kubernetes 1.34+): probes and lifecycle hooks target the pod's own address, not a host.",
  check(input) {
    if (!isAtLeast(input.version, PROBE_HOST_SINCE)) return [];
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      // Most containers have no probe or hook: nothing to look at.
      if (!isObject(c.value.lifecycle) && !PROBES.some((probe) => isObject(c.value[probe]))) continue;
      const handlers: { path: string; value: unknown; what: string }[] = PROBES.map((probe) => ({
        path: child(c.path, probe),
        value: c.value[probe],
        what: probe,
      }));
      const lifecycle = objectOf(c.value.lifecycle);
      for (const hook of LIFECYCLE_HANDLERS) {
        handlers.push({
          path: child(child(c.path, 'lifecycle'), hook),
          value: lifecycle?.[hook],
          what: `${hook} hook`,
        });
      }
      for (const handler of handlers) {
        if (!isObject(handler.value)) continue;
        for (const kind of HANDLER_KINDS) {
          const host = stringOf(fieldOf(handler.value[kind], 'host'));
          if (!host) continue;
          violations.push({
            field: child(child(handler.path, kind), 'host'),
            message: `${capitalise(c.label)}'s ${handler.what} connects to host ${describeValue(host)}, which turns the kubelet into a way to reach other addresses ${BASELINE}.`,
            fix: `Remove ${kind}.host so the check goes to the pod's own IP.`,
          });
        }
      }
    }
    return violations;
  },
});

export const POD_SECURITY_BASELINE_RULES = [
  hostProcess,
  hostNamespaces,
  privilegedContainer,
  baselineCapabilities,
  hostPathVolume,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompUnconfined,
  unsafeSysctls,
  probeHost,
];
