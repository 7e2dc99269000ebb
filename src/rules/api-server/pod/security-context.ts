/**
 * Security context values the API server refuses (validateSecurityContext, validatePodSecurityContext):
 * user and group ids outside 0 to 2147483647, privileged or CAP_SYS_ADMIN with
 * allowPrivilegeEscalation: false (the two contradict), unknown fsGroupChangePolicy and seccomp
 * or AppArmor profile types, and a localhostProfile exactly when the type is Localhost (a
 * relative path without ".." for seccomp; unpadded and at most 4,095 bytes for AppArmor); from
 * 1.33 a known procMount, Unmasked only with hostUsers: false, and a supplementalGroupsPolicy of
 * Merge or Strict; a seLinuxChangePolicy of Recursive, or MountOption once SELinuxMount is on by
 * default (1.37); not both shareProcessNamespace and hostPID (reported at `spec.shareProcessNamespace`,
 * where the internal API the server validates says `spec.securityContext.shareProcessNamespace`);
 * and the pod's sysctls (validateSysctls): named, valid sysctl names, each once, and from 1.29 no
 * net.* sysctl with hostNetwork nor IPC sysctl with hostIPC.
 */
import { isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, fieldOf, integerOf, isAbsent, objectOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { isPaddedWithSpace } from '../../support/go-strings';
import { descendingPathProblem } from '../../support/local-paths';
import { quotedValues } from '../../support/message-text';
import { podTemplate, SecurityContextAt, securityContexts } from '../../support/pod-template';
import { APPARMOR_FIELDS_SINCE } from '../../support/security-annotations';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const ID_MAX = 2_147_483_647;
const ID_FIELDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const PROC_MOUNTS = new Set(['Default', 'Unmasked']);
const FS_GROUP_CHANGE_POLICIES = new Set(['OnRootMismatch', 'Always']);
const PROFILE_TYPES = new Set(['RuntimeDefault', 'Unconfined', 'Localhost']);
/**
 * The one spelling ValidateSecurityContext compares with allowPrivilegeEscalation: false. `SYS_ADMIN`
 * (the usual spelling, which container runtimes also accept) passes: upstream compares the literal.
 */
const CAP_SYS_ADMIN = 'CAP_SYS_ADMIN';

function idProblem(field: string, value: unknown): string | undefined {
  const id = integerOf(value);
  return id !== undefined && (id < 0 || id > ID_MAX)
    ? `${field} ${id} must be between 0 and ${ID_MAX}, inclusive`
    : undefined;
}

const PROFILE_TYPE_VALUES = '"Localhost", "RuntimeDefault", "Unconfined"';
/** PATH_MAX - 1: the longest AppArmor localhostProfile (ValidateAppArmorProfileField). */
const APPARMOR_PROFILE_MAX_BYTES = 4095;

/** A profile's type: required, and one of three (validateSeccompProfileType, ValidateAppArmorProfileField). */
function profileTypeProblem(type: string, path: string): string[] | undefined {
  if (type === '') return [child(path, 'type'), 'type is required when the profile is set'];
  if (!PROFILE_TYPES.has(type))
    return [
      child(path, 'type'),
      `type ${describeValue(type)} is not supported (supported values: ${PROFILE_TYPE_VALUES})`,
    ];
  return undefined;
}

/** A localhostProfile given for a type other than Localhost (even empty: Go sees a non-nil pointer). */
function misplacedLocalhostProfile(type: string, path: string): string[] {
  return [
    child(path, 'localhostProfile'),
    `localhostProfile can only be set when type is Localhost${type === '' ? '' : `, not ${type}`}`,
  ];
}

/**
 * A seccompProfile (validateSeccompProfileField): a known type; for Localhost a localhostProfile
 * that is a relative path without "..", for any other type none at all. A value of another JSON
 * type is field-wrong-type's.
 */
function seccompProfileProblems(profile: unknown, path: string): string[][] {
  const spec = objectOf(profile);
  const type = isAbsent(spec?.type) ? '' : spec?.type;
  const localhost = spec?.localhostProfile;
  if (!spec || typeof type !== 'string') return [];
  const out: string[][] = [];
  const typeProblem = profileTypeProblem(type, path);
  if (typeProblem) out.push(typeProblem);
  if (type !== 'Localhost') {
    if (!isAbsent(localhost)) out.push(misplacedLocalhostProfile(type, path));
  } else if (isAbsent(localhost)) {
    out.push([child(path, 'localhostProfile'), 'localhostProfile is required when type is Localhost']);
  } else if (typeof localhost === 'string') {
    const problem = descendingPathProblem(localhost);
    if (problem) out.push([child(path, 'localhostProfile'), `localhostProfile ${describeValue(localhost)} ${problem}`]);
  }
  return out;
}

/**
 * An appArmorProfile (ValidateAppArmorProfileField): a known type; for Localhost a localhostProfile
 * that is not empty, not padded with white space and at most 4,095 bytes, for any other type none.
 */
function appArmorProfileProblems(profile: unknown, path: string): string[][] {
  const spec = objectOf(profile);
  const type = isAbsent(spec?.type) ? '' : spec?.type;
  const localhost = spec?.localhostProfile;
  if (!spec || typeof type !== 'string') return [];
  const typeProblem = profileTypeProblem(type, path);
  if (typeProblem) return [typeProblem];
  const localhostPath = child(path, 'localhostProfile');
  if (type !== 'Localhost') return isAbsent(localhost) ? [] : [misplacedLocalhostProfile(type, path)];
  if (isAbsent(localhost)) return [[localhostPath, 'localhostProfile is required when type is Localhost']];
  if (typeof localhost !== 'string') return [];
  const out: string[][] = [];
  if (isPaddedWithSpace(localhost))
    out.push([localhostPath, `localhostProfile ${describeValue(localhost)} must not be padded with whitespace`]);
  else if (localhost === '') out.push([localhostPath, 'localhostProfile is required when type is Localhost']);
  if (Buffer.byteLength(localhost) > APPARMOR_PROFILE_MAX_BYTES)
    out.push([localhostPath, `localhostProfile must have at most ${APPARMOR_PROFILE_MAX_BYTES} bytes`]);
  return out;
}

/** What decides which security context checks apply to a release. */
interface ContextChecks {
  /** ProcMountType is on: procMount is kept and validated (before, a given procMount is forced to Default). */
  readonly procMount: boolean;
  /** appArmorProfile is a field of the release (1.30+). */
  readonly appArmor: boolean;
}

function contextProblems(context: SecurityContextAt, checks: ContextChecks): string[][] {
  const { path, value } = context;
  const out: string[][] = [];
  for (const field of ID_FIELDS) {
    const p = idProblem(field, value[field]);
    if (p) out.push([child(path, field), p]);
  }
  (arrayOf(value.supplementalGroups) ?? []).forEach((group, i) => {
    const p = idProblem('supplemental group', group);
    if (p) out.push([index(child(path, 'supplementalGroups'), i), p]);
  });
  if (value.allowPrivilegeEscalation === false) {
    if (value.privileged === true)
      out.push([
        child(path, 'allowPrivilegeEscalation'),
        'cannot set allowPrivilegeEscalation to false and privileged to true',
      ]);
    const added = arrayOf(fieldOf(value.capabilities, 'add')) ?? [];
    if (added.includes(CAP_SYS_ADMIN))
      out.push([
        child(path, 'allowPrivilegeEscalation'),
        'cannot set allowPrivilegeEscalation to false and add the capability CAP_SYS_ADMIN',
      ]);
  }
  const procMount = value.procMount;
  if (checks.procMount && typeof procMount === 'string' && !PROC_MOUNTS.has(procMount))
    out.push([
      child(path, 'procMount'),
      `procMount ${describeValue(procMount)} is not supported (supported values: "Default", "Unmasked")`,
    ]);
  const changePolicy = value.fsGroupChangePolicy;
  if (typeof changePolicy === 'string' && !FS_GROUP_CHANGE_POLICIES.has(changePolicy))
    out.push([
      child(path, 'fsGroupChangePolicy'),
      `fsGroupChangePolicy ${describeValue(changePolicy)} is not supported (supported values: "OnRootMismatch", "Always")`,
    ]);
  out.push(...seccompProfileProblems(value.seccompProfile, child(path, 'seccompProfile')));
  if (checks.appArmor) out.push(...appArmorProfileProblems(value.appArmorProfile, child(path, 'appArmorProfile')));
  return out;
}

/** SupplementalGroupsPolicy on by default (beta) from 1.33; before, the field is dropped on create. */
export const SUPPLEMENTAL_GROUPS_POLICY_SINCE = 33;
const SUPPLEMENTAL_GROUPS_POLICIES = new Set(['Merge', 'Strict']);
/** SELinuxChangePolicy on by default: the field is kept and validated (dropped in 1.32, unknown before). */
export const SELINUX_CHANGE_POLICY_SINCE = 33;
/**
 * SELinuxMount on by default (GA, versioned kube_features.go of 1.37): MountOption is allowed. Before,
 * a create is validated with only Recursive allowed (AllowOnlyRecursiveSELinuxChangePolicy).
 */
const SELINUX_MOUNT_OPTION_SINCE = 37;
/**
 * ProcMountType on by default (beta) from 1.33, with user namespaces; before, a procMount given is
 * forced to Default on create (dropDisabledProcMountField), so any value passes.
 */
const PROC_MOUNT_TYPE_SINCE = 33;

export const securityContextInvalid = apiServerRule({
  id: 'security-context-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A pod or container security context the API server refuses: an id outside 0 to 2147483647, allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN, an unknown fsGroupChangePolicy or profile type, a localhostProfile without type Localhost (even empty) or the reverse, a seccomp localhostProfile that is absolute or climbs out with "..", an AppArmor one padded with white space or over 4,095 bytes; from 1.33 an unknown procMount (or Unmasked without hostUsers: false) or supplementalGroupsPolicy, a seLinuxChangePolicy other than Recursive (or MountOption from 1.37); shareProcessNamespace with hostPID.',
  check(input) {
    const violations: Violation[] = [];
    const pod = podTemplate(input);
    const fix =
      'Correct the value; ids are whole numbers from 0, profile types are RuntimeDefault, Localhost (with localhostProfile) or Unconfined.';
    const checks: ContextChecks = {
      procMount: isAtLeast(input.version, PROC_MOUNT_TYPE_SINCE),
      appArmor: isAtLeast(input.version, APPARMOR_FIELDS_SINCE),
    };
    const unmaskedNeedsUserNamespace = checks.procMount && pod.spec.hostUsers !== false;
    for (const context of securityContexts(pod)) {
      for (const [field, problem] of contextProblems(context, checks))
        violations.push({ field, message: `The security context of ${context.owner} is refused: ${problem}.`, fix });
      if (unmaskedNeedsUserNamespace && context.value.procMount === 'Unmasked')
        violations.push({
          field: child(context.path, 'procMount'),
          message: `The security context of ${context.owner} is refused: procMount Unmasked needs the pod in its own user namespace ("\`hostUsers\` must be false to use \`Unmasked\`").`,
          fix: 'Set hostUsers: false on the pod, or leave procMount out (Default).',
        });
    }
    const groupsPolicy = pod.securityContext?.supplementalGroupsPolicy;
    if (
      typeof groupsPolicy === 'string' &&
      !SUPPLEMENTAL_GROUPS_POLICIES.has(groupsPolicy) &&
      isAtLeast(input.version, SUPPLEMENTAL_GROUPS_POLICY_SINCE)
    )
      violations.push({
        field: child(pod.securityContextPath, 'supplementalGroupsPolicy'),
        message: `The security context of the pod is refused: supplementalGroupsPolicy ${describeValue(groupsPolicy)} is not supported (supported values: "Merge", "Strict").`,
        fix: "Use Merge (the image's groups are added) or Strict (only the groups the pod names), spelt as shown.",
      });
    const changePolicy = pod.securityContext?.seLinuxChangePolicy;
    if (!isAbsent(changePolicy) && isAtLeast(input.version, SELINUX_CHANGE_POLICY_SINCE)) {
      const allowed = isAtLeast(input.version, SELINUX_MOUNT_OPTION_SINCE)
        ? ['MountOption', 'Recursive']
        : ['Recursive'];
      if (typeof changePolicy !== 'string' || !allowed.includes(changePolicy))
        violations.push({
          field: child(pod.securityContextPath, 'seLinuxChangePolicy'),
          message:
            `The security context of the pod is refused: seLinuxChangePolicy ${describeValue(changePolicy)} is not supported (supported values: ${quotedValues(allowed)})` +
            (changePolicy === 'MountOption'
              ? `; MountOption needs the SELinuxMount feature gate, on by default from 1.${SELINUX_MOUNT_OPTION_SINCE}.`
              : '.'),
          fix: 'Use Recursive (relabel every file of the volumes) or leave the field out; MountOption needs clusters with SELinuxMount on.',
        });
    }
    if (pod.spec.shareProcessNamespace === true && pod.spec.hostPID === true)
      violations.push({
        field: child(pod.specPath, 'shareProcessNamespace'),
        message:
          'shareProcessNamespace and hostPID are both true: "ShareProcessNamespace and HostPID cannot both be enabled".',
        fix: "Keep one: shareProcessNamespace shares the pod's own PID namespace among its containers, hostPID the node's.",
      });
    return violations;
  },
});

/** A sysctl name: dot- or slash-separated segments of [a-z0-9_-] with alphanumeric ends, at most 253 characters. */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_NAME_MAX_LENGTH = 253;
/** From 1.29 (kubernetes#118705) a namespaced sysctl is refused when the pod shares that namespace with the host. */
const HOST_NAMESPACE_SYSCTLS_SINCE = 29;
const IPC_SYSCTLS = new Set([
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
  'kernel.shm',
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.msg',
]);

/** The dotted form of a sysctl written with slashes ("net/ipv4/ip_forward"): the separators swap. */
function dottedSysctl(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const dot = name.indexOf('.');
  if (dot >= 0 && dot < slash) return name;
  let out = '';
  for (const c of name) out += c === '/' ? '.' : c === '.' ? '/' : c;
  return out;
}

/** The host namespace a sysctl belongs to, as the API server sorts them (net, ipc), or undefined. */
function sysctlNamespace(name: string): 'hostNetwork' | 'hostIPC' | undefined {
  let dotted = dottedSysctl(name);
  const star = dotted.indexOf('*');
  if (star >= 0) dotted = dotted.slice(0, star);
  if (IPC_SYSCTLS.has(dotted) || dotted.startsWith('fs.mqueue.')) return 'hostIPC';
  return dotted.startsWith('net.') ? 'hostNetwork' : undefined;
}

export const podSysctlInvalid = apiServerRule({
  id: 'pod-sysctl-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A pod sysctl without a name, with a name that is not a sysctl name, named twice, or (from 1.29) a net.* sysctl with hostNetwork or an IPC sysctl with hostIPC.',
  check(input) {
    const pod = podTemplate(input);
    const sysctls = arrayOf(pod.securityContext?.sysctls);
    if (!sysctls || sysctls.length === 0) return [];
    const violations: Violation[] = [];
    const seen = new Set<string>();
    const hostChecks = isAtLeast(input.version, HOST_NAMESPACE_SYSCTLS_SINCE);
    const fix = 'Name each kernel parameter once, as sysctl(8) writes it, e.g. "net.ipv4.ip_local_port_range".';
    sysctls.forEach((item, i) => {
      const sysctl = objectOf(item);
      if (!sysctl) return;
      const field = child(index(child(pod.securityContextPath, 'sysctls'), i), 'name');
      const name = sysctl.name;
      if (isAbsent(name) || name === '') {
        violations.push({ field, message: 'The sysctl has no name ("Required value").', fix });
        return;
      }
      if (typeof name !== 'string') return;
      if (name.length > SYSCTL_NAME_MAX_LENGTH || !SYSCTL_NAME.test(name))
        violations.push({
          field,
          message: `${describeValue(name)} is not a sysctl name: it "must have at most ${SYSCTL_NAME_MAX_LENGTH} characters" of lowercase letters, digits, "_" and "-" in segments separated by "." or "/".`,
          fix,
        });
      else if (seen.has(name))
        violations.push({ field, message: `The sysctl ${describeValue(name)} is set twice (Duplicate value).`, fix });
      seen.add(name);
      if (!hostChecks) return;
      const shared = sysctlNamespace(name);
      if (shared && pod.spec[shared] === true)
        violations.push({
          field,
          message: `${describeValue(name)} "may not be specified when '${shared}' is true": the pod shares that namespace with the node, so the sysctl would change the node.`,
          fix: `Remove the sysctl, or run the pod without ${shared}.`,
        });
    });
    return violations;
  },
});

export const SECURITY_CONTEXT_RULES = [securityContextInvalid, podSysctlInvalid];
