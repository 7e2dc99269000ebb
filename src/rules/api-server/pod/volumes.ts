/**
 * Volumes and the mounts that use them (ValidateVolumes, ValidateVolumeMounts): each volume has a
 * unique DNS-label name and at most one source (none defaults to emptyDir); the common sources name
 * what they read; a hostPath has a known type and no ".." in its path, an emptyDir no negative size
 * limit, an image source (1.35+) a known pull policy and (1.36+) a reference; every mount names a volume
 * of the pod, at a mount path unique in its container, with a relative sub-path (or sub-path
 * expression) that does not climb out of the volume, Bidirectional propagation only in a
 * privileged container, and recursiveReadOnly only on a read-only mount that does not propagate;
 * every raw block device (ValidateVolumeDevices) names a PersistentVolumeClaim or ephemeral volume of the pod once, at a
 * device path without ".." that no other device or mount of the container uses.
 */
import { FEATURES, featureEnabled, isAtLeast, KubernetesVersion } from '../../kubernetes-version';
import { RuleInput, Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { descendingPathProblem, hasNoBacksteps } from '../../support/local-paths';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../../support/names';
import { legacySourceProblems } from './legacy-volume-sources';
import { PodVolume, podTemplate, runningContainers } from '../../support/pod-template';
import { quantityOf } from '../../support/quantity';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

/** Every source field of core/v1 VolumeSource (a volume names at most one). */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

/** The field each source must name (a string, or a list with an item), with an example for the fix. */
const REQUIRED_SOURCE_FIELDS: ReadonlyArray<readonly [string, string, string]> = [
  ['secret', 'secretName', 'the Secret to mount'],
  ['configMap', 'name', 'the ConfigMap to mount'],
  ['persistentVolumeClaim', 'claimName', 'the PersistentVolumeClaim to mount'],
  ['hostPath', 'path', 'the path on the node'],
  ['nfs', 'server', 'the NFS server, e.g. "nfs.example.internal"'],
  ['nfs', 'path', 'the exported path, e.g. "/exports/data"'],
  ['csi', 'driver', 'the CSI driver, e.g. "secrets-store.csi.k8s.io"'],
  ['gitRepo', 'repository', 'the repository URL'],
  // The in-tree plugins (legacy-volume-sources.ts checks the rest of them).
  ['iscsi', 'targetPortal', 'the target\'s address, e.g. "10.0.0.10:3260"'],
  ['iscsi', 'iqn', "the target's iSCSI qualified name"],
  ['rbd', 'monitors', 'the Ceph monitors, e.g. ["10.0.0.1:6789"]'],
  ['rbd', 'image', 'the RBD image name'],
  ['cephfs', 'monitors', 'the Ceph monitors, e.g. ["10.0.0.1:6789"]'],
  ['glusterfs', 'endpoints', 'the Endpoints object of the Glusterfs cluster'],
  ['glusterfs', 'path', 'the Glusterfs volume path'],
  ['azureFile', 'secretName', 'the Secret with the storage account name and key'],
  ['azureFile', 'shareName', 'the file share'],
  ['azureDisk', 'diskName', 'the data disk name'],
  ['azureDisk', 'diskURI', 'the data disk URI'],
  ['cinder', 'volumeID', 'the Cinder volume'],
  ['flexVolume', 'driver', 'the driver, e.g. "example.com/nfs"'],
  ['awsElasticBlockStore', 'volumeID', 'the EBS volume ID'],
  ['gcePersistentDisk', 'pdName', 'the persistent disk name'],
  ['vsphereVolume', 'volumePath', 'the vSphere volume path'],
  ['quobyte', 'registry', 'the registry host:port'],
  ['quobyte', 'volume', 'the Quobyte volume'],
  ['photonPersistentDisk', 'pdID', 'the Photon persistent disk ID'],
  ['portworxVolume', 'volumeID', 'the Portworx volume ID'],
  ['scaleIO', 'gateway', 'the ScaleIO API gateway'],
  ['scaleIO', 'system', 'the ScaleIO protection domain system'],
  ['scaleIO', 'volumeName', 'the ScaleIO volume'],
  ['storageos', 'volumeName', 'the StorageOS volume'],
];

/** A required field is set: a non-empty string, or a list with an item. */
function isSet(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(stringOf(value));
}

const CSI_DRIVER_MAX_LENGTH = 63;

/** validateNFSVolumeSource, validateCSIVolumeSource, validateGitRepoVolumeSource, past their required fields. */
function networkSourceProblems(volume: PodVolume, out: Violation[]): void {
  const nfsPath = stringOf(objectOf(volume.value.nfs)?.path);
  if (nfsPath && !nfsPath.startsWith('/'))
    out.push({
      field: child(child(volume.path, 'nfs'), 'path'),
      message: `nfs path ${describeValue(nfsPath)} "must be an absolute path" (the path the server exports).`,
      fix: 'Start the exported path with "/", e.g. "/exports/data".',
    });
  const csi = objectOf(volume.value.csi);
  const driver = stringOf(csi?.driver) ?? '';
  const driverProblems =
    driver.length > CSI_DRIVER_MAX_LENGTH
      ? [`must be no more than ${CSI_DRIVER_MAX_LENGTH} characters`]
      : dns1123SubdomainProblems(driver.toLowerCase());
  if (driver !== '')
    for (const p of driverProblems)
      out.push({
        field: child(child(volume.path, 'csi'), 'driver'),
        message: `CSI driver ${describeValue(driver)} is not valid: ${p}.`,
        fix: 'Name the driver as its CSIDriver object is named, e.g. "secrets-store.csi.k8s.io".',
      });
  const secretRef = objectOf(csi?.nodePublishSecretRef);
  const secretName = stringOf(secretRef?.name) ?? '';
  const secretNameField = child(child(child(volume.path, 'csi'), 'nodePublishSecretRef'), 'name');
  if (secretRef && secretName === '')
    out.push({
      field: secretNameField,
      message: `${volume.label} has a nodePublishSecretRef without a name ("Required value").`,
      fix: 'Name the Secret the driver reads, or leave nodePublishSecretRef out.',
    });
  for (const p of secretName === '' ? [] : dns1123SubdomainProblems(secretName))
    out.push({
      field: secretNameField,
      message: `${volume.label} names the Secret ${describeValue(secretName)} in nodePublishSecretRef, which is no Secret name: ${p}.`,
      fix: 'Write the name of the Secret as it is in the namespace: lowercase letters, digits, "-" and ".".',
    });
  const directory = stringOf(objectOf(volume.value.gitRepo)?.directory) ?? '';
  const directoryProblem = directory ? descendingPathProblem(directory) : undefined;
  if (directoryProblem)
    out.push({
      field: child(child(volume.path, 'gitRepo'), 'directory'),
      message: `gitRepo directory ${describeValue(directory)} ${directoryProblem}: it names a directory inside the volume.`,
      fix: 'Use a relative directory without "..", e.g. "repo", or leave it out.',
    });
}
const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/**
 * From 1.36 a template's image volume needs a reference too; 1.35 asks for one only on pods, so
 * there a template without one is accepted and every pod refused (pod-refused-on-create).
 */
export const IMAGE_REFERENCE_IN_TEMPLATES_SINCE = 36;

/**
 * An image volume, once ImageVolume is on by default (1.35; before, it is dropped and
 * field-unavailable-in-version reports it): a reference (from 1.36), and a known pullPolicy
 * (defaulting fills an absent one from the tag).
 */
function imageSourceProblems(volume: PodVolume, version: KubernetesVersion, out: Violation[]): void {
  const image = objectOf(volume.value.image);
  if (!image) return;
  if (!stringOf(image.reference) && isAtLeast(version, IMAGE_REFERENCE_IN_TEMPLATES_SINCE))
    out.push({
      field: child(child(volume.path, 'image'), 'reference'),
      message: `${volume.label} has an image source without reference ("Required value").`,
      fix: 'Set image.reference to the image to mount, e.g. "registry.example.com/models/llama:1.0".',
    });
  const pullPolicy = image.pullPolicy;
  if (typeof pullPolicy === 'string' && pullPolicy !== '' && !IMAGE_PULL_POLICIES.includes(pullPolicy))
    out.push({
      field: child(child(volume.path, 'image'), 'pullPolicy'),
      message: `pullPolicy ${describeValue(pullPolicy)} is not supported (supported values: "Always", "IfNotPresent", "Never").`,
      fix: 'Use IfNotPresent for a pinned image, Always for a moving tag; the case matters.',
    });
}

const MODE_SOURCES = ['secret', 'configMap', 'projected', 'downwardAPI'] as const;
const MAX_FILE_MODE = 0o777;

/** The names of the pod's volumes (those with a string name). */
function volumeNames(input: RuleInput): ReadonlySet<string> {
  const names = new Set<string>();
  for (const volume of podTemplate(input).volumes) {
    const name = stringOf(volume.value.name);
    if (name) names.add(name);
  }
  return names;
}

export const podVolumeNameInvalid = apiServerRule({
  id: 'pod-volume-name-invalid',
  kinds: BOTH_KINDS,
  summary: 'A volume without a name, with a name that is not a DNS-1123 label, or with the name of another volume.',
  check(input) {
    const violations: Violation[] = [];
    const seen = new Set<string>();
    const fix = 'Give every volume a different name of lowercase letters, digits and "-", e.g. "scratch".';
    for (const volume of podTemplate(input).volumes) {
      const field = child(volume.path, 'name');
      const name = volume.value.name;
      if (isAbsent(name) || name === '') {
        violations.push({ field, message: 'The volume has no name ("Required value").', fix });
        continue;
      }
      if (typeof name !== 'string') continue;
      for (const p of dns1123LabelProblems(name))
        violations.push({ field, message: `Volume name ${describeValue(name)} is not valid: ${p}.`, fix });
      if (seen.has(name))
        violations.push({
          field,
          message: `The volume name ${describeValue(name)} is already used in this pod (Duplicate value).`,
          fix,
        });
      seen.add(name);
    }
    return violations;
  },
});

export const podVolumeSourceInvalid = apiServerRule({
  id: 'pod-volume-source-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A volume with more than one source, a source without what it names (a Secret, ConfigMap, claim, path, server, driver, disk or monitors), an in-tree plugin source the API server refuses (an iSCSI name or LUN, or with an initiatorName a volume name and targetPortal over 64 characters, Fibre Channel targets, Flocker datasets, an Azure disk kind, caching mode or URI, a disk partition, Quobyte registry or tenant, StorageOS names, reserved flexVolume options), a defaultMode outside 0 to 0777, a hostPath with ".." or an unknown type, an NFS path that is not absolute, an invalid CSI driver or nodePublishSecretRef name, a gitRepo directory that climbs out, a negative emptyDir sizeLimit, or an image source (1.35+) with an unknown pullPolicy or (1.36+) without a reference.',
  check(input) {
    const violations: Violation[] = [];
    const imageVolumes = featureEnabled(FEATURES.imageVolume, input.version);
    for (const volume of podTemplate(input).volumes) {
      const sources = VOLUME_SOURCES.filter((s) => !isAbsent(volume.value[s]));
      if (sources.length > 1)
        violations.push({
          field: volume.path,
          message: `${volume.label} names ${sources.length} sources (${sources.join(', ')}); a volume "may not specify more than 1 volume type".`,
          fix: 'Keep one source per volume; declare another volume for the other source.',
        });
      for (const [source, field, what] of REQUIRED_SOURCE_FIELDS) {
        const spec = objectOf(volume.value[source]);
        if (spec && !isSet(spec[field]))
          violations.push({
            field: child(child(volume.path, source), field),
            message: `${volume.label} has a ${source} source without ${field} ("Required value").`,
            fix: `Set ${source}.${field} to ${what}.`,
          });
      }
      hostPathProblems(volume.value.hostPath, child(volume.path, 'hostPath'), violations);
      networkSourceProblems(volume, violations);
      legacySourceProblems(volume, violations);
      if (imageVolumes) imageSourceProblems(volume, input.version, violations);
      const sizeLimit = objectOf(volume.value.emptyDir)?.sizeLimit;
      const size = quantityOf(sizeLimit);
      if (size !== undefined && size.sign < 0)
        violations.push({
          field: child(child(volume.path, 'emptyDir'), 'sizeLimit'),
          message: `sizeLimit ${describeValue(sizeLimit)} is negative: "SizeLimit field must be a valid resource quantity".`,
          fix: 'Give the emptyDir a positive sizeLimit, e.g. "1Gi", or leave it out.',
        });
      for (const source of MODE_SOURCES) {
        const mode = integerOf(objectOf(volume.value[source])?.defaultMode);
        if (mode !== undefined && (mode < 0 || mode > MAX_FILE_MODE))
          violations.push({
            field: child(child(volume.path, source), 'defaultMode'),
            message: `defaultMode ${mode} "must be a number between 0 and 0777 (octal), both inclusive" (${MAX_FILE_MODE} in decimal).`,
            fix: 'Write the mode in decimal in JSON (0644 is 420) or as an octal literal in YAML (0644).',
          });
      }
    }
    return violations;
  },
});

const HOST_PATH_TYPES = new Set([
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
]);

/** validateHostPathVolumeSource: a path without ".." elements, and a known type (case-sensitive). */
function hostPathProblems(value: unknown, path: string, out: Violation[]): void {
  const hostPath = objectOf(value);
  if (!hostPath) return;
  const nodePath = stringOf(hostPath.path) ?? '';
  if (!hasNoBacksteps(nodePath))
    out.push({
      field: child(path, 'path'),
      message: `hostPath path ${describeValue(nodePath)} "must not contain '..'".`,
      fix: 'Write the path on the node without ".." elements, e.g. "/var/log".',
    });
  const type = hostPath.type;
  if (typeof type === 'string' && !HOST_PATH_TYPES.has(type))
    out.push({
      field: child(path, 'type'),
      message: `hostPath type ${describeValue(type)} is not supported (supported values: "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice", or empty).`,
      fix: 'Use one of the supported types, spelt as shown (they are case-sensitive), or leave type out.',
    });
}

const MOUNT_PROPAGATIONS = new Set(['None', 'HostToContainer', 'Bidirectional']);
/** RecursiveReadOnlyMounts on by default (beta); before, the field is dropped on create. */
const RECURSIVE_READ_ONLY_SINCE = 31;
const RECURSIVE_READ_ONLY = new Set(['Disabled', 'IfPossible', 'Enabled']);

/** A mount's recursiveReadOnly: a known value, and Enabled or IfPossible only on a read-only mount without propagation. */
function recursiveReadOnlyProblems(mount: Readonly<Record<string, unknown>>, field: string, out: Violation[]): void {
  const value = mount.recursiveReadOnly;
  // An empty value is set (Go sees a non-nil pointer) and refused like any unknown one.
  if (typeof value !== 'string' || value === 'Disabled') return;
  const fix = 'Set readOnly: true and leave mountPropagation out (None), or set recursiveReadOnly: Disabled.';
  if (!RECURSIVE_READ_ONLY.has(value)) {
    out.push({
      field,
      message: `recursiveReadOnly ${describeValue(value)} is not supported (supported values: "Disabled", "IfPossible", "Enabled").`,
      fix,
    });
    return;
  }
  if (mount.readOnly !== true)
    out.push({ field, message: `recursiveReadOnly ${value} "may only be specified when readOnly is true".`, fix });
  const propagation = mount.mountPropagation;
  if (typeof propagation === 'string' && propagation !== 'None')
    out.push({
      field,
      message: `recursiveReadOnly ${value} "may only be specified when mountPropagation is None or not specified" (it is ${propagation}).`,
      fix,
    });
}

export const containerVolumeMountInvalid = apiServerRule({
  id: 'container-volume-mount-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A volume mount naming no volume of the pod, without a mountPath, at a mountPath already used in the container, with an absolute or ".." subPath or subPathExpr, an unknown mountPropagation, Bidirectional propagation in a container that is not privileged, or (from 1.31) a recursiveReadOnly that is unknown or set on a mount that is not read-only or propagates.',
  check(input) {
    const names = volumeNames(input);
    const violations: Violation[] = [];
    for (const container of runningContainers(podTemplate(input))) {
      const mountPaths = new Set<string>();
      (arrayOf(container.value.volumeMounts) ?? []).forEach((item, i) => {
        const mount = objectOf(item);
        if (!mount) return;
        const path = index(child(container.path, 'volumeMounts'), i);
        const name = stringOf(mount.name) ?? '';
        if (name === '')
          violations.push({
            field: child(path, 'name'),
            message: 'The volume mount has no name ("Required value").',
            fix: 'Name the volume to mount.',
          });
        else if (!names.has(name))
          violations.push({
            field: child(path, 'name'),
            message: `${container.label} mounts ${describeValue(name)}, but the pod has no volume of that name ("Not found").`,
            fix: `Add a volume named ${describeValue(name)} to the pod's volumes, or correct the name.`,
          });
        const mountPath = stringOf(mount.mountPath) ?? '';
        if (mountPath === '')
          violations.push({
            field: child(path, 'mountPath'),
            message: 'The volume mount has no mountPath ("Required value").',
            fix: 'Set mountPath to the directory the volume appears at, e.g. "/data".',
          });
        else if (mountPaths.has(mountPath))
          violations.push({
            field: child(path, 'mountPath'),
            message: `${container.label} mounts two volumes at ${describeValue(mountPath)}; a mountPath "must be unique" in a container.`,
            fix: 'Mount each volume at its own path, or use subPath to mount single files into one directory.',
          });
        mountPaths.add(mountPath);
        const subPath = stringOf(mount.subPath) ?? '';
        const problem = subPath ? descendingPathProblem(subPath) : undefined;
        if (problem)
          violations.push({
            field: child(path, 'subPath'),
            message: `subPath ${describeValue(subPath)} ${problem}: it names a path inside the volume.`,
            fix: 'Use a relative path inside the volume, e.g. "config/app.yaml".',
          });
        const subPathExpr = stringOf(mount.subPathExpr) ?? '';
        if (subPath && subPathExpr)
          violations.push({
            field: child(path, 'subPathExpr'),
            message: 'subPath and subPathExpr are mutually exclusive.',
            fix: 'Keep one of them.',
          });
        const exprProblem = subPathExpr ? descendingPathProblem(subPathExpr) : undefined;
        if (exprProblem)
          violations.push({
            field: child(path, 'subPathExpr'),
            message: `subPathExpr ${describeValue(subPathExpr)} ${exprProblem}: once expanded, it names a path inside the volume.`,
            fix: 'Use a relative path inside the volume, e.g. "$(POD_NAME)/out".',
          });
        const propagation = mount.mountPropagation;
        if (typeof propagation === 'string' && !MOUNT_PROPAGATIONS.has(propagation))
          violations.push({
            field: child(path, 'mountPropagation'),
            message: `mountPropagation ${describeValue(propagation)} is not supported (supported values: "None", "HostToContainer", "Bidirectional").`,
            fix: 'Leave mountPropagation out (None), or use HostToContainer.',
          });
        if (propagation === 'Bidirectional' && container.securityContext?.privileged !== true)
          violations.push({
            field: child(path, 'mountPropagation'),
            message: `${container.label} is not privileged; "Bidirectional mount propagation is available only to privileged containers".`,
            fix: 'Use HostToContainer to see mounts the node makes, or leave mountPropagation out.',
          });
        if (isAtLeast(input.version, RECURSIVE_READ_ONLY_SINCE))
          recursiveReadOnlyProblems(mount, child(path, 'recursiveReadOnly'), violations);
      });
    }
    return violations;
  },
});

/** The volumes a raw block device can come from: a claim, or a generic ephemeral volume (which creates one). */
const BLOCK_SOURCES = ['persistentVolumeClaim', 'ephemeral'] as const;

export const containerVolumeDeviceInvalid = apiServerRule({
  id: 'container-volume-device-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A volumeDevices entry without a name or devicePath, naming no volume of the pod or one that is not a PersistentVolumeClaim or ephemeral volume, naming a volume twice or one the container also mounts, or with a devicePath that repeats, contains "..", or is a mountPath of the container.',
  check(input) {
    const pod = podTemplate(input);
    let violations: Violation[] | undefined;
    let sources: Map<string, boolean> | undefined;
    for (const container of pod.containers) {
      const devices = arrayOf(container.value.volumeDevices);
      if (!devices || devices.length === 0) continue;
      if (sources === undefined) {
        sources = new Map();
        for (const volume of pod.volumes) {
          const name = stringOf(volume.value.name);
          if (name)
            sources.set(
              name,
              BLOCK_SOURCES.some((s) => !isAbsent(volume.value[s])),
            );
        }
      }
      const blockVolumes = sources;
      const mounts = new Map<string, string>();
      for (const item of arrayOf(container.value.volumeMounts) ?? []) {
        const mount = objectOf(item);
        if (mount) mounts.set(stringOf(mount.name) ?? '', stringOf(mount.mountPath) ?? '');
      }
      const mountPaths = new Set(mounts.values());
      const names = new Set<string>();
      const paths = new Set<string>();
      const out = (violations ??= []);
      devices.forEach((item, i) => {
        const device = objectOf(item);
        if (!device) return;
        const path = index(child(container.path, 'volumeDevices'), i);
        const name = stringOf(device.name) ?? '';
        const devicePath = stringOf(device.devicePath) ?? '';
        const nameField = child(path, 'name');
        const pathField = child(path, 'devicePath');
        const fix =
          'Name a persistentVolumeClaim (or ephemeral) volume of the pod whose claim has volumeMode: Block, once per container, at its own devicePath such as "/dev/xvda"; do not also mount it.';
        if (name === '')
          out.push({ field: nameField, message: 'The volume device has no name ("Required value").', fix });
        else if (names.has(name))
          out.push({
            field: nameField,
            message: `${container.label} lists the device ${describeValue(name)} twice ("must be unique").`,
            fix,
          });
        const isBlock = blockVolumes.get(name);
        if (isBlock === undefined) {
          if (name !== '')
            out.push({
              field: nameField,
              message: `${container.label} uses the device ${describeValue(name)}, but the pod has no volume of that name ("Not found").`,
              fix,
            });
        } else if (!isBlock)
          out.push({
            field: nameField,
            message: `volume ${describeValue(name)} is not a raw block volume: a device "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode".`,
            fix,
          });
        if (devicePath === '')
          out.push({ field: pathField, message: 'The volume device has no devicePath ("Required value").', fix });
        else if (paths.has(devicePath))
          out.push({
            field: pathField,
            message: `${container.label} uses the devicePath ${describeValue(devicePath)} twice ("must be unique").`,
            fix,
          });
        if (devicePath !== '' && !hasNoBacksteps(devicePath))
          out.push({
            field: pathField,
            message: `devicePath ${describeValue(devicePath)} "can not contain backsteps ('..')".`,
            fix,
          });
        else paths.add(devicePath);
        if (name !== '' && mounts.has(name))
          out.push({
            field: nameField,
            message: `${container.label} both mounts and attaches ${describeValue(name)}: a device name "must not already exist in volumeMounts".`,
            fix,
          });
        if (mountPaths.has(devicePath))
          out.push({
            field: pathField,
            message: `${describeValue(devicePath)} is also a mountPath of ${container.label}; it "must not already exist as a path in volumeMounts".`,
            fix,
          });
        if (name !== '') names.add(name);
      });
    }
    return violations ?? [];
  },
});

export const VOLUME_RULES = [
  podVolumeNameInvalid,
  podVolumeSourceInvalid,
  containerVolumeMountInvalid,
  containerVolumeDeviceInvalid,
];
