/**
 * Pod Security Standards "restricted" by default, for every container a batch construct creates.
 *
 * cdk8s-plus-28 already runs containers as non-root, unprivileged, without privilege escalation
 * and with a read-only root filesystem, but leaves out the seccomp profile and dropping all
 * capabilities, which the restricted profile requires. We set all six explicitly (so a future
 * change of cdk8s-plus defaults cannot loosen them) and give containers whose root filesystem is
 * read-only a writable emptyDir at /tmp, where most programs and runtimes expect to write.
 *
 * No user id is chosen. The restricted profile needs `runAsNonRoot`, not a particular UID, and a
 * made-up UID breaks images that expect their own user (cdk8s-plus#1339). The flip side: an image
 * whose USER is root (busybox, most language base images) or a non-numeric name fails at runtime
 * with "container has runAsNonRoot and image will run as root". Set `securityContext.user` on the
 * pod or container, or use an image with a numeric non-root USER (e.g. distroless `:nonroot`).
 */
import { Size } from 'cdk8s';
import { Capability, ContainerProps, ContainerSecurityContextProps, k8s, SeccompProfileType } from 'cdk8s-plus-28';

/** The container security settings the restricted profile asks for; each can be overridden per container. */
export const RESTRICTED_CONTAINER_SECURITY: ContainerSecurityContextProps = {
  ensureNonRoot: true,
  privileged: false,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: [Capability.ALL] },
  seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT },
};

/** A container's props with the restricted defaults under the user's own security settings. */
export function withRestrictedSecurity(props: ContainerProps): ContainerProps {
  return { ...props, securityContext: { ...RESTRICTED_CONTAINER_SECURITY, ...props.securityContext } };
}

export const TMP_MOUNT_PATH = '/tmp';
const TMP_VOLUME_NAME = 'tmp';

/**
 * Mounts one writable emptyDir at /tmp into every container and init container whose root
 * filesystem is read-only and that mounts nothing at /tmp itself. The volume is called `tmp`
 * (`tmp-1`, `tmp-2`... if the pod already has a volume of that name).
 */
export function withWritableTmp(spec: k8s.PodSpec, sizeLimit: Size | undefined): k8s.PodSpec {
  const needsTmp = (c: k8s.Container) =>
    c.securityContext?.readOnlyRootFilesystem === true &&
    !(c.volumeMounts ?? []).some((m) => m.mountPath === TMP_MOUNT_PATH);
  const containers = spec.containers ?? [];
  const initContainers = spec.initContainers ?? [];
  if (!containers.some(needsTmp) && !initContainers.some(needsTmp)) return spec;

  const volumes = spec.volumes ?? [];
  const taken = new Set(volumes.map((v) => v.name));
  let name = TMP_VOLUME_NAME;
  for (let i = 1; taken.has(name); i++) name = `${TMP_VOLUME_NAME}-${i}`;
  const mount = (c: k8s.Container): k8s.Container =>
    needsTmp(c) ? { ...c, volumeMounts: [...(c.volumeMounts ?? []), { name, mountPath: TMP_MOUNT_PATH }] } : c;
  const emptyDir: k8s.EmptyDirVolumeSource = sizeLimit
    ? { sizeLimit: k8s.Quantity.fromString(`${sizeLimit.toMebibytes()}Mi`) }
    : {};
  return {
    ...spec,
    containers: containers.map(mount),
    initContainers: spec.initContainers && initContainers.map(mount),
    volumes: [...volumes, { name, emptyDir }],
  };
}
