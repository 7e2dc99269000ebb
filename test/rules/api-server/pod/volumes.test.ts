/** Volumes and mounts. */
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const withVolume = (p: any, ...volumes: unknown[]) => (p.volumes = volumes);
const mount = (p: any, ...mounts: unknown[]) => (main(p).volumeMounts = mounts);

runPodCases('volume rules', [
  {
    row: 'volume without a name',
    rule: 'pod-volume-name-invalid',
    field: 'volumes[0].name',
    bad: (p) => withVolume(p, { emptyDir: {} }),
    good: (p) => withVolume(p, { name: 'scratch', emptyDir: {} }),
  },
  {
    row: 'volume name not a DNS label',
    rule: 'pod-volume-name-invalid',
    field: 'volumes[0].name',
    bad: (p) => withVolume(p, { name: 'Scratch_Dir', emptyDir: {} }),
    good: (p) => withVolume(p, { name: 'scratch-dir', emptyDir: {} }),
  },
  {
    row: 'duplicate volume names',
    rule: 'pod-volume-name-invalid',
    field: 'volumes[1].name',
    bad: (p) => withVolume(p, { name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }),
    good: (p) => withVolume(p, { name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }),
  },
  {
    row: 'two sources',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0]',
    bad: (p) => withVolume(p, { name: 'a', emptyDir: {}, configMap: { name: 'c' } }),
    good: (p) => withVolume(p, { name: 'a' }),
  },
  {
    row: 'secret without secretName',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].secret.secretName',
    bad: (p) => withVolume(p, { name: 'a', secret: { name: 'creds' } }),
    good: (p) => withVolume(p, { name: 'a', secret: { secretName: 'creds' } }),
  },
  {
    row: 'defaultMode above 0777',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].configMap.defaultMode',
    bad: (p) => withVolume(p, { name: 'a', configMap: { name: 'c', defaultMode: 644 } }),
    good: (p) => withVolume(p, { name: 'a', configMap: { name: 'c', defaultMode: 420 } }),
  },
  {
    row: 'mount of a volume the pod lacks',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].name',
    bad: (p) => mount(p, { name: 'data', mountPath: '/data' }),
    good: (p) => (withVolume(p, { name: 'data', emptyDir: {} }), mount(p, { name: 'data', mountPath: '/data' })),
  },
  {
    row: 'init container mount of a missing volume',
    rule: 'container-volume-mount-invalid',
    field: 'initContainers[0].volumeMounts[0].name',
    bad: (p) => (p.initContainers[0].volumeMounts = [{ name: 'cache', mountPath: '/c' }]),
    good: (p) => (
      withVolume(p, { name: 'cache' }),
      (p.initContainers[0].volumeMounts = [{ name: 'cache', mountPath: '/c' }])
    ),
  },
  {
    row: 'mount without mountPath',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].mountPath',
    bad: (p) => (withVolume(p, { name: 'd' }), mount(p, { name: 'd' })),
    good: (p) => (withVolume(p, { name: 'd' }), mount(p, { name: 'd', mountPath: '/d' })),
  },
  {
    row: 'two mounts at one path',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[1].mountPath',
    bad: (p) => (
      withVolume(p, { name: 'a' }, { name: 'b' }),
      mount(p, { name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/d' })
    ),
    good: (p) => (
      withVolume(p, { name: 'a' }, { name: 'b' }),
      mount(p, { name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/e' })
    ),
  },
  {
    row: 'subPath climbing out',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].subPath',
    bad: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', subPath: '../etc' })),
    good: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', subPath: 'etc/app' })),
  },
  {
    row: 'unknown mountPropagation',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].mountPropagation',
    bad: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', mountPropagation: 'hostToContainer' })
    ),
    good: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', mountPropagation: 'HostToContainer' })
    ),
  },
  {
    row: 'empty mountPropagation (set, so validated)',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].mountPropagation',
    bad: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', mountPropagation: '' })),
    good: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', mountPropagation: null })),
  },
  {
    row: 'empty recursiveReadOnly (set, so validated)',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].recursiveReadOnly',
    bad: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', readOnly: true, recursiveReadOnly: '' })
    ),
    good: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', readOnly: true, recursiveReadOnly: 'IfPossible' })
    ),
    version: '1.35',
  },
  {
    row: 'subPathExpr climbing out',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].subPathExpr',
    bad: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', subPathExpr: '../$(POD)' })),
    good: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', subPathExpr: 'out/$(POD)' })),
  },
  {
    row: 'Bidirectional propagation in a container that is not privileged',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].mountPropagation',
    bad: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', mountPropagation: 'Bidirectional' })
    ),
    good: (p) => {
      withVolume(p, { name: 'a' });
      mount(p, { name: 'a', mountPath: '/d', mountPropagation: 'Bidirectional' });
      main(p).securityContext = { privileged: true };
    },
  },
  {
    row: 'recursiveReadOnly on a writable mount',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[0].recursiveReadOnly',
    bad: (p) => (withVolume(p, { name: 'a' }), mount(p, { name: 'a', mountPath: '/d', recursiveReadOnly: 'Enabled' })),
    good: (p) => (
      withVolume(p, { name: 'a' }),
      mount(p, { name: 'a', mountPath: '/d', readOnly: true, recursiveReadOnly: 'Enabled' })
    ),
    version: '1.35',
  },
  {
    row: 'recursiveReadOnly with propagation, or an unknown value',
    rule: 'container-volume-mount-invalid',
    field: 'containers[0].volumeMounts[1].recursiveReadOnly',
    bad: (p) => {
      withVolume(p, { name: 'a' }, { name: 'b' });
      mount(
        p,
        { name: 'a', mountPath: '/a', readOnly: true, recursiveReadOnly: 'enabled' },
        {
          name: 'b',
          mountPath: '/b',
          readOnly: true,
          recursiveReadOnly: 'IfPossible',
          mountPropagation: 'HostToContainer',
        },
      );
    },
    good: (p) => {
      withVolume(p, { name: 'a' }, { name: 'b' });
      mount(
        p,
        { name: 'a', mountPath: '/a', readOnly: true, recursiveReadOnly: 'Disabled' },
        { name: 'b', mountPath: '/b', readOnly: true, recursiveReadOnly: 'IfPossible', mountPropagation: 'None' },
      );
    },
    version: '1.35',
  },
  {
    row: 'hostPath type spelt in lowercase',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].hostPath.type',
    bad: (p) => withVolume(p, { name: 'logs', hostPath: { path: '/var/log', type: 'directory' } }),
    good: (p) => withVolume(p, { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } }),
  },
  {
    row: 'hostPath path with ..',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].hostPath.path',
    bad: (p) => withVolume(p, { name: 'logs', hostPath: { path: '/var/lib/../log' } }),
    good: (p) => withVolume(p, { name: 'logs', hostPath: { path: '/var/log..old' } }),
  },
  {
    row: 'NFS without a server',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].nfs.server',
    bad: (p) => withVolume(p, { name: 'share', nfs: { path: '/exports/data' } }),
    good: (p) => withVolume(p, { name: 'share', nfs: { server: 'nfs.example.internal', path: '/exports/data' } }),
  },
  {
    row: 'NFS path that is not absolute',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].nfs.path',
    bad: (p) => withVolume(p, { name: 'share', nfs: { server: 'nfs.example.internal', path: 'exports/data' } }),
    good: (p) => withVolume(p, { name: 'share', nfs: { server: 'nfs.example.internal', path: '/exports/data' } }),
  },
  {
    row: 'CSI driver that is not a DNS subdomain',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].csi.driver',
    bad: (p) => withVolume(p, { name: 'secrets', csi: { driver: 'secrets_store' } }),
    good: (p) => withVolume(p, { name: 'secrets', csi: { driver: 'Secrets-Store.csi.k8s.io' } }),
  },
  {
    row: 'CSI nodePublishSecretRef naming no Secret name (not a DNS subdomain)',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].csi.nodePublishSecretRef.name',
    bad: (p) =>
      withVolume(p, {
        name: 'secrets',
        csi: { driver: 'secrets-store.csi.k8s.io', nodePublishSecretRef: { name: 'Store_Creds' } },
      }),
    good: (p) =>
      withVolume(p, {
        name: 'secrets',
        csi: { driver: 'secrets-store.csi.k8s.io', nodePublishSecretRef: { name: 'store.creds' } },
      }),
  },
  {
    row: 'CSI nodePublishSecretRef without a name',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].csi.nodePublishSecretRef.name',
    bad: (p) =>
      withVolume(p, { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', nodePublishSecretRef: {} } }),
    good: (p) =>
      withVolume(p, {
        name: 'secrets',
        csi: { driver: 'secrets-store.csi.k8s.io', nodePublishSecretRef: { name: 'store-creds' } },
      }),
  },
  {
    row: 'gitRepo directory climbing out',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].gitRepo.directory',
    bad: (p) =>
      withVolume(p, { name: 'src', gitRepo: { repository: 'https://git.example/app.git', directory: '../src' } }),
    good: (p) =>
      withVolume(p, { name: 'src', gitRepo: { repository: 'https://git.example/app.git', directory: 'src' } }),
  },
  {
    row: 'negative emptyDir sizeLimit',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].emptyDir.sizeLimit',
    bad: (p) => withVolume(p, { name: 'scratch', emptyDir: { sizeLimit: '-1Gi' } }),
    good: (p) => withVolume(p, { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }),
  },
]);

const CLAIM = 'volumes[0].ephemeral.volumeClaimTemplate';
/** A pod whose one volume is a generic ephemeral volume with `template` (the good one, changed). */
const ephemeral =
  (change: (template: any) => void = () => {}) =>
  (p: any) => {
    const template = {
      metadata: { labels: { app: 'etl' } },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast-ssd',
        resources: { requests: { storage: '10Gi' } },
      },
    };
    change(template);
    withVolume(p, { name: 'scratch', ephemeral: { volumeClaimTemplate: template } });
  };

runPodCases('generic ephemeral volumes', [
  {
    row: 'no claim template',
    rule: 'pod-ephemeral-volume-invalid',
    field: CLAIM,
    bad: (p) => withVolume(p, { name: 'scratch', ephemeral: {} }),
    good: ephemeral(),
  },
  {
    row: 'a claim template with a name',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.metadata.name`,
    bad: ephemeral((t) => (t.metadata.name = 'scratch')),
    good: ephemeral((t) => (t.metadata.annotations = { 'example.com/owner': 'data' })),
  },
  {
    row: 'no access mode, or ReadWriteOncePod with another',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.accessModes`,
    bad: ephemeral((t) => (t.spec.accessModes = ['ReadWriteOncePod', 'ReadWriteOnce'])),
    good: ephemeral((t) => (t.spec.accessModes = ['ReadWriteOncePod'])),
  },
  {
    row: 'an unknown access mode',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.accessModes`,
    bad: ephemeral((t) => (t.spec.accessModes = ['ReadWrite'])),
    good: ephemeral((t) => (t.spec.accessModes = ['ReadWriteMany'])),
  },
  {
    row: 'no storage request, or zero',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.resources.requests[storage]`,
    bad: ephemeral((t) => (t.spec.resources = { requests: { storage: '0' } })),
    good: ephemeral((t) => (t.spec.resources = { requests: { storage: '1Mi' } })),
  },
  {
    row: 'a storage class that is not a DNS subdomain, a lowercase volumeMode',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.storageClassName`,
    bad: ephemeral((t) => {
      t.spec.storageClassName = 'Fast_SSD';
      t.spec.volumeMode = 'block';
    }),
    good: ephemeral((t) => (t.spec.volumeMode = 'Block')),
  },
  {
    row: 'a data source of a core kind other than PersistentVolumeClaim, without an apiGroup',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.dataSource`,
    bad: ephemeral((t) => (t.spec.dataSource = { kind: 'VolumeSnapshot', name: 'nightly' })),
    good: ephemeral(
      (t) => (t.spec.dataSource = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly' }),
    ),
  },
  {
    row: 'a dataSourceRef without a name',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.dataSourceRef.name`,
    bad: ephemeral((t) => (t.spec.dataSourceRef = { kind: 'PersistentVolumeClaim' })),
    good: ephemeral((t) => (t.spec.dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'golden-data' })),
  },
  {
    row: 'dataSource and dataSourceRef naming different objects, or both beside a namespaced dataSourceRef',
    rule: 'pod-ephemeral-volume-invalid',
    field: `${CLAIM}.spec.dataSource`,
    bad: ephemeral((t) => {
      t.spec.dataSource = { kind: 'PersistentVolumeClaim', name: 'golden-data' };
      t.spec.dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'other-data' };
    }),
    good: ephemeral((t) => {
      t.spec.dataSource = { kind: 'PersistentVolumeClaim', name: 'golden-data' };
      t.spec.dataSourceRef = { kind: 'PersistentVolumeClaim', name: 'golden-data' };
    }),
  },
]);

test('a namespaced dataSourceRef stands alone', () => {
  const job = withJobSpec('Job', (s) =>
    ephemeral((t) => {
      t.spec.dataSourceRef = {
        apiGroup: 'snapshot.storage.k8s.io',
        kind: 'VolumeSnapshot',
        name: 'nightly',
        namespace: 'golden',
      };
      t.spec.dataSource = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly' };
    })(s.template.spec),
  );
  expect(findingsOf('pod-ephemeral-volume-invalid', job).map((f) => f.field)).toEqual([
    `spec.template.spec.${CLAIM}.spec.dataSource`,
  ]);
});

test('an empty claim template is missing its access modes and its storage request', () => {
  const job = withJobSpec(
    'Job',
    (s) => (s.template.spec.volumes = [{ name: 'scratch', ephemeral: { volumeClaimTemplate: {} } }]),
  );
  expect(findingsOf('pod-ephemeral-volume-invalid', job).map((f) => f.field)).toEqual([
    `spec.template.spec.${CLAIM}.spec.accessModes`,
    `spec.template.spec.${CLAIM}.spec.resources.requests[storage]`,
  ]);
});

test('recursiveReadOnly is dropped before 1.31, so it is not checked there', () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.volumes = [{ name: 'a', emptyDir: {} }];
    s.template.spec.containers[0].volumeMounts = [{ name: 'a', mountPath: '/d', recursiveReadOnly: 'Enabled' }];
  });
  expect(findingsOf('container-volume-mount-invalid', job, '1.30')).toEqual([]);
  expect(findingsOf('container-volume-mount-invalid', job, '1.31')).toHaveLength(1);
});
