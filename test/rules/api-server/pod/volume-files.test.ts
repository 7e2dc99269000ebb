/**
 * The files of ConfigMap, Secret, downward API and projected volumes, raw block devices, and the
 * resourceFieldRef divisor (in env and in volumes).
 *
 * Checklist → rule id: item key and path, ".." and absolute paths, modes, downward API fields and
 * resources, containerName, projected source kinds, names, duplicate paths, token lifetime
 *                                                                → pod-volume-items-invalid
 * device name and volume kind, devicePath, overlaps with mounts    → container-volume-device-invalid
 * divisor per resource                                            → container-env-source-invalid,
 *                                                                  pod-volume-items-invalid
 */
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const volume =
  (...volumes: unknown[]) =>
  (p: any) =>
    (p.volumes = volumes);
const configItems = (...items: unknown[]) => volume({ name: 'cfg', configMap: { name: 'app-config', items } });
const downward = (...items: unknown[]) => volume({ name: 'info', downwardAPI: { items } });
const projected = (...sources: unknown[]) => volume({ name: 'all', projected: { sources } });
const LABELS = { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } };
const devices =
  (volumes: unknown[], ...list: unknown[]) =>
  (p: any) => {
    p.volumes = volumes;
    main(p).volumeDevices = list;
  };
const CLAIM = { name: 'raw', persistentVolumeClaim: { claimName: 'raw-disk' } };
const EPHEMERAL = {
  name: 'scratch',
  ephemeral: { volumeClaimTemplate: { spec: { volumeMode: 'Block', accessModes: ['ReadWriteOnce'] } } },
};
const resourceEnv = (ref: unknown) => (p: any) =>
  (main(p).env = [{ name: 'LIMIT', valueFrom: { resourceFieldRef: ref } }]);

runPodCases('volume file rules', [
  {
    row: 'ConfigMap item without a key',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].configMap.items[0].key',
    bad: configItems({ path: 'app.yaml' }),
    good: configItems({ key: 'app.yaml', path: 'app.yaml' }),
  },
  {
    row: 'Secret item with an absolute path',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].secret.items[0].path',
    bad: volume({ name: 's', secret: { secretName: 'creds', items: [{ key: 'token', path: '/etc/token' }] } }),
    good: volume({ name: 's', secret: { secretName: 'creds', items: [{ key: 'token', path: 'etc/token' }] } }),
  },
  {
    row: 'item path climbing out',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].configMap.items[0].path',
    bad: configItems({ key: 'a', path: 'conf/../../a' }),
    good: configItems({ key: 'a', path: 'conf/a' }),
  },
  {
    row: 'item path starting with ".."',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].configMap.items[0].path',
    bad: configItems({ key: 'a', path: '..data' }),
    good: configItems({ key: 'a', path: 'data..old' }),
  },
  {
    row: 'item mode above 0777',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].configMap.items[0].mode',
    bad: configItems({ key: 'run.sh', path: 'run.sh', mode: 755 }),
    good: configItems({ key: 'run.sh', path: 'run.sh', mode: 493 }),
  },
  {
    row: 'downward API item without a path',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0].path',
    bad: downward({ fieldRef: { fieldPath: 'metadata.labels' } }),
    good: downward(LABELS),
  },
  {
    row: 'downward API volume field the volume cannot show',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[1].fieldRef.fieldPath',
    bad: downward(LABELS, { path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }),
    good: downward(LABELS, { path: 'app', fieldRef: { fieldPath: "metadata.labels['app']" } }),
  },
  {
    row: 'downward API subscript of a field without one',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0].fieldRef.fieldPath',
    bad: downward({ path: 'n', fieldRef: { fieldPath: "metadata.name['x']" } }),
    good: downward({ path: 'n', fieldRef: { fieldPath: "metadata.annotations['example.com/Owner']" } }),
  },
  {
    row: 'downward API item with both refs',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0]',
    bad: downward({ ...LABELS, resourceFieldRef: { containerName: 'main', resource: 'limits.cpu' } }),
    good: downward(LABELS),
  },
  {
    row: 'downward API item with neither ref',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0]',
    bad: downward({ path: 'x' }),
    good: downward(LABELS),
  },
  {
    row: 'volume resourceFieldRef without containerName',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0].resourceFieldRef.containerName',
    bad: downward({ path: 'cpu', resourceFieldRef: { resource: 'limits.cpu' } }),
    good: downward({ path: 'cpu', resourceFieldRef: { containerName: 'main', resource: 'limits.cpu' } }),
  },
  {
    row: 'volume resourceFieldRef resource',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0].resourceFieldRef.resource',
    bad: downward({ path: 'gpu', resourceFieldRef: { containerName: 'main', resource: 'limits.nvidia.com/gpu' } }),
    good: downward({ path: 'hp', resourceFieldRef: { containerName: 'main', resource: 'limits.hugepages-2Mi' } }),
  },
  {
    row: 'volume memory divisor of 1024 (it stays "1024", not "1Ki")',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].downwardAPI.items[0].resourceFieldRef.divisor',
    bad: downward({
      path: 'mem',
      resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1024' },
    }),
    good: downward({
      path: 'mem',
      resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1Ki' },
    }),
  },
  {
    row: 'projected source with two kinds',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0]',
    bad: projected({ configMap: { name: 'a' }, secret: { name: 'b' } }),
    good: projected({ configMap: { name: 'a' } }, { secret: { name: 'b' } }),
  },
  {
    row: 'projected Secret without a name',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].secret.name',
    bad: projected({ secret: { items: [{ key: 'ca.crt', path: 'ca.crt' }] } }),
    good: projected({ secret: { name: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }),
  },
  {
    row: 'projected sources writing one path',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[1].configMap.items[0].path',
    bad: projected(
      { secret: { name: 'a', items: [{ key: 'k', path: 'conf' }] } },
      { configMap: { name: 'b', items: [{ key: 'k', path: 'conf' }] } },
    ),
    good: projected(
      { secret: { name: 'a', items: [{ key: 'k', path: 'secret-conf' }] } },
      { configMap: { name: 'b', items: [{ key: 'k', path: 'conf' }] } },
    ),
  },
  {
    row: 'projected downward API item path',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].downwardAPI.items[0].path',
    bad: projected({ downwardAPI: { items: [{ path: '../labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }),
    good: projected({ downwardAPI: { items: [LABELS] } }),
  },
  {
    row: 'service account token shorter than 10 minutes',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds',
    bad: projected({ serviceAccountToken: { path: 'token', expirationSeconds: 300 } }),
    good: projected({ serviceAccountToken: { path: 'token', expirationSeconds: 600, audience: 'vault' } }),
  },
  {
    row: 'service account token longer than 2^32 seconds',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds',
    bad: projected({ serviceAccountToken: { path: 'token', expirationSeconds: 2 ** 32 + 1 } }),
    good: projected({ serviceAccountToken: { path: 'token', expirationSeconds: 2 ** 32 } }),
  },
  {
    row: 'service account token without a path',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].serviceAccountToken.path',
    bad: projected({ serviceAccountToken: { expirationSeconds: 3600 } }),
    good: projected({ serviceAccountToken: { path: 'token' } }),
  },
  {
    row: 'device of a volume the pod lacks',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].name',
    bad: devices([CLAIM], { name: 'disk', devicePath: '/dev/xvda' }),
    good: devices([CLAIM], { name: 'raw', devicePath: '/dev/xvda' }),
  },
  {
    row: 'device of an emptyDir',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].name',
    bad: devices([{ name: 'raw', emptyDir: {} }], { name: 'raw', devicePath: '/dev/xvda' }),
    good: devices([EPHEMERAL], { name: 'scratch', devicePath: '/dev/xvda' }),
  },
  {
    row: 'device without devicePath',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].devicePath',
    bad: devices([CLAIM], { name: 'raw' }),
    good: devices([CLAIM], { name: 'raw', devicePath: '/dev/xvda' }),
  },
  {
    row: 'device named twice',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[1].name',
    bad: devices([CLAIM], { name: 'raw', devicePath: '/dev/xvda' }, { name: 'raw', devicePath: '/dev/xvdb' }),
    good: devices(
      [CLAIM, EPHEMERAL],
      { name: 'raw', devicePath: '/dev/xvda' },
      { name: 'scratch', devicePath: '/dev/xvdb' },
    ),
  },
  {
    row: 'two devices at one path',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[1].devicePath',
    bad: devices(
      [CLAIM, EPHEMERAL],
      { name: 'raw', devicePath: '/dev/xvda' },
      { name: 'scratch', devicePath: '/dev/xvda' },
    ),
    good: devices(
      [CLAIM, EPHEMERAL],
      { name: 'raw', devicePath: '/dev/xvda' },
      { name: 'scratch', devicePath: '/dev/xvdb' },
    ),
  },
  {
    row: 'devicePath with ".."',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].devicePath',
    bad: devices([CLAIM], { name: 'raw', devicePath: '/dev/../xvda' }),
    good: devices([CLAIM], { name: 'raw', devicePath: '/dev/xvda' }),
  },
  {
    row: 'device also mounted',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].name',
    bad: (p) => (
      devices([CLAIM], { name: 'raw', devicePath: '/dev/xvda' })(p),
      (main(p).volumeMounts = [{ name: 'raw', mountPath: '/data' }])
    ),
    good: (p) => (
      devices([CLAIM, { name: 'data', emptyDir: {} }], { name: 'raw', devicePath: '/dev/xvda' })(p),
      (main(p).volumeMounts = [{ name: 'data', mountPath: '/data' }])
    ),
  },
  {
    row: 'devicePath that is a mountPath',
    rule: 'container-volume-device-invalid',
    field: 'containers[0].volumeDevices[0].devicePath',
    bad: (p) => (
      devices([CLAIM, { name: 'data', emptyDir: {} }], { name: 'raw', devicePath: '/data' })(p),
      (main(p).volumeMounts = [{ name: 'data', mountPath: '/data' }])
    ),
    good: (p) => (
      devices([CLAIM, { name: 'data', emptyDir: {} }], { name: 'raw', devicePath: '/dev/xvda' })(p),
      (main(p).volumeMounts = [{ name: 'data', mountPath: '/data' }])
    ),
  },
  {
    row: 'init container device of a missing volume',
    rule: 'container-volume-device-invalid',
    field: 'initContainers[0].volumeDevices[0].name',
    bad: (p) => (p.initContainers[0].volumeDevices = [{ name: 'raw', devicePath: '/dev/xvda' }]),
    good: (p) => (
      (p.volumes = [CLAIM]),
      (p.initContainers[0].volumeDevices = [{ name: 'raw', devicePath: '/dev/xvda' }])
    ),
  },
  {
    row: 'env cpu divisor of 100m',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.divisor',
    bad: resourceEnv({ resource: 'limits.cpu', divisor: '100m' }),
    good: resourceEnv({ resource: 'limits.cpu', divisor: '1m' }),
  },
  {
    row: 'env memory divisor in exponent notation',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.divisor',
    bad: resourceEnv({ resource: 'requests.memory', divisor: '1e6' }),
    good: resourceEnv({ resource: 'requests.memory', divisor: '1M' }),
  },
  {
    row: 'env cpu divisor in binary notation',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.divisor',
    bad: resourceEnv({ resource: 'limits.cpu', divisor: '1Ki' }),
    good: resourceEnv({ resource: 'limits.cpu', divisor: '1000m' }),
  },
  {
    row: 'env huge-page divisor of 1m (huge pages take the byte divisors)',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.divisor',
    bad: resourceEnv({ resource: 'limits.hugepages-2Mi', divisor: '1m' }),
    good: resourceEnv({ resource: 'limits.hugepages-2Mi', divisor: '1Mi' }),
  },
  {
    row: 'env divisor that is not a quantity',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.divisor',
    bad: resourceEnv({ resource: 'limits.ephemeral-storage', divisor: '1GB' }),
    good: resourceEnv({ resource: 'limits.ephemeral-storage', divisor: '1Gi' }),
  },
]);

describe('divisors', () => {
  const divisorFindings = (resource: string, divisor: unknown) =>
    findingsOf(
      'container-env-source-invalid',
      withJobSpec('Job', (s) => resourceEnv({ resource, divisor })(s.template.spec)),
    );
  test.each([
    ['limits.cpu', '1'],
    ['limits.cpu', 1],
    ['requests.cpu', '0.001'],
    ['requests.cpu', '0'],
    ['limits.memory', '1'],
    ['limits.memory', '1000'],
    ['limits.memory', '1E'],
    ['limits.memory', '1024Ki'],
    ['limits.memory', '1Ei'],
    ['limits.memory', '1e0'],
    ['limits.hugepages-2Mi', '1Gi'],
  ])('%s with divisor %p is accepted', (resource, divisor) => {
    expect(divisorFindings(resource, divisor)).toEqual([]);
  });
  test.each([
    ['limits.cpu', '2'],
    ['limits.cpu', '-1'],
    ['limits.cpu', '1k'],
    ['limits.memory', '1m'],
    ['limits.memory', '1e3'],
    ['limits.memory', '0.5Ki'],
    ['limits.memory', '2Mi'],
    ['requests.ephemeral-storage', '10Gi'],
    ['limits.hugepages-2Mi', '3'],
  ])('%s with divisor %p is refused', (resource, divisor) => {
    const [finding] = divisorFindings(resource, divisor);
    expect(finding.field).toBe('spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor');
    expect(finding.message).toContain('only divisor');
  });
});
