/**
 * Probes and lifecycle hooks (validateProbe, validateInitContainers): exactly one handler per probe,
 * non-negative timings, a successThreshold of 1 for liveness and startup probes, a positive
 * terminationGracePeriodSeconds, valid handler ports; and no probes or lifecycle on an init
 * container unless it is a sidecar (restartPolicy: Always), which may have them.
 */
import { RuleInput, Violation } from '../../rule';
import { arrayOf, describeValue, fieldOf, integerOf, isAbsent, objectOf } from '../../support/access';
import { child } from '../../support/field-path';
import { ContainerList, PodContainer, podTemplate, runningContainers } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';
import { isPortNumber, portNameProblem } from './ports';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const NON_NEGATIVE = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const;
const SCHEMES = new Set(['HTTP', 'HTTPS']);
const PROBE_FIX = 'Give the probe one handler (exec, httpGet, tcpSocket or grpc) with non-negative timings.';

/** An init container that keeps running beside the main containers (a native sidecar). */
export function isSidecar(container: PodContainer): boolean {
  return container.list === ContainerList.INIT_CONTAINERS && container.value.restartPolicy === 'Always';
}

/** A port given as a number or an IANA name (httpGet and tcpSocket). */
function portProblem(port: unknown, allowName: boolean): string | undefined {
  if (typeof port === 'number')
    return isPortNumber(port) ? undefined : `port ${port} must be between 1 and 65535, inclusive`;
  if (typeof port === 'string' && allowName) {
    const problem = portNameProblem(port);
    return problem ? `port name ${describeValue(port)} ${problem}` : undefined;
  }
  return isAbsent(port) ? 'port is required' : `port ${describeValue(port)} must be a number from 1 to 65535`;
}

function probeProblems(
  probe: Readonly<Record<string, unknown>>,
  kind: (typeof PROBES)[number],
  path: string,
): Violation[] {
  const out: Violation[] = [];
  const problem = (field: string, message: string) => out.push({ field, message, fix: PROBE_FIX });
  const handlers = HANDLERS.filter((h) => !isAbsent(probe[h]));
  if (handlers.length === 0)
    problem(path, `The ${kind} "must specify a handler type" (exec, httpGet, tcpSocket or grpc).`);
  else if (handlers.length > 1)
    problem(path, `The ${kind} names ${handlers.join(' and ')}; it "may not specify more than 1 handler type".`);
  for (const field of NON_NEGATIVE) {
    const value = integerOf(probe[field]);
    if (value !== undefined && value < 0)
      problem(child(path, field), `${field} is ${value}; it must be greater than or equal to 0.`);
  }
  const success = integerOf(probe.successThreshold);
  if (kind !== 'readinessProbe' && success !== undefined && success > 1)
    problem(
      child(path, 'successThreshold'),
      `successThreshold of a ${kind} "must be 1" (it is ${success}): one success is enough to count.`,
    );
  const grace = integerOf(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0)
    problem(
      child(path, 'terminationGracePeriodSeconds'),
      `terminationGracePeriodSeconds is ${grace}; it "must be greater than 0".`,
    );
  const exec = objectOf(probe.exec);
  if (exec && (arrayOf(exec.command) ?? []).length === 0)
    problem(child(child(path, 'exec'), 'command'), 'exec has no command ("Required value").');
  for (const [handler, allowName] of [
    ['httpGet', true],
    ['tcpSocket', true],
    ['grpc', false],
  ] as const) {
    const spec = objectOf(probe[handler]);
    const p = spec ? portProblem(spec.port, allowName) : undefined;
    if (p) problem(child(child(path, handler), 'port'), `${handler} ${p}.`);
  }
  const scheme = fieldOf(probe.httpGet, 'scheme');
  if (typeof scheme === 'string' && scheme !== '' && !SCHEMES.has(scheme))
    problem(
      child(child(path, 'httpGet'), 'scheme'),
      `scheme ${describeValue(scheme)} is not supported (supported values: "HTTP", "HTTPS").`,
    );
  return out;
}

function probesOf(input: RuleInput): {
  readonly container: PodContainer;
  readonly kind: (typeof PROBES)[number];
  readonly probe: Readonly<Record<string, unknown>>;
}[] {
  const found = [];
  for (const container of runningContainers(podTemplate(input)))
    for (const kind of PROBES) {
      const probe = objectOf(container.value[kind]);
      if (probe) found.push({ container, kind, probe });
    }
  return found;
}

export const containerProbeInvalid = apiServerRule({
  id: 'container-probe-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A probe with no handler or more than one, a negative timing, a liveness or startup successThreshold other than 1, a non-positive terminationGracePeriodSeconds, or an invalid handler port or scheme.',
  check(input) {
    const violations: Violation[] = [];
    for (const { container, kind, probe } of probesOf(input)) {
      if (container.list === ContainerList.INIT_CONTAINERS && !isSidecar(container)) continue;
      violations.push(...probeProblems(probe, kind, child(container.path, kind)));
    }
    return violations;
  },
});

export const initContainerProbeForbidden = apiServerRule({
  id: 'init-container-probe-forbidden',
  kinds: BOTH_KINDS,
  summary:
    'An init container with a probe or lifecycle hooks: only a sidecar (an init container with restartPolicy: Always) may have them.',
  check(input) {
    const violations: Violation[] = [];
    for (const container of runningContainers(podTemplate(input))) {
      if (container.list !== ContainerList.INIT_CONTAINERS || isSidecar(container)) continue;
      for (const field of [...PROBES, 'lifecycle'] as const) {
        if (isAbsent(container.value[field])) continue;
        violations.push({
          field: child(container.path, field),
          message: `${container.label} has a ${field}, which "may not be set for init containers": an init container runs to completion before the next starts.`,
          fix: `Remove ${field}, or make the container a sidecar with restartPolicy: Always (Kubernetes 1.29 and later) if it must keep running beside the main containers.`,
        });
      }
    }
    return violations;
  },
});

export const PROBE_RULES = [containerProbeInvalid, initContainerProbeForbidden];
