/** Ports, probes, container policies and sidecars. */
import { main, runPodCases } from './pod-cases';

const ports =
  (...list: unknown[]) =>
  (p: any) =>
    (main(p).ports = list);
const probe = (kind: string, value: unknown) => (p: any) => (main(p)[kind] = value);
const EXEC = { exec: { command: ['true'] } };

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
    row: 'init container restartPolicy other than Always',
    rule: 'container-restart-policy-invalid',
    field: 'initContainers[0].restartPolicy',
    bad: (p) => (p.initContainers[0].restartPolicy = 'OnFailure'),
    good: (p) => (p.initContainers[0].restartPolicy = 'Always'),
    version: '1.29',
  },
  {
    row: 'regular container restartPolicy before 1.35',
    rule: 'container-restart-policy-invalid',
    field: 'containers[0].restartPolicy',
    bad: (p) => (main(p).restartPolicy = 'Never'),
    good: () => {},
    version: '1.34',
  },
]);
