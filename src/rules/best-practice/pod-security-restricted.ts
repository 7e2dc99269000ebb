/**
 * Pod Security Standards, "restricted" level: current pod hardening practice, on top of baseline.
 * Where restricted tightens a baseline control (capabilities, seccomp, volumes), the rule here
 * reports only what baseline allows and restricted does not, so each finding has one rule id and
 * a team that enforces only baseline can turn these rules off and keep the baseline ones.
 * Windows pods (`spec.os.name: windows`) are exempt from the Linux-only controls, as in Pod
 * Security admission since 1.25; from 1.35 a pod in its own user namespace (`hostUsers: false`)
 * may run as root, and restricted then keeps refusing the unmasked /proc baseline allows it.
 */
import { Violation } from '../rule';
import { arrayOf, fieldOf, integerOf, objectOf } from '../support/access';
import { child } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { PodContainer, PodTemplate, podTemplate, securityContexts } from '../support/pod-template';
import { POD_SECURITY_RESTRICTED } from './groups';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';
import {
  addedCapabilities,
  allowedSeccompType,
  BASELINE_CAPABILITIES,
  inOwnUserNamespace,
  unmaskedProcViolations,
  USER_NAMESPACE_RELAXATION_SINCE,
} from './pod-security-baseline';

const RESTRICTED = '(Pod Security "restricted": a namespace enforcing restricted refuses to create the pod)';

/** Inline volume sources restricted forbids besides hostPath (which baseline already reports). */
const RESTRICTED_VOLUME_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

const ALLOWED_VOLUME_SOURCES =
  'configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret';

export const restrictedVolumeType = bestPracticeRule({
  id: 'pss-restricted-volume-type',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'PSS restricted: volumes are configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret.',
  check(input) {
    const violations: Violation[] = [];
    for (const volume of podTemplate(input).volumes) {
      const source = RESTRICTED_VOLUME_SOURCES.find((s) => objectOf(volume.value[s]) !== undefined);
      if (source === undefined) continue;
      violations.push({
        field: child(volume.path, source),
        message: `${capitalise(volume.label)} is a ${source} volume; restricted pods may use only ${ALLOWED_VOLUME_SOURCES} volumes ${RESTRICTED}.`,
        fix:
          source === 'gitRepo'
            ? 'Clone the repository in an init container into an emptyDir volume (gitRepo is deprecated anyway).'
            : `Define the ${source} storage as a PersistentVolume and mount it through a persistentVolumeClaim volume.`,
      });
    }
    return violations;
  },
});

export const allowPrivilegeEscalation = bestPracticeRule({
  id: 'pss-allow-privilege-escalation',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    "PSS restricted: every container sets allowPrivilegeEscalation: false (a privileged container is pss-privileged-container's: the API server refuses the two together).",
  check(input) {
    const pod = podTemplate(input);
    if (pod.isWindows) return [];
    // While privileged: true stands, the API server refuses allowPrivilegeEscalation: false, so the
    // fix is to drop privileged first (pss-privileged-container, baseline); this is asked after.
    return pod.containers
      .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false && c.securityContext?.privileged !== true)
      .map((c) => ({
        field: child(c.securityContextPath, 'allowPrivilegeEscalation'),
        message: `${capitalise(c.label)} does not set allowPrivilegeEscalation: false, so a setuid program can give the process more privileges than it started with ${RESTRICTED}.`,
        fix: `Set securityContext.allowPrivilegeEscalation: false on ${c.label}.`,
      }));
  },
});

type ControlState = 'good' | 'bad' | 'unset';

interface InheritedControlReports {
  /** The pod sets a bad value; omitted when another rule reports that. */
  readonly podBad?: () => Violation;
  /** Neither the pod nor any container sets the control: one finding at the pod level. */
  readonly podUnset: () => Violation;
  readonly container: (c: PodContainer, state: 'bad' | 'unset') => Violation;
}

/**
 * A control set on the pod or per container (runAsNonRoot, a seccomp profile): a container that
 * sets it is judged on its own value, the others inherit the pod's. When the pod does not set it
 * and no container does either, one finding at the pod level is the useful one; when some
 * containers do, the others are reported one by one.
 */
function inheritedControl(
  pod: PodTemplate,
  podState: ControlState,
  containerState: (c: PodContainer) => ControlState,
  reports: InheritedControlReports,
): Violation[] {
  const violations: Violation[] = [];
  if (podState === 'bad' && reports.podBad) violations.push(reports.podBad());
  const states = pod.containers.map((c) => ({ c, state: containerState(c) }));
  for (const { c, state } of states) if (state === 'bad') violations.push(reports.container(c, 'bad'));
  if (podState !== 'unset') return violations;
  const unset = states.filter((s) => s.state === 'unset').map((s) => s.c);
  if (unset.length === 0) return violations;
  if (states.some((s) => s.state !== 'unset')) {
    for (const c of unset) violations.push(reports.container(c, 'unset'));
  } else {
    violations.push(reports.podUnset());
  }
  return violations;
}

function booleanState(value: unknown, good: boolean): ControlState {
  if (typeof value !== 'boolean') return 'unset';
  return value === good ? 'good' : 'bad';
}

/** The UID a container runs as when its or the pod's securityContext sets one. */
function effectiveRunAsUser(pod: PodTemplate, c: PodContainer): number | undefined {
  return integerOf(c.securityContext?.runAsUser) ?? integerOf(pod.securityContext?.runAsUser);
}

/** Said of containers (`it` or `them`) whose runAsUser is a UID other than 0: restricted still wants runAsNonRoot. */
function keptOffRootByUid(pronoun: 'it' | 'them'): string {
  return `runAsUser already keeps ${pronoun} off root, but Pod Security "restricted" asks for runAsNonRoot: true as well, and a namespace enforcing restricted refuses to create the pod`;
}

export const runAsNonRoot = bestPracticeRule({
  id: 'pss-run-as-non-root',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'PSS restricted: runAsNonRoot: true on the pod, or on every container, unless the pod runs in its own user namespace (hostUsers: false, from 1.35).',
  check(input) {
    const pod = podTemplate(input);
    if (inOwnUserNamespace(pod, input.version)) return [];
    const fix =
      'Set spec.securityContext.runAsNonRoot: true; if the image runs as root or as a user name, also set runAsUser to a non-zero UID (e.g. 65532), or the kubelet refuses to start it.';
    return inheritedControl(
      pod,
      booleanState(pod.securityContext?.runAsNonRoot, true),
      (c) => booleanState(c.securityContext?.runAsNonRoot, true),
      {
        podBad: () => ({
          field: child(pod.securityContextPath, 'runAsNonRoot'),
          message: `The pod sets runAsNonRoot: false, so its containers may run as root ${RESTRICTED}.`,
          fix,
        }),
        podUnset: () =>
          pod.containers.every((c) => (effectiveRunAsUser(pod, c) ?? 0) !== 0)
            ? {
                field: child(pod.securityContextPath, 'runAsNonRoot'),
                message: `Neither the pod nor its containers set runAsNonRoot: true; ${keptOffRootByUid('them')}.`,
                fix: 'Set spec.securityContext.runAsNonRoot: true (the kubelet starts the containers: their runAsUser is not 0).',
              }
            : {
                field: child(pod.securityContextPath, 'runAsNonRoot'),
                message: `Neither the pod nor its containers set runAsNonRoot: true, so they run as root whenever the image's user is root ${RESTRICTED}.`,
                fix,
              },
        container: (c, state) => ({
          field: child(c.securityContextPath, 'runAsNonRoot'),
          message:
            state === 'bad'
              ? `${capitalise(c.label)} sets runAsNonRoot: false, so it may run as root ${RESTRICTED}.`
              : (effectiveRunAsUser(pod, c) ?? 0) !== 0
                ? `${capitalise(c.label)} does not set runAsNonRoot: true and the pod does not either; ${keptOffRootByUid('it')}.`
                : `${capitalise(c.label)} does not set runAsNonRoot: true and the pod does not either, so it runs as root whenever the image's user is root ${RESTRICTED}.`,
          fix: `Set securityContext.runAsNonRoot: true on ${c.label} (or on the pod).`,
        }),
      },
    );
  },
});

export const runAsRootUser = bestPracticeRule({
  id: 'pss-run-as-root-user',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'PSS restricted: no runAsUser: 0 on the pod or any container, unless the pod runs in its own user namespace (hostUsers: false, from 1.35).',
  check(input) {
    const pod = podTemplate(input);
    if (inOwnUserNamespace(pod, input.version)) return [];
    return securityContexts(pod)
      .filter((sc) => integerOf(sc.value.runAsUser) === 0)
      .map((sc) => ({
        field: child(sc.path, 'runAsUser'),
        message: `${capitalise(sc.owner)} sets runAsUser: 0, so the process runs as root ${RESTRICTED}.`,
        fix: 'Set runAsUser to a non-zero UID the image works with (e.g. 65532), or remove it and use an image whose user is not root.',
      }));
  },
});

export const restrictedProcMount = bestPracticeRule({
  id: 'pss-restricted-proc-mount',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  since: USER_NAMESPACE_RELAXATION_SINCE,
  summary:
    'PSS restricted (1.35+): containers of a pod in its own user namespace (hostUsers: false) keep the masked /proc too; baseline allows them to unmask it.',
  check(input) {
    const pod = podTemplate(input);
    // Any other pod's unmasked /proc is pss-proc-mount's (baseline) finding.
    return inOwnUserNamespace(pod, input.version) ? unmaskedProcViolations(pod, RESTRICTED) : [];
  },
});

function seccompState(securityContext: Readonly<Record<string, unknown>> | undefined): ControlState {
  const profile = objectOf(securityContext?.seccompProfile);
  if (!profile) return 'unset';
  return allowedSeccompType(profile.type) ? 'good' : 'bad';
}

export const seccompProfileMissing = bestPracticeRule({
  id: 'pss-seccomp-profile-missing',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS restricted: a seccomp profile (RuntimeDefault or Localhost) on the pod, or on every container.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.isWindows) return [];
    // An explicit profile of a forbidden type is pss-seccomp-unconfined's finding; here only absence counts.
    const containerState = (c: PodContainer): ControlState =>
      seccompState(c.securityContext) === 'unset' ? 'unset' : 'good';
    return inheritedControl(pod, seccompState(pod.securityContext), containerState, {
      podUnset: () => ({
        field: child(pod.securityContextPath, 'seccompProfile'),
        message: `Neither the pod nor its containers set a seccomp profile, so unless the kubelet defaults one, every system call is allowed ${RESTRICTED}.`,
        fix: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
      }),
      container: (c) => ({
        field: child(c.securityContextPath, 'seccompProfile'),
        message: `${capitalise(c.label)} has no seccomp profile and the pod sets none, so unless the kubelet defaults one, every system call is allowed ${RESTRICTED}.`,
        fix: `Set securityContext.seccompProfile.type: RuntimeDefault on ${c.label}, or on the pod.`,
      }),
    });
  },
});

export const capabilitiesDropAll = bestPracticeRule({
  id: 'pss-capabilities-drop-all',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS restricted: every container drops ALL capabilities.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.isWindows) return [];
    return pod.containers
      .filter((c) => !(arrayOf(fieldOf(c.securityContext?.capabilities, 'drop')) ?? []).includes('ALL'))
      .map((c) => ({
        field: child(c.securityContextPath, 'capabilities.drop'),
        message: `${capitalise(c.label)} keeps the container runtime's default capabilities (such as NET_RAW, CHOWN and SETUID) instead of dropping ALL ${RESTRICTED}.`,
        fix: `Set securityContext.capabilities.drop: ["ALL"] on ${c.label}; add back NET_BIND_SERVICE only if it binds a port below 1024.`,
      }));
  },
});

export const restrictedCapabilities = bestPracticeRule({
  id: 'pss-restricted-capabilities',
  group: POD_SECURITY_RESTRICTED,
  kinds: JOBS_AND_CRONJOBS,
  summary: 'PSS restricted: containers add no capability except NET_BIND_SERVICE.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.isWindows) return [];
    // Capabilities outside the baseline set are pss-baseline-capabilities' findings.
    return addedCapabilities(pod, (cap) => cap !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(cap)).map(
      ({ label, capability, field }) => ({
        field,
        message: `${capitalise(label)} adds the capability ${capability}; restricted pods may add only NET_BIND_SERVICE ${RESTRICTED}.`,
        fix: `Remove ${capability} from securityContext.capabilities.add.`,
      }),
    );
  },
});

export const POD_SECURITY_RESTRICTED_RULES = [
  restrictedVolumeType,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsRootUser,
  restrictedProcMount,
  seccompProfileMissing,
  capabilitiesDropAll,
  restrictedCapabilities,
];
