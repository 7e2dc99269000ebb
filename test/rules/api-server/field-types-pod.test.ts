/**
 * Pod template strings that YAML turns into numbers or booleans (`value: 5`, `- 8080`, `value:
 * true`): the API server cannot decode them (not a k8s-validation.md row).
 *
 * Checklist → rule id: env value, args, sysctl value, toleration value, affinity values, node
 * selector values, DNS searches, volume item paths                 → field-wrong-type
 */
import { findingsOf, jobSpecPath, RuleCase, runRuleTable, withJobSpec } from './fixtures';

type Change = (podSpec: any) => void;

const rows: ReadonlyArray<readonly [string, string, Change, Change]> = [
  [
    'env value 5',
    'containers[0].env[0].value',
    (p) => (p.containers[0].env = [{ name: 'WORKERS', value: 5 }]),
    (p) => (p.containers[0].env = [{ name: 'WORKERS', value: '5' }]),
  ],
  [
    'env value true in an init container',
    'initContainers[0].env[0].value',
    (p) => (p.initContainers[0].env = [{ name: 'DEBUG', value: true }]),
    (p) => (p.initContainers[0].env = [{ name: 'DEBUG', value: 'true' }]),
  ],
  [
    'a number in args',
    'containers[0].args[1]',
    (p) => (p.containers[0].args = ['--port', 8080]),
    (p) => (p.containers[0].args = ['--port', '8080']),
  ],
  [
    'sysctl value 1',
    'securityContext.sysctls[0].value',
    (p) => (p.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: 1 }] }),
    (p) => (p.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '1' }] }),
  ],
  [
    'toleration value true',
    'tolerations[0].value',
    (p) => (p.tolerations = [{ key: 'gpu', operator: 'Equal', value: true, effect: 'NoSchedule' }]),
    (p) => (p.tolerations = [{ key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]),
  ],
  [
    'node affinity value 8',
    'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]',
    (p) =>
      (p.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: [8] }] }],
          },
        },
      }),
    (p) =>
      (p.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }],
          },
        },
      }),
  ],
  [
    'nodeSelector value true',
    'nodeSelector[example.com/gpu]',
    (p) => (p.nodeSelector = { 'example.com/gpu': true }),
    (p) => (p.nodeSelector = { 'example.com/gpu': 'true' }),
  ],
  [
    'a ConfigMap item path that is a number',
    'volumes[0].configMap.items[0].path',
    (p) => (p.volumes = [{ name: 'c', configMap: { name: 'c', items: [{ key: 'k', path: 2024 }] } }]),
    (p) => (p.volumes = [{ name: 'c', configMap: { name: 'c', items: [{ key: 'k', path: '2024' }] } }]),
  ],
  // Every field of the Go types is checked, not only those other rules read.
  [
    'a quoted containerPort',
    'containers[0].ports[0].containerPort',
    (p) => (p.containers[0].ports = [{ containerPort: '8080' }]),
    (p) => (p.containers[0].ports = [{ containerPort: 8080 }]),
  ],
  [
    'a quoted terminationGracePeriodSeconds (int64)',
    'terminationGracePeriodSeconds',
    (p) => (p.terminationGracePeriodSeconds = '30'),
    (p) => (p.terminationGracePeriodSeconds = 30),
  ],
  [
    'stdin as the string "yes"',
    'containers[0].stdin',
    (p) => (p.containers[0].stdin = 'yes'),
    (p) => (p.containers[0].stdin = true),
  ],
  [
    'a quoted runAsUser in a container security context',
    'containers[0].securityContext.runAsUser',
    (p) => (p.containers[0].securityContext = { runAsUser: '1000' }),
    (p) => (p.containers[0].securityContext = { runAsUser: 1000 }),
  ],
  [
    'an emptyDir medium that is a number',
    'volumes[0].emptyDir.medium',
    (p) => (p.volumes = [{ name: 'scratch', emptyDir: { medium: 1 } }]),
    (p) => (p.volumes = [{ name: 'scratch', emptyDir: { medium: 'Memory' } }]),
  ],
  [
    'an emptyDir sizeLimit that is a boolean (a quantity is a string or a number)',
    'volumes[0].emptyDir.sizeLimit',
    (p) => (p.volumes = [{ name: 'scratch', emptyDir: { sizeLimit: true } }]),
    (p) => (p.volumes = [{ name: 'scratch', emptyDir: { sizeLimit: 1073741824 } }]),
  ],
  [
    'a cpu limit that is a list',
    'containers[0].resources.limits[cpu]',
    (p) => (p.containers[0].resources = { limits: { cpu: ['1'] } }),
    (p) => (p.containers[0].resources = { limits: { cpu: 1 } }),
  ],
  [
    'requests that are a list',
    'containers[0].resources.requests',
    (p) => (p.containers[0].resources = { requests: [{ cpu: '1' }] }),
    (p) => (p.containers[0].resources = { requests: { cpu: '1' } }),
  ],
  [
    'a probe port that is a fraction (an IntOrString is a string or an int32)',
    'containers[0].livenessProbe.httpGet.port',
    (p) => (p.containers[0].livenessProbe = { httpGet: { path: '/healthz', port: 80.5 } }),
    (p) => (p.containers[0].livenessProbe = { httpGet: { path: '/healthz', port: 'http' } }),
  ],
  [
    'a toleration seconds value that is quoted',
    'tolerations[0].tolerationSeconds',
    (p) => (p.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: '60' }]),
    (p) => (p.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]),
  ],
];

describe('field-wrong-type in the pod template', () => {
  const cases: RuleCase[] = [];
  for (const kind of ['Job', 'CronJob'] as const)
    for (const [row, field, bad, good] of rows)
      cases.push({
        row: `${kind}: ${row}`,
        rule: 'field-wrong-type',
        field: `${jobSpecPath(kind)}.template.spec.${field}`,
        bad: withJobSpec(kind, (s) => bad(s.template.spec)),
        good: withJobSpec(kind, (s) => good(s.template.spec)),
      });
  runRuleTable(cases);

  test('a quantity that is neither a string nor a number is reported once, by field-wrong-type', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.containers[0].resources = { requests: { memory: true } }));
    expect(findingsOf('field-wrong-type', job).map((f) => f.message)).toEqual([
      'spec.template.spec.containers[0].resources.requests[memory] must be a quantity (a string such as "500m" or "1Gi", or a number), not the boolean true: the API server cannot decode the object and rejects it.',
    ]);
    expect(findingsOf('container-resource-quantity-invalid', job)).toEqual([]);
  });

  test('the values of a field the API does not know are not looked into', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.containers[0].ports = [{ containrPort: '8080' }]));
    expect(findingsOf('field-wrong-type', job)).toEqual([]);
    expect(findingsOf('field-unknown', job, '1.35').map((f) => f.field)).toEqual([
      'spec.template.spec.containers[0].ports[0].containrPort',
    ]);
  });

  test('the fix says to quote the value', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.containers[0].env = [{ name: 'RATIO', value: 1.5 }]));
    const [finding] = findingsOf('field-wrong-type', job);
    expect(finding.field).toBe('spec.template.spec.containers[0].env[0].value');
    expect(finding.message).toContain('must be a string, not the number 1.5');
    expect(finding.fix).toContain('Quote it: "1.5"');
  });
});
