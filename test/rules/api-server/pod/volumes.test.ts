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
    row: 'negative emptyDir sizeLimit',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].emptyDir.sizeLimit',
    bad: (p) => withVolume(p, { name: 'scratch', emptyDir: { sizeLimit: '-1Gi' } }),
    good: (p) => withVolume(p, { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }),
  },
]);

test('recursiveReadOnly is dropped before 1.31, so it is not checked there', () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.volumes = [{ name: 'a', emptyDir: {} }];
    s.template.spec.containers[0].volumeMounts = [{ name: 'a', mountPath: '/d', recursiveReadOnly: 'Enabled' }];
  });
  expect(findingsOf('container-volume-mount-invalid', job, '1.30')).toEqual([]);
  expect(findingsOf('container-volume-mount-invalid', job, '1.31')).toHaveLength(1);
});
