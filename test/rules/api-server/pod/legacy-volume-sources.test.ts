/** The in-tree volume plugins' sources, as validateVolumeSource checks them. */
import { findingsOf, withJobSpec } from '../fixtures';
import { PodCase, runPodCases } from './pod-cases';

const RULE = 'pod-volume-source-invalid';
const withSource = (source: Record<string, unknown>) => (p: any) => (p.volumes = [{ name: 'disk', ...source }]);
const IQN = 'iqn.2001-04.com.example:storage.disk1';
const BLOB = 'https://account.blob.core.windows.net/vhds/disk.vhd';
const MANAGED = '/subscriptions/1/resourcegroups/g/providers/microsoft.compute/disks/d';

/** One case per required field: the source without it, then with it. */
const required = (source: string, field: string, complete: Record<string, unknown>): PodCase => {
  const { [field]: _dropped, ...without } = complete;
  return {
    row: `${source} without ${field}`,
    rule: RULE,
    field: `volumes[0].${source}.${field}`,
    bad: withSource({ [source]: without }),
    good: withSource({ [source]: complete }),
  };
};

const ISCSI = { targetPortal: '10.0.0.10:3260', iqn: IQN, lun: 0 };
const AZURE_DISK = { diskName: 'data', diskURI: BLOB };
const SCALE_IO = { gateway: 'https://gw', system: 'sys', volumeName: 'vol', secretRef: { name: 's' } };

runPodCases('in-tree volume plugin sources', [
  required('iscsi', 'targetPortal', ISCSI),
  required('iscsi', 'iqn', ISCSI),
  required('rbd', 'monitors', { monitors: ['10.0.0.1:6789'], image: 'data' }),
  required('rbd', 'image', { monitors: ['10.0.0.1:6789'], image: 'data' }),
  required('cephfs', 'monitors', { monitors: ['10.0.0.1:6789'] }),
  required('glusterfs', 'endpoints', { endpoints: 'gluster', path: 'vol' }),
  required('glusterfs', 'path', { endpoints: 'gluster', path: 'vol' }),
  required('azureFile', 'secretName', { secretName: 'azure', shareName: 'share' }),
  required('azureFile', 'shareName', { secretName: 'azure', shareName: 'share' }),
  required('azureDisk', 'diskName', AZURE_DISK),
  required('azureDisk', 'diskURI', AZURE_DISK),
  required('cinder', 'volumeID', { volumeID: 'v' }),
  required('flexVolume', 'driver', { driver: 'example.com/nfs' }),
  required('awsElasticBlockStore', 'volumeID', { volumeID: 'vol-1' }),
  required('gcePersistentDisk', 'pdName', { pdName: 'disk' }),
  required('vsphereVolume', 'volumePath', { volumePath: '[ds] vol.vmdk' }),
  required('quobyte', 'registry', { registry: 'registry:7861', volume: 'v' }),
  required('quobyte', 'volume', { registry: 'registry:7861', volume: 'v' }),
  required('photonPersistentDisk', 'pdID', { pdID: 'p' }),
  required('portworxVolume', 'volumeID', { volumeID: 'p' }),
  required('scaleIO', 'gateway', SCALE_IO),
  required('scaleIO', 'system', SCALE_IO),
  required('scaleIO', 'volumeName', SCALE_IO),
  required('storageos', 'volumeName', { volumeName: 'vol' }),
  {
    row: 'an iSCSI volume whose name and targetPortal make more than 64 characters, with an initiatorName',
    rule: RULE,
    field: 'volumes[0].name',
    bad: (p) => (p.volumes = [{ name: 'd'.repeat(50), iscsi: { ...ISCSI, initiatorName: IQN } }]),
    // Without an initiatorName the kubelet uses the default iface: no limit.
    good: (p) => (p.volumes = [{ name: 'd'.repeat(50), iscsi: ISCSI }]),
  },
  {
    row: 'an iSCSI name that is not iqn, eui or naa',
    rule: RULE,
    field: 'volumes[0].iscsi.iqn',
    bad: withSource({ iscsi: { ...ISCSI, iqn: 'target-1' } }),
    good: withSource({ iscsi: { ...ISCSI, iqn: `eui.${'0123456789abcdef'}` } }),
  },
  {
    row: 'an iqn without the year-month and domain',
    rule: RULE,
    field: 'volumes[0].iscsi.iqn',
    bad: withSource({ iscsi: { ...ISCSI, iqn: 'iqn.example:disk' } }),
    good: withSource({ iscsi: ISCSI }),
  },
  {
    row: 'an initiator name of the wrong shape',
    rule: RULE,
    field: 'volumes[0].iscsi.initiatorName',
    bad: withSource({ iscsi: { ...ISCSI, initiatorName: 'naa.123' } }),
    good: withSource({ iscsi: { ...ISCSI, initiatorName: `naa.${'0123456789abcdef'.repeat(2)}` } }),
  },
  {
    row: 'an iSCSI LUN above 255',
    rule: RULE,
    field: 'volumes[0].iscsi.lun',
    bad: withSource({ iscsi: { ...ISCSI, lun: 256 } }),
    good: withSource({ iscsi: { ...ISCSI, lun: 255 } }),
  },
  {
    row: 'CHAP authentication without its Secret',
    rule: RULE,
    field: 'volumes[0].iscsi.secretRef',
    bad: withSource({ iscsi: { ...ISCSI, chapAuthSession: true } }),
    good: withSource({ iscsi: { ...ISCSI, chapAuthSession: true, secretRef: { name: 'chap' } } }),
  },
  {
    row: 'Fibre Channel without targets or wwids',
    rule: RULE,
    field: 'volumes[0].fc.targetWWNs',
    bad: withSource({ fc: { fsType: 'ext4' } }),
    good: withSource({ fc: { wwids: ['3600508b400105e210000900000490000'] } }),
  },
  {
    row: 'Fibre Channel with both targets and wwids',
    rule: RULE,
    field: 'volumes[0].fc.targetWWNs',
    bad: withSource({ fc: { targetWWNs: ['500a0981891b8dc5'], lun: 0, wwids: ['3600508b4'] } }),
    good: withSource({ fc: { targetWWNs: ['500a0981891b8dc5'], lun: 0 } }),
  },
  {
    row: 'Fibre Channel targets without a LUN',
    rule: RULE,
    field: 'volumes[0].fc.lun',
    bad: withSource({ fc: { targetWWNs: ['500a0981891b8dc5'] } }),
    good: withSource({ fc: { targetWWNs: ['500a0981891b8dc5'], lun: 2 } }),
  },
  {
    row: 'Flocker with both a dataset name and a UUID',
    rule: RULE,
    field: 'volumes[0].flocker',
    bad: withSource({ flocker: { datasetName: 'd', datasetUUID: 'u' } }),
    good: withSource({ flocker: { datasetUUID: 'u' } }),
  },
  {
    row: 'Flocker with neither',
    rule: RULE,
    field: 'volumes[0].flocker',
    bad: withSource({ flocker: {} }),
    good: withSource({ flocker: { datasetName: 'd' } }),
  },
  {
    row: 'a Flocker dataset name with a slash',
    rule: RULE,
    field: 'volumes[0].flocker.datasetName',
    bad: withSource({ flocker: { datasetName: 'a/b' } }),
    good: withSource({ flocker: { datasetName: 'a-b' } }),
  },
  {
    row: 'an Azure disk caching mode the API does not know',
    rule: RULE,
    field: 'volumes[0].azureDisk.cachingMode',
    bad: withSource({ azureDisk: { ...AZURE_DISK, cachingMode: 'readonly' } }),
    good: withSource({ azureDisk: { ...AZURE_DISK, cachingMode: 'ReadOnly' } }),
  },
  {
    row: 'an Azure disk kind the API does not know',
    rule: RULE,
    field: 'volumes[0].azureDisk.kind',
    bad: withSource({ azureDisk: { ...AZURE_DISK, kind: 'Premium' } }),
    good: withSource({ azureDisk: { ...AZURE_DISK, kind: 'Dedicated' } }),
  },
  {
    row: 'a managed disk ID with the default kind (Shared, a blob disk)',
    rule: RULE,
    field: 'volumes[0].azureDisk.diskURI',
    bad: withSource({ azureDisk: { diskName: 'data', diskURI: MANAGED } }),
    good: withSource({ azureDisk: { diskName: 'data', diskURI: MANAGED, kind: 'Managed' } }),
  },
  {
    row: 'a blob URL for a managed disk',
    rule: RULE,
    field: 'volumes[0].azureDisk.diskURI',
    bad: withSource({ azureDisk: { ...AZURE_DISK, kind: 'Managed' } }),
    good: withSource({ azureDisk: { ...AZURE_DISK, kind: 'Shared' } }),
  },
  {
    row: 'a GCE disk partition above 255',
    rule: RULE,
    field: 'volumes[0].gcePersistentDisk.partition',
    bad: withSource({ gcePersistentDisk: { pdName: 'disk', partition: 256 } }),
    good: withSource({ gcePersistentDisk: { pdName: 'disk', partition: 1 } }),
  },
  {
    row: 'a negative EBS partition',
    rule: RULE,
    field: 'volumes[0].awsElasticBlockStore.partition',
    bad: withSource({ awsElasticBlockStore: { volumeID: 'vol-1', partition: -1 } }),
    good: withSource({ awsElasticBlockStore: { volumeID: 'vol-1', partition: 0 } }),
  },
  {
    row: 'a Cinder secretRef without a name',
    rule: RULE,
    field: 'volumes[0].cinder.secretRef.name',
    bad: withSource({ cinder: { volumeID: 'v', secretRef: {} } }),
    good: withSource({ cinder: { volumeID: 'v', secretRef: { name: 'openstack' } } }),
  },
  {
    row: 'a StorageOS volume name that is not a DNS label',
    rule: RULE,
    field: 'volumes[0].storageos.volumeName',
    bad: withSource({ storageos: { volumeName: 'Data_Vol' } }),
    good: withSource({ storageos: { volumeName: 'data-vol', volumeNamespace: 'team-a' } }),
  },
  {
    row: 'a Quobyte registry without a port',
    rule: RULE,
    field: 'volumes[0].quobyte.registry',
    bad: withSource({ quobyte: { registry: 'registry-a:7861,registry-b', volume: 'v' } }),
    good: withSource({ quobyte: { registry: 'registry-a:7861,[fd00::1]:7861', volume: 'v' } }),
  },
  {
    row: 'a Quobyte tenant longer than a UUID',
    rule: RULE,
    field: 'volumes[0].quobyte.tenant',
    bad: withSource({ quobyte: { registry: 'registry:7861', volume: 'v', tenant: 'x'.repeat(65) } }),
    good: withSource({ quobyte: { registry: 'registry:7861', volume: 'v', tenant: 'x'.repeat(36) } }),
  },
  {
    row: 'a flexVolume option in a reserved namespace',
    rule: RULE,
    field: 'volumes[0].flexVolume.options[kubernetes.io/size]',
    bad: withSource({ flexVolume: { driver: 'example.com/nfs', options: { 'kubernetes.io/size': '1' } } }),
    good: withSource({ flexVolume: { driver: 'example.com/nfs', options: { 'example.com/size': '1' } } }),
  },
]);

test('a missing required field is one finding, not also a shape problem', () => {
  const job = withJobSpec(
    'Job',
    (s) => (s.template.spec.volumes = [{ name: 'disk', azureDisk: { diskName: 'data' } }]),
  );
  expect(findingsOf(RULE, job, '1.35').map((f) => f.field)).toEqual([
    'spec.template.spec.volumes[0].azureDisk.diskURI',
  ]);
});
