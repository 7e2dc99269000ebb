/** Volumes and mounts. */
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
]);
