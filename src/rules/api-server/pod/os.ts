/**
 * The pod's operating system (validateOS, validateLinux, validateWindows): os.name is required
 * when os is set and must be linux or windows; a linux pod may not set windowsOptions; a windows
 * pod may not set the Linux-only security settings, of the pod (seLinuxOptions, seccompProfile,
 * appArmorProfile from 1.30, fsGroup, fsGroupChangePolicy, sysctls, runAsUser, runAsGroup,
 * supplementalGroups, hostPID, hostIPC, shareProcessNamespace, hostUsers while its gate is on) or
 * of any container (seLinuxOptions, seccompProfile, appArmorProfile, capabilities,
 * readOnlyRootFilesystem, privileged, allowPrivilegeEscalation, procMount, runAsUser, runAsGroup),
 * nor, from 1.33, the pod's seLinuxChangePolicy and supplementalGroupsPolicy, nor pod-level
 * resources while PodLevelResources is on. A procMount counts on every release: where its gate is
 * off, a given procMount is forced to Default, which is still set.
 */
import { FEATURES, featureEnabled, isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { describeValue, isAbsent, objectOf } from '../../support/access';
import { child } from '../../support/field-path';
import { podTemplate } from '../../support/pod-template';
import { APPARMOR_FIELDS_SINCE } from '../../support/security-annotations';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';
import { SELINUX_CHANGE_POLICY_SINCE, SUPPLEMENTAL_GROUPS_POLICY_SINCE } from './security-context';

const WINDOWS_POD_SECURITY_FIELDS = [
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
] as const;
const WINDOWS_CONTAINER_SECURITY_FIELDS = [
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
] as const;
const WINDOWS_FIX =
  'Remove it: a Windows pod takes its security settings from securityContext.windowsOptions; or set os.name to linux if the pod runs on Linux.';

export const podOsInvalid = apiServerRule({
  id: 'pod-os-invalid',
  kinds: BOTH_KINDS,
  summary:
    'os without a name or with one other than linux or windows, windowsOptions in a linux pod, or a Linux-only security setting (seccompProfile, runAsUser, capabilities, hostPID, sysctls, ...) in a windows pod.',
  check(input) {
    const pod = podTemplate(input);
    const os = objectOf(pod.spec.os);
    if (!os) return [];
    const name = os.name;
    if (isAbsent(name) || name === '')
      return [
        {
          field: child(child(pod.specPath, 'os'), 'name'),
          message: 'os is set without a name ("Required value: cannot be empty").',
          fix: 'Set os.name to linux or windows, or remove os.',
        },
      ];
    if (name !== 'linux' && name !== 'windows') {
      if (typeof name !== 'string') return [];
      return [
        {
          field: child(pod.specPath, 'os'),
          message: `os.name ${describeValue(name)} is not supported (supported values: "linux", "windows").`,
          fix: 'Set os.name to linux or windows (lowercase).',
        },
      ];
    }
    let out: Violation[] | undefined;
    const forbid = (field: string, message: string, fix: string) => (out ??= []).push({ field, message, fix });
    if (name === 'linux') {
      const linuxFix = 'Remove windowsOptions, or set os.name to windows if the pod runs on Windows.';
      if (!isAbsent(pod.securityContext?.windowsOptions))
        forbid(
          child(pod.securityContextPath, 'windowsOptions'),
          '"windows options cannot be set for a linux pod".',
          linuxFix,
        );
      for (const c of pod.containers)
        if (!isAbsent(c.securityContext?.windowsOptions))
          forbid(
            child(c.securityContextPath, 'windowsOptions'),
            `${c.label}: "windows options cannot be set for a linux pod".`,
            linuxFix,
          );
      return out ?? [];
    }
    const appArmor = isAtLeast(input.version, APPARMOR_FIELDS_SINCE);
    const context = pod.securityContext;
    if (context) {
      const fields: readonly string[] = [
        ...(appArmor ? ['appArmorProfile'] : []),
        ...WINDOWS_POD_SECURITY_FIELDS,
        ...(isAtLeast(input.version, SELINUX_CHANGE_POLICY_SINCE) ? ['seLinuxChangePolicy'] : []),
        ...(isAtLeast(input.version, SUPPLEMENTAL_GROUPS_POLICY_SINCE) ? ['supplementalGroupsPolicy'] : []),
      ];
      for (const field of fields)
        if (!isAbsent(context[field]))
          forbid(
            child(pod.securityContextPath, field),
            `securityContext.${field} "cannot be set for a windows pod".`,
            WINDOWS_FIX,
          );
      const sysctls = context.sysctls;
      if (Array.isArray(sysctls) && sysctls.length > 0)
        forbid(
          child(pod.securityContextPath, 'sysctls'),
          'securityContext.sysctls "cannot be set for a windows pod".',
          WINDOWS_FIX,
        );
    }
    if (!isAbsent(pod.spec.resources) && featureEnabled(FEATURES.podLevelResources, input.version))
      forbid(
        child(pod.specPath, 'resources'),
        'Pod-level resources "may not be set for a windows pod".',
        'Set the resources on the containers instead: Windows nodes do not support pod-level resources.',
      );
    if (!isAbsent(pod.spec.hostUsers) && featureEnabled(FEATURES.hostUsers, input.version))
      forbid(child(pod.specPath, 'hostUsers'), 'hostUsers "cannot be set for a windows pod".', WINDOWS_FIX);
    for (const field of ['hostPID', 'hostIPC'] as const)
      if (pod.spec[field] === true)
        forbid(child(pod.specPath, field), `${field} "cannot be set for a windows pod".`, WINDOWS_FIX);
    if (!isAbsent(pod.spec.shareProcessNamespace))
      forbid(
        child(pod.specPath, 'shareProcessNamespace'),
        'shareProcessNamespace "cannot be set for a windows pod" (not even to false).',
        WINDOWS_FIX,
      );
    for (const c of pod.containers) {
      const sc = c.securityContext;
      if (!sc) continue;
      if (appArmor && !isAbsent(sc.appArmorProfile))
        forbid(
          child(c.securityContextPath, 'appArmorProfile'),
          `${c.label}: appArmorProfile "cannot be set for a windows pod".`,
          WINDOWS_FIX,
        );
      for (const field of WINDOWS_CONTAINER_SECURITY_FIELDS)
        if (!isAbsent(sc[field]))
          forbid(
            child(c.securityContextPath, field),
            `${c.label}: ${field} "cannot be set for a windows pod".`,
            WINDOWS_FIX,
          );
    }
    return out ?? [];
  },
});

export const OS_RULES = [podOsInvalid];
