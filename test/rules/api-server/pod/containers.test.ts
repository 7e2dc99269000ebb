/** Ports, probes, container policies and sidecars. */
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const ports =
  (...list: unknown[]) =>
  (p: any) =>
    (main(p).ports = list);
const probe = (kind: string, value: unknown) => (p: any) => (main(p)[kind] = value);
const EXEC = { exec: { command: ['true'] } };
const resize =
  (restartPolicy: string, ...policies: unknown[]) =>
  (p: any) => {
    p.restartPolicy = restartPolicy;
    main(p).resizePolicy = policies;
  };
const hook = (name: string, handler: unknown) => (p: any) => (main(p).lifecycle = { [name]: handler });
const restartRules =
  (restartPolicy: string | undefined, ...rules: unknown[]) =>
  (p: any) => {
    main(p).restartPolicy = restartPolicy;
    main(p).restartPolicyRules = rules;
  };

runPodCases('container rules', [
  {
    row: 'containerPort above 65535',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[0].containerPort',
    bad: ports({ containerPort: 70000 }),
    good: ports({ containerPort: 8080 }),
  },
  {
    row: 'port without containerPort',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[0].containerPort',
    bad: ports({ name: 'http' }),
    good: ports({ name: 'http', containerPort: 80 }),
  },
  {
    row: 'invalid port name',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[0].name',
    bad: ports({ name: 'metrics-endpoint', containerPort: 9090 }),
    good: ports({ name: 'metrics', containerPort: 9090 }),
  },
  {
    row: 'duplicate port name',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[1].name',
    bad: ports({ name: 'web', containerPort: 80 }, { name: 'web', containerPort: 81 }),
    good: ports({ name: 'web', containerPort: 80 }, { name: 'alt', containerPort: 81 }),
  },
  {
    row: 'a host port taken twice among the containers',
    rule: 'container-port-invalid',
    field: 'containers[1].ports[0].hostPort',
    bad: (p) => {
      main(p).ports = [{ containerPort: 8080, hostPort: 8080 }];
      p.containers.push({ name: 'proxy', image: 'proxy:1', ports: [{ containerPort: 8081, hostPort: 8080 }] });
    },
    good: (p) => {
      main(p).ports = [{ containerPort: 8080, hostPort: 8080 }];
      p.containers.push({
        name: 'proxy',
        image: 'proxy:1',
        ports: [{ containerPort: 8081, hostPort: 8080, protocol: 'UDP' }],
      });
    },
  },
  {
    row: 'a hostPort other than the containerPort with hostNetwork',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[0].hostPort',
    bad: (p) => {
      p.hostNetwork = true;
      main(p).ports = [{ containerPort: 8080, hostPort: 9090 }];
    },
    good: (p) => {
      p.hostNetwork = true;
      main(p).ports = [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9090 }];
    },
  },
  {
    row: 'a host port taken twice within one init container (init containers run one at a time)',
    rule: 'container-port-invalid',
    field: 'initContainers[0].ports[1].hostPort',
    bad: (p) =>
      (p.initContainers[0].ports = [
        { containerPort: 9000, hostPort: 9000 },
        { containerPort: 9001, hostPort: 9000 },
      ]),
    good: (p) => {
      p.initContainers[0].ports = [{ containerPort: 9000, hostPort: 9000 }];
      p.initContainers.push({ name: 'second', image: 'second:1', ports: [{ containerPort: 9000, hostPort: 9000 }] });
    },
  },
  {
    row: 'a preStop hook without a handler',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.preStop',
    bad: hook('preStop', {}),
    good: hook('preStop', { exec: { command: ['/bin/drain'] } }),
  },
  {
    row: 'a postStart hook with two handlers',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.postStart',
    bad: hook('postStart', { exec: { command: ['/bin/warm'] }, sleep: { seconds: 5 } }),
    good: hook('postStart', { exec: { command: ['/bin/warm'] } }),
  },
  {
    row: 'a hook exec without a command',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.postStart.exec.command',
    bad: hook('postStart', { exec: { command: [] } }),
    good: hook('postStart', { exec: { command: ['/bin/warm'] } }),
  },
  {
    row: 'a hook httpGet on a port out of range',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.preStop.httpGet.port',
    bad: hook('preStop', { httpGet: { path: '/drain', port: 0 } }),
    good: hook('preStop', { httpGet: { path: '/drain', port: 'http' } }),
  },
  {
    row: 'a preStop sleep longer than the default grace period',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.preStop.sleep.seconds',
    bad: hook('preStop', { sleep: { seconds: 60 } }),
    good: (p) => {
      hook('preStop', { sleep: { seconds: 60 } })(p);
      p.terminationGracePeriodSeconds = 90;
    },
    version: '1.35',
  },
  {
    row: 'a preStop sleep of 0 before 1.33',
    rule: 'container-lifecycle-invalid',
    field: 'containers[0].lifecycle.preStop.sleep.seconds',
    bad: hook('preStop', { sleep: { seconds: 0 } }),
    good: hook('preStop', { sleep: { seconds: 5 } }),
    version: '1.32',
  },
  {
    row: 'an HTTP header name with a space',
    rule: 'container-probe-invalid',
    field: 'containers[0].livenessProbe.httpGet.httpHeaders',
    bad: probe('livenessProbe', { httpGet: { port: 8080, httpHeaders: [{ name: 'X Probe', value: '1' }] } }),
    good: probe('livenessProbe', { httpGet: { port: 8080, httpHeaders: [{ name: 'X-Probe', value: '1' }] } }),
  },
  {
    row: 'a readiness probe with a terminationGracePeriodSeconds',
    rule: 'container-probe-invalid',
    field: 'containers[0].readinessProbe.terminationGracePeriodSeconds',
    bad: probe('readinessProbe', { ...EXEC, terminationGracePeriodSeconds: 10 }),
    good: probe('livenessProbe', { ...EXEC, terminationGracePeriodSeconds: 10 }),
  },
  {
    row: 'a resize policy that restarts the container in a pod with restartPolicy Never',
    rule: 'container-resize-policy-invalid',
    field: 'containers[0].resizePolicy[0].restartPolicy',
    bad: resize('Never', { resourceName: 'memory', restartPolicy: 'RestartContainer' }),
    good: resize('OnFailure', { resourceName: 'memory', restartPolicy: 'RestartContainer' }),
    version: '1.35',
  },
  {
    row: 'a resize policy for a resource other than cpu or memory, or for one twice',
    rule: 'container-resize-policy-invalid',
    field: 'containers[0].resizePolicy[1].resourceName',
    bad: resize(
      'Never',
      { resourceName: 'cpu', restartPolicy: 'NotRequired' },
      { resourceName: 'cpu', restartPolicy: 'NotRequired' },
      { resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' },
    ),
    good: resize(
      'Never',
      { resourceName: 'cpu', restartPolicy: 'NotRequired' },
      { resourceName: 'memory', restartPolicy: 'NotRequired' },
    ),
    version: '1.35',
  },
  {
    row: 'lowercase protocol',
    rule: 'container-port-invalid',
    field: 'containers[0].ports[0].protocol',
    bad: ports({ containerPort: 53, protocol: 'udp' }),
    good: ports({ containerPort: 53, protocol: 'UDP' }),
  },
  {
    row: 'probe without a handler',
    rule: 'container-probe-invalid',
    field: 'containers[0].livenessProbe',
    bad: probe('livenessProbe', { periodSeconds: 10 }),
    good: probe('livenessProbe', { ...EXEC, periodSeconds: 10 }),
  },
  {
    row: 'probe with two handlers',
    rule: 'container-probe-invalid',
    field: 'containers[0].readinessProbe',
    bad: probe('readinessProbe', { ...EXEC, tcpSocket: { port: 80 } }),
    good: probe('readinessProbe', { tcpSocket: { port: 80 } }),
  },
  {
    row: 'liveness successThreshold above 1',
    rule: 'container-probe-invalid',
    field: 'containers[0].livenessProbe.successThreshold',
    bad: probe('livenessProbe', { ...EXEC, successThreshold: 2 }),
    good: probe('livenessProbe', { ...EXEC, successThreshold: 1 }),
  },
  {
    row: 'negative failureThreshold',
    rule: 'container-probe-invalid',
    field: 'containers[0].startupProbe.failureThreshold',
    bad: probe('startupProbe', { ...EXEC, failureThreshold: -1 }),
    good: probe('startupProbe', { ...EXEC, failureThreshold: 30 }),
  },
  {
    row: 'httpGet port out of range',
    rule: 'container-probe-invalid',
    field: 'containers[0].readinessProbe.httpGet.port',
    bad: probe('readinessProbe', { httpGet: { port: 0 } }),
    good: probe('readinessProbe', { httpGet: { port: 'http' } }),
  },
  {
    row: 'probe on an init container',
    rule: 'init-container-probe-forbidden',
    field: 'initContainers[0].readinessProbe',
    bad: (p) => (p.initContainers[0].readinessProbe = EXEC),
    good: (p) => Object.assign(p.initContainers[0], { restartPolicy: 'Always', readinessProbe: EXEC }),
    version: '1.29',
  },
  {
    row: 'imagePullPolicy in the wrong case',
    rule: 'container-policy-unsupported',
    field: 'containers[0].imagePullPolicy',
    bad: (p) => (main(p).imagePullPolicy = 'always'),
    good: (p) => (main(p).imagePullPolicy = 'Always'),
  },
  {
    row: 'terminationMessagePolicy unknown',
    rule: 'container-policy-unsupported',
    field: 'initContainers[0].terminationMessagePolicy',
    bad: (p) => (p.initContainers[0].terminationMessagePolicy = 'Logs'),
    good: (p) => (p.initContainers[0].terminationMessagePolicy = 'FallbackToLogsOnError'),
  },
  {
    row: 'sidecar before 1.29',
    rule: 'container-restart-policy-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) => (p.initContainers[0].restartPolicy = 'Always'),
    good: () => {},
    version: '1.28',
  },
  {
    row: 'init container restartPolicy other than Always, 1.29 to 1.33',
    rule: 'container-restart-policy-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) => (p.initContainers[0].restartPolicy = 'OnFailure'),
    good: (p) => (p.initContainers[0].restartPolicy = 'Always'),
    version: '1.33',
  },
  {
    row: 'init container restartPolicy Never is dropped in 1.34 (ContainerRestartRules off)',
    rule: 'container-restart-policy-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) => (p.initContainers[0].restartPolicy = 'Never'),
    good: (p) => (p.initContainers[0].restartPolicy = 'Always'),
    version: '1.34',
  },
  {
    row: 'init container restartPolicy from 1.35: Always, Never or OnFailure',
    rule: 'container-restart-policy-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) => (p.initContainers[0].restartPolicy = 'never'),
    good: (p) => (p.initContainers[0].restartPolicy = 'Never'),
    version: '1.35',
  },
  {
    row: 'regular container restartPolicy refused before container restart rules',
    rule: 'container-restart-policy-invalid',
    field: 'containers[0].restartPolicy',
    bad: (p) => (main(p).restartPolicy = 'Never'),
    good: () => {},
    version: '1.33',
  },
  {
    row: 'regular container restartPolicy dropped in 1.34',
    rule: 'container-restart-policy-invalid',
    field: 'containers[0].restartPolicy',
    bad: (p) => (main(p).restartPolicy = 'OnFailure'),
    good: () => {},
    version: '1.34',
  },
  {
    row: 'regular container restartPolicy from 1.35: Always, Never or OnFailure',
    rule: 'container-restart-policy-invalid',
    field: 'containers[0].restartPolicy',
    bad: (p) => (main(p).restartPolicy = ''),
    good: (p) => (main(p).restartPolicy = 'OnFailure'),
    version: '1.35',
  },
  {
    row: 'restart rules dropped before 1.35',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules',
    bad: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'In', values: [42] } }),
    good: (p) => (main(p).restartPolicy = undefined),
    version: '1.34',
  },
  {
    row: 'restart rules need the container restartPolicy',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicy',
    bad: restartRules(undefined, { action: 'Restart', exitCodes: { operator: 'In', values: [42] } }),
    good: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'In', values: [42] } }),
    version: '1.35',
  },
  {
    row: "an init container's rules need its restartPolicy",
    rule: 'container-restart-rules-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) =>
      (p.initContainers[0].restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'In', values: [3] } }]),
    good: (p) => {
      p.initContainers[0].restartPolicy = 'OnFailure';
      p.initContainers[0].restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'NotIn', values: [] } }];
    },
    version: '1.35',
  },
  {
    row: 'more than 20 restart rules',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules',
    bad: restartRules(
      'Never',
      ...Array.from({ length: 21 }, (_, i) => ({ action: 'Restart', exitCodes: { operator: 'In', values: [i + 1] } })),
    ),
    good: restartRules(
      'Never',
      ...Array.from({ length: 20 }, (_, i) => ({ action: 'Restart', exitCodes: { operator: 'In', values: [i + 1] } })),
    ),
    version: '1.35',
  },
  {
    row: 'a restart rule action other than Restart',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules[0].action',
    bad: restartRules('Never', { action: 'DoNotRestart', exitCodes: { operator: 'In', values: [3] } }),
    good: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'In', values: [3] } }),
    version: '1.36',
  },
  {
    row: 'RestartAllContainers before its gate is on by default (1.36)',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules[0].action',
    bad: restartRules('Never', { action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [3] } }),
    good: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'In', values: [3] } }),
    version: '1.35',
  },
  {
    row: 'a restart rule without exitCodes',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules[0].exitCodes',
    bad: restartRules('Never', { action: 'Restart' }),
    good: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'In', values: [-1, 255] } }),
    version: '1.35',
  },
  {
    row: 'an exit code operator other than In or NotIn',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules[0].exitCodes.operator',
    bad: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'Equals', values: [3] } }),
    good: restartRules('Never', { action: 'Restart', exitCodes: { operator: 'NotIn', values: [0] } }),
    version: '1.35',
  },
  {
    row: 'more than 255 exit codes',
    rule: 'container-restart-rules-invalid',
    field: 'containers[0].restartPolicyRules[0].exitCodes.values',
    bad: restartRules('Never', {
      action: 'Restart',
      exitCodes: { operator: 'In', values: Array.from({ length: 256 }, (_, i) => i) },
    }),
    good: restartRules('Never', {
      action: 'Restart',
      exitCodes: { operator: 'In', values: Array.from({ length: 255 }, (_, i) => i) },
    }),
    version: '1.35',
  },
  {
    row: 'restart rules on a sidecar before 1.36',
    rule: 'container-restart-rules-invalid',
    field: 'initContainers[0].restartPolicyRules',
    bad: (p) => {
      p.initContainers[0].restartPolicy = 'Always';
      p.initContainers[0].restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }];
    },
    good: (p) => (p.initContainers[0].restartPolicy = 'Always'),
    version: '1.35',
  },
]);

test('a preStop sleep of 0 seconds is allowed from 1.33', () => {
  const job = withJobSpec(
    'Job',
    (s) => (s.template.spec.containers[0].lifecycle = { preStop: { sleep: { seconds: 0 } } }),
  );
  expect(findingsOf('container-lifecycle-invalid', job, '1.33')).toEqual([]);
  expect(findingsOf('container-lifecycle-invalid', job, '1.32')).toHaveLength(1);
});

test("a sidecar's hooks are checked; a sleep names the grace period it exceeds", () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.terminationGracePeriodSeconds = 10;
    s.template.spec.initContainers.push({
      name: 'proxy',
      image: 'proxy:1',
      restartPolicy: 'Always',
      lifecycle: { preStop: { sleep: { seconds: 15 } } },
    });
  });
  const [finding] = findingsOf('container-lifecycle-invalid', job, '1.35');
  expect(finding.field).toBe('spec.template.spec.initContainers[1].lifecycle.preStop.sleep.seconds');
  expect(finding.message).toContain('terminationGracePeriodSeconds (10)');
});

test('from 1.36 RestartContainer is refused on an init container that is not a sidecar, whatever the pod restartPolicy', () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.restartPolicy = 'OnFailure';
    s.template.spec.initContainers[0].resizePolicy = [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }];
    s.template.spec.initContainers.push({
      name: 'proxy',
      image: 'proxy:1',
      restartPolicy: 'Always',
      resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }],
    });
  });
  expect(findingsOf('container-resize-policy-invalid', job, '1.35')).toEqual([]);
  expect(findingsOf('container-resize-policy-invalid', job, '1.36').map((f) => f.field)).toEqual([
    'spec.template.spec.initContainers[0].resizePolicy[0].restartPolicy',
  ]);
});

test('resizePolicy is dropped on create before 1.33, so it is checked from 1.33', () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.restartPolicy = 'Never';
    s.template.spec.initContainers[0].resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }];
  });
  expect(findingsOf('container-resize-policy-invalid', job, '1.32')).toEqual([]);
  expect(findingsOf('container-resize-policy-invalid', job, '1.33').map((f) => f.field)).toEqual([
    'spec.template.spec.initContainers[0].resizePolicy[0].restartPolicy',
  ]);
});

test("a sidecar's restart rules are checked like any other from 1.36, RestartAllContainers included", () => {
  const job = withJobSpec('Job', (s) => {
    s.template.spec.initContainers[0].restartPolicy = 'Always';
    s.template.spec.initContainers[0].restartPolicyRules = [
      { action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [1] } },
      { action: 'Restart', exitCodes: { operator: 'Is', values: [2] } },
    ];
  });
  expect(findingsOf('container-restart-rules-invalid', job, '1.36').map((f) => f.field)).toEqual([
    'spec.template.spec.initContainers[0].restartPolicyRules[1].exitCodes.operator',
  ]);
});

test("an init container's rules without its restartPolicy are not looked at further; a regular container's are", () => {
  const rules = [{ action: 'Jump', exitCodes: { operator: 'In', values: [1] } }];
  const job = withJobSpec('Job', (s) => {
    s.template.spec.initContainers[0].restartPolicyRules = rules;
    s.template.spec.containers[0].restartPolicyRules = rules;
  });
  expect(findingsOf('container-restart-rules-invalid', job, '1.35').map((f) => f.field)).toEqual([
    'spec.template.spec.containers[0].restartPolicy',
    'spec.template.spec.containers[0].restartPolicyRules[0].action',
    'spec.template.spec.initContainers[0].restartPolicy',
  ]);
});
