/**
 * The in-tree volume plugins' sources past their required fields (volumes.ts lists those): the
 * API server still validates every one of them, long after most plugins moved to CSI drivers
 * (validateISCSIVolumeSource, validateFCVolumeSource, validateFlockerVolumeSource,
 * validateAzureDisk with SetDefaults_AzureDiskVolumeSource's `kind: Shared`, the partition checks
 * of GCE and AWS disks, validateCinderVolumeSource, validateStorageOSVolumeSource,
 * validateQuobyteVolumeSource, validateFlexVolumeSource).
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, key } from '../../support/field-path';
import { quotedValues } from '../../support/message-text';
import { dns1123LabelProblems } from '../../support/names';
import { PodVolume } from '../../support/pod-template';

const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9.-]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;
const AZURE_CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];
const MAX_LUN = 255;
const MAX_QUOBYTE_TENANT_LENGTH = 64;

/** What is wrong with an iSCSI qualified name (the target's iqn, or the initiator's name), or undefined. */
function iscsiNameProblem(name: string): string | undefined {
  if (!/^(iqn|eui|naa)/.test(name)) return 'must be valid format starting with iqn, eui, or naa';
  const pattern = name.startsWith('iqn') ? IQN : name.startsWith('eui') ? EUI : NAA;
  return pattern.test(name) ? undefined : 'must be valid format';
}

function outOfRange(value: unknown, min: number, max: number): number | undefined {
  const n = integerOf(value);
  return n !== undefined && (n < min || n > max) ? n : undefined;
}

/** A LUN (iSCSI, Fibre Channel) outside 0 to 255. */
function lunProblems(source: string, value: unknown, path: string, out: Violation[]): void {
  const lun = outOfRange(value, 0, MAX_LUN);
  if (lun !== undefined)
    out.push({
      field: child(path, 'lun'),
      message: `${source} lun ${lun} "must be between 0 and ${MAX_LUN}, inclusive".`,
      fix: `Use the LUN number, 0 to ${MAX_LUN}.`,
    });
}

/** The longest `<volume name>:<targetPortal>` when an initiatorName is given (the kubelet names the iface after it). */
const ISCSI_IFACE_MAX_LENGTH = 64;

function iscsiProblems(
  volume: PodVolume,
  iscsi: Readonly<Record<string, unknown>>,
  path: string,
  out: Violation[],
): void {
  const name = stringOf(volume.value.name) ?? '';
  const portal = stringOf(iscsi.targetPortal) ?? '';
  if (!isAbsent(iscsi.initiatorName) && `${name}:${portal}`.length > ISCSI_IFACE_MAX_LENGTH)
    out.push({
      field: child(volume.path, 'name'),
      message: `${volume.label} and its iscsi targetPortal make ${name.length + 1 + portal.length} characters; with an initiatorName, "<volume name>:<iscsi.targetPortal> must be under ${ISCSI_IFACE_MAX_LENGTH} characters".`,
      fix: 'Shorten the volume name (and its mounts), or leave initiatorName out.',
    });
  for (const field of ['iqn', 'initiatorName'] as const) {
    const name = stringOf(iscsi[field]);
    const problem = name ? iscsiNameProblem(name) : undefined;
    if (problem !== undefined)
      out.push({
        field: child(path, field),
        message: `iscsi ${field} ${describeValue(name)} is not an iSCSI qualified name: it "${problem}".`,
        fix: 'Write it as iqn.YYYY-MM.reversed.domain:identifier (e.g. "iqn.2001-04.com.example:storage.disk1"), eui.<16 hex digits> or naa.<32 hex digits>.',
      });
  }
  lunProblems('iscsi', iscsi.lun, path, out);
  if ((iscsi.chapAuthDiscovery === true || iscsi.chapAuthSession === true) && isAbsent(iscsi.secretRef))
    out.push({
      field: child(path, 'secretRef'),
      message: 'iscsi turns on CHAP authentication without a secretRef holding its credentials ("Required value").',
      fix: 'Name the Secret with the CHAP user and password in iscsi.secretRef, or turn CHAP off.',
    });
}

function fcProblems(fc: Readonly<Record<string, unknown>>, path: string, out: Violation[]): void {
  const targets = arrayOf(fc.targetWWNs)?.length ?? 0;
  const wwids = arrayOf(fc.wwids)?.length ?? 0;
  if (targets === 0 && wwids === 0)
    out.push({
      field: child(path, 'targetWWNs'),
      message:
        'fc names neither targetWWNs nor wwids ("Required value": "must specify either targetWWNs or wwids, but not both").',
      fix: 'List the target world wide names with a lun, or the volume wwids.',
    });
  if (targets > 0 && wwids > 0)
    out.push({
      field: child(path, 'targetWWNs'),
      message: 'fc names both targetWWNs and wwids, which "can not be specified simultaneously".',
      fix: 'Keep targetWWNs (with lun) or wwids, not both.',
    });
  if (targets === 0) return;
  if (isAbsent(fc.lun))
    out.push({
      field: child(path, 'lun'),
      message: 'fc names targetWWNs without a lun ("lun is required if targetWWNs is specified").',
      fix: `Set fc.lun to the LUN number, 0 to ${MAX_LUN}.`,
    });
  lunProblems('fc', fc.lun, path, out);
}

function flockerProblems(flocker: Readonly<Record<string, unknown>>, path: string, out: Violation[]): void {
  const name = stringOf(flocker.datasetName) ?? '';
  const uuid = stringOf(flocker.datasetUUID) ?? '';
  if ((name === '') === (uuid === ''))
    out.push({
      field: path,
      message: `flocker names ${name === '' ? 'neither' : 'both'} datasetName and datasetUUID: exactly one is required.`,
      fix: 'Name the dataset by datasetName or by datasetUUID, one of them.',
    });
  if (name.includes('/'))
    out.push({
      field: child(path, 'datasetName'),
      message: `flocker datasetName ${describeValue(name)} "must not contain '/'".`,
      fix: 'Use the dataset name without "/", or its datasetUUID.',
    });
}

function azureDiskProblems(disk: Readonly<Record<string, unknown>>, path: string, out: Violation[]): void {
  for (const [field, allowed] of [
    ['cachingMode', AZURE_CACHING_MODES],
    ['kind', AZURE_DISK_KINDS],
  ] as const) {
    const value = disk[field];
    if (typeof value === 'string' && !allowed.includes(value))
      out.push({
        field: child(path, field),
        message: `azureDisk ${field} ${describeValue(value)} is not supported (supported values: ${quotedValues(allowed)}).`,
        fix: `Use one of ${allowed.join(', ')}.`,
      });
  }
  // SetDefaults_AzureDiskVolumeSource makes an absent kind Shared, a blob disk with an https URI.
  const kind = stringOf(disk.kind) ?? 'Shared';
  const uri = stringOf(disk.diskURI) ?? '';
  if (uri === '') return;
  const managed = kind === 'Managed';
  if (uri.startsWith(managed ? '/subscriptions/' : 'https://')) return;
  out.push({
    field: child(path, 'diskURI'),
    message: `azureDisk diskURI ${describeValue(uri)} does not fit kind ${kind}${disk.kind === undefined ? ' (the default)' : ''}: a ${managed ? 'managed disk is "/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"' : 'blob disk is "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"'}.`,
    fix: managed
      ? 'Give the managed disk its resource ID, starting with /subscriptions/.'
      : 'Give the blob URL (https://...), or set kind: Managed for a managed disk.',
  });
}

function otherProblems(volume: PodVolume, out: Violation[]): void {
  for (const source of ['gcePersistentDisk', 'awsElasticBlockStore'] as const) {
    const partition = outOfRange(objectOf(volume.value[source])?.partition, 0, MAX_LUN);
    if (partition !== undefined)
      out.push({
        field: child(child(volume.path, source), 'partition'),
        message: `${source} partition ${partition} is out of range: the API server refuses anything below 0 or above ${MAX_LUN} ("must be between 1 and ${MAX_LUN}, inclusive").`,
        fix: 'Give the partition number (1 for the first), or leave it out for the whole disk.',
      });
  }
  for (const source of ['cinder', 'storageos'] as const) {
    const secretRef = objectOf(objectOf(volume.value[source])?.secretRef);
    if (secretRef && !stringOf(secretRef.name))
      out.push({
        field: child(child(child(volume.path, source), 'secretRef'), 'name'),
        message: `${volume.label} has a ${source} secretRef without a name ("Required value").`,
        fix: 'Name the Secret, or leave secretRef out.',
      });
  }
  const storageos = objectOf(volume.value.storageos);
  for (const field of ['volumeName', 'volumeNamespace'] as const) {
    const name = stringOf(storageos?.[field]);
    if (name)
      for (const problem of dns1123LabelProblems(name))
        out.push({
          field: child(child(volume.path, 'storageos'), field),
          message: `storageos ${field} ${describeValue(name)} is not a DNS label: it ${problem}.`,
          fix: 'Use lowercase letters, digits and "-", at most 63 characters.',
        });
  }
  const quobyte = objectOf(volume.value.quobyte);
  const registry = stringOf(quobyte?.registry);
  const tenant = stringOf(quobyte?.tenant) ?? '';
  // The API server checks the tenant in place of the registry's pairs when the tenant is too long.
  if (registry && tenant.length > MAX_QUOBYTE_TENANT_LENGTH)
    out.push({
      field: child(child(volume.path, 'quobyte'), 'tenant'),
      message: `quobyte tenant is ${tenant.length} characters long: it "must be a UUID and may not exceed a length of ${MAX_QUOBYTE_TENANT_LENGTH} characters".`,
      fix: "Set tenant to the Quobyte tenant's UUID.",
    });
  else if (registry && registry.split(',').some((pair) => !/^(\[[^\]]*\]|[^:[\]]*):[^:]*$/.test(pair)))
    out.push({
      field: child(child(volume.path, 'quobyte'), 'registry'),
      message: `quobyte registry ${describeValue(registry)} "must be a host:port pair or multiple pairs separated by commas".`,
      fix: 'Write the registry as host:port, e.g. "registry.example.com:7861", several separated by commas.',
    });
  const options = objectOf(objectOf(volume.value.flexVolume)?.options);
  for (const option of Object.keys(options ?? {})) {
    const namespace = `.${option.split('/')[0].toLowerCase()}`;
    if (namespace.endsWith('.kubernetes.io') || namespace.endsWith('.k8s.io'))
      out.push({
        field: key(child(child(volume.path, 'flexVolume'), 'options'), option),
        message: `flexVolume option ${describeValue(option)} uses a reserved namespace: "kubernetes.io and k8s.io namespaces are reserved".`,
        fix: "Prefix the option with the driver's own domain, e.g. example.com/size.",
      });
  }
}

/** The problems of a volume's in-tree plugin source beyond its required fields. */
export function legacySourceProblems(volume: PodVolume, out: Violation[]): void {
  const iscsi = objectOf(volume.value.iscsi);
  if (iscsi) iscsiProblems(volume, iscsi, child(volume.path, 'iscsi'), out);
  const fc = objectOf(volume.value.fc);
  if (fc) fcProblems(fc, child(volume.path, 'fc'), out);
  const flocker = objectOf(volume.value.flocker);
  if (flocker) flockerProblems(flocker, child(volume.path, 'flocker'), out);
  const azureDisk = objectOf(volume.value.azureDisk);
  if (azureDisk) azureDiskProblems(azureDisk, child(volume.path, 'azureDisk'), out);
  otherProblems(volume, out);
}
