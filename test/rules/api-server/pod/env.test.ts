/** Environment variables: names by release, value sources, envFrom. */
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const env =
  (...vars: unknown[]) =>
  (p: any) =>
    (main(p).env = vars);

/** A variable read from app.env in the pod's emptyDir volume "config" (EnvFiles, 1.35+), with `ref` laid over it. */
const fromFile =
  (ref: Record<string, unknown> = {}, volume: Record<string, unknown> = { name: 'config', emptyDir: {} }) =>
  (p: any) => {
    p.volumes = [volume];
    main(p).env = [
      { name: 'DB_HOST', valueFrom: { fileKeyRef: { volumeName: 'config', path: 'app.env', key: 'DB_HOST', ...ref } } },
    ];
  };

runPodCases('env rules', [
  {
    row: 'a fileKeyRef alone is dropped before 1.35, which leaves valueFrom without a source',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom',
    bad: fromFile(),
    good: env({ name: 'DB_HOST', value: 'db' }),
    version: '1.34',
  },
  {
    row: 'a fileKeyRef needs a key (1.35)',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fileKeyRef.key',
    bad: fromFile({ key: '' }),
    good: fromFile({ key: 'db.host' }),
    version: '1.35',
  },
  {
    row: 'a fileKeyRef path with ".."',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fileKeyRef.path',
    bad: fromFile({ path: 'conf/../../etc/passwd' }),
    good: fromFile({ path: 'conf/app.env' }),
    version: '1.36',
  },
  {
    row: 'a fileKeyRef volume the pod does not have',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fileKeyRef.volumeName',
    bad: fromFile({ volumeName: 'settings' }),
    good: fromFile(),
    version: '1.35',
  },
  {
    row: 'a fileKeyRef volume that is not an emptyDir',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fileKeyRef.volumeName',
    bad: fromFile({}, { name: 'config', configMap: { name: 'app-config' } }),
    good: fromFile({}, { name: 'config', emptyDir: { medium: 'Memory' } }),
    version: '1.37',
  },
  {
    row: 'a fileKeyRef volumeName that is not a DNS label',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fileKeyRef.volumeName',
    bad: fromFile({ volumeName: 'Config' }),
    good: fromFile(),
    version: '1.35',
  },
  {
    row: 'env var without a name',
    rule: 'container-env-name-invalid',
    field: 'containers[0].env[0].name',
    bad: env({ value: 'x' }),
    good: env({ name: 'X', value: 'x' }),
  },
  {
    row: 'name with a leading digit before 1.32',
    rule: 'container-env-name-invalid',
    field: 'containers[0].env[0].name',
    bad: env({ name: '1DAY', value: 'x' }),
    good: env({ name: 'DAY_1', value: 'x' }),
    version: '1.31',
  },
  {
    row: 'name with "=" in 1.32',
    rule: 'container-env-name-invalid',
    field: 'containers[0].env[0].name',
    bad: env({ name: 'A=B', value: 'x' }),
    good: env({ name: '1 A:B', value: 'x' }),
    version: '1.32',
  },
  {
    row: 'envFrom prefix before 1.32',
    rule: 'container-env-name-invalid',
    field: 'containers[0].envFrom[0].prefix',
    bad: (p) => (main(p).envFrom = [{ prefix: '9_', configMapRef: { name: 'cfg' } }]),
    good: (p) => (main(p).envFrom = [{ prefix: 'APP_', configMapRef: { name: 'cfg' } }]),
    version: '1.30',
  },
  {
    row: 'valueFrom without a source',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom',
    bad: env({ name: 'X', valueFrom: {} }),
    good: env({ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
  },
  {
    row: 'value beside valueFrom',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom',
    bad: env({ name: 'X', value: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
    good: env({ name: 'X', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
  },
  {
    row: 'two sources',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom',
    bad: env({
      name: 'X',
      valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: { name: 'c', key: 'k' } },
    }),
    good: env({ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }),
  },
  {
    row: 'unsupported fieldPath',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fieldRef.fieldPath',
    bad: env({ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }),
    good: env({ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }),
  },
  {
    row: 'a fieldRef of another apiVersion than v1; the old spec.host is read as spec.nodeName',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fieldRef.fieldPath',
    bad: env({ name: 'X', valueFrom: { fieldRef: { apiVersion: 'apps/v1', fieldPath: 'metadata.name' } } }),
    good: env({ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.host' } } }),
  },
  {
    row: 'a fieldRef label key that is not a qualified name, or a subscript on a path without one',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fieldRef.fieldPath',
    bad: env(
      { name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team name']" } } },
      { name: 'Y', valueFrom: { fieldRef: { fieldPath: "spec.nodeName['a']" } } },
    ),
    good: env(
      { name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } },
      { name: 'Y', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['Example.com/Owner']" } } },
    ),
  },
  {
    row: 'status.hostIPs before 1.29',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.fieldRef.fieldPath',
    bad: env({ name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }),
    good: env({ name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }),
    version: '1.28',
  },
  {
    row: 'secretKeyRef without a key',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.secretKeyRef.key',
    bad: env({ name: 'X', valueFrom: { secretKeyRef: { name: 's' } } }),
    good: env({ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'password' } } }),
  },
  {
    row: 'configMapKeyRef with an invalid name',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.configMapKeyRef.name',
    bad: env({ name: 'X', valueFrom: { configMapKeyRef: { name: 'App_Config', key: 'k' } } }),
    good: env({ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'k' } } }),
  },
  {
    row: 'resourceFieldRef resource',
    rule: 'container-env-source-invalid',
    field: 'containers[0].env[0].valueFrom.resourceFieldRef.resource',
    bad: env({ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }),
    good: env({ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }),
  },
  {
    row: 'envFrom with both refs',
    rule: 'container-env-from-invalid',
    field: 'containers[0].envFrom[0]',
    bad: (p) => (main(p).envFrom = [{ configMapRef: { name: 'c' }, secretRef: { name: 's' } }]),
    good: (p) => (main(p).envFrom = [{ configMapRef: { name: 'c' } }, { secretRef: { name: 's' } }]),
  },
  {
    row: 'an envFrom ConfigMap name that is not a DNS subdomain (a trailing "-" is allowed: prefix mode)',
    rule: 'container-env-from-invalid',
    field: 'containers[0].envFrom[0].configMapRef.name',
    bad: (p) => (main(p).envFrom = [{ configMapRef: { name: 'App_Config' } }]),
    good: (p) => (main(p).envFrom = [{ configMapRef: { name: 'app-config-' } }, { secretRef: { name: 'app-' } }]),
  },
  {
    row: 'envFrom with neither',
    rule: 'container-env-from-invalid',
    field: 'containers[0].envFrom[0]',
    bad: (p) => (main(p).envFrom = [{ prefix: 'A_' }]),
    good: (p) => (main(p).envFrom = [{ prefix: 'A_', secretRef: { name: 's' } }]),
  },
]);

test('the same relaxed name passes from 1.32 and fails before', () => {
  const job = withJobSpec(
    'Job',
    (s) =>
      (s.template.spec.containers[0].env = [
        { name: 'my.var-1', value: 'x' },
        { name: 'DB URL', value: 'y' },
      ]),
  );
  expect(findingsOf('container-env-name-invalid', job, '1.31').map((f) => f.field)).toEqual([
    'spec.template.spec.containers[0].env[1].name',
  ]);
  expect(findingsOf('container-env-name-invalid', job, '1.32')).toEqual([]);
});

test('a subscript on a fieldPath that takes none is reported as such', () => {
  const job = withJobSpec(
    'Job',
    (s) =>
      (s.template.spec.containers[0].env = [
        { name: 'Y', valueFrom: { fieldRef: { fieldPath: "spec.nodeName['a']" } } },
      ]),
  );
  const [finding] = findingsOf('container-env-source-invalid', job);
  expect(finding.message).toContain('does not support subscript');
});
