/**
 * Probes and lifecycle hooks (validateProbe, validateReadinessProbe, validateLifecycle,
 * validateInitContainers): exactly one handler per probe or hook, non-negative timings, a
 * successThreshold of 1 for liveness and startup probes, a positive terminationGracePeriodSeconds
 * (none at all on a readiness probe), valid handler ports; a hook's sleep within the pod's
 * terminationGracePeriodSeconds; and no probes or lifecycle on an init container unless it is a
 * sidecar (restartPolicy: Always), which may have them. A sleep is reported at `sleep.seconds`,
 * where the API server names `sleep`. Before 1.30 the sleep handler is off by default and dropped
 * on create; that is not modelled.
 */
import { isAtLeast } from '../../kubernetes-version';
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
/** IsHTTPHeaderName. */
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;
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

type Problem = (field: string, message: string) => void;

/**
 * validateHandler: exactly one of `handlers`, an exec with a command, valid httpGet, tcpSocket and
 * grpc ports, and an HTTP(S) scheme. `subject` names the probe or hook in messages.
 */
function handlerProblems(
  value: Readonly<Record<string, unknown>>,
  handlers: readonly string[],
  subject: string,
  path: string,
  problem: Problem,
): void {
  const present = handlers.filter((h) => !isAbsent(value[h]));
  if (present.length === 0) problem(path, `The ${subject} "must specify a handler type" (${handlers.join(', ')}).`);
  else if (present.length > 1)
    problem(path, `The ${subject} names ${present.join(' and ')}; it "may not specify more than 1 handler type".`);
  const exec = objectOf(value.exec);
  if (exec && (arrayOf(exec.command) ?? []).length === 0)
    problem(child(child(path, 'exec'), 'command'), 'exec has no command ("Required value").');
  for (const [handler, allowName] of [
    ['httpGet', true],
    ['tcpSocket', true],
    ['grpc', false],
  ] as const) {
    const spec = handlers.includes(handler) ? objectOf(value[handler]) : undefined;
    const p = spec ? portProblem(spec.port, allowName) : undefined;
    if (p) problem(child(child(path, handler), 'port'), `${handler} ${p}.`);
  }
  (arrayOf(fieldOf(value.httpGet, 'httpHeaders')) ?? []).forEach((header) => {
    const name = fieldOf(header, 'name');
    if (typeof name !== 'string' || !HTTP_HEADER_NAME.test(name))
      problem(
        child(child(path, 'httpGet'), 'httpHeaders'),
        `HTTP header name ${describeValue(name)} is not valid: "a valid HTTP header must consist of alphanumeric characters or '-'".`,
      );
  });
  const scheme = fieldOf(value.httpGet, 'scheme');
  if (typeof scheme === 'string' && scheme !== '' && !SCHEMES.has(scheme))
    problem(
      child(child(path, 'httpGet'), 'scheme'),
      `scheme ${describeValue(scheme)} is not supported (supported values: "HTTP", "HTTPS").`,
    );
}

function probeProblems(
  probe: Readonly<Record<string, unknown>>,
  kind: (typeof PROBES)[number],
  path: string,
): Violation[] {
  const out: Violation[] = [];
  const problem = (field: string, message: string) => out.push({ field, message, fix: PROBE_FIX });
  handlerProblems(probe, HANDLERS, kind, path, problem);
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
  if (kind === 'readinessProbe' && !isAbsent(probe.terminationGracePeriodSeconds))
    problem(
      child(path, 'terminationGracePeriodSeconds'),
      'terminationGracePeriodSeconds "must not be set for readinessProbes": a failing readiness probe never restarts the container.',
    );
  else if (grace !== undefined && grace <= 0)
    problem(
      child(path, 'terminationGracePeriodSeconds'),
      `terminationGracePeriodSeconds is ${grace}; it "must be greater than 0".`,
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
    'A probe with no handler or more than one, a negative timing, a liveness or startup successThreshold other than 1, a non-positive terminationGracePeriodSeconds (any on a readiness probe), or an invalid handler port, scheme or HTTP header name.',
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

const HOOKS = ['postStart', 'preStop'] as const;
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
/** PodLifecycleSleepAction on by default (beta), and PodLifecycleSleepActionAllowZero. */
const SLEEP_SINCE = 30;
const ZERO_SLEEP_SINCE = 33;
/** SetDefaults_PodSpec's terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

export const containerLifecycleInvalid = apiServerRule({
  id: 'container-lifecycle-invalid',
  kinds: BOTH_KINDS,
  summary:
    "A postStart or preStop hook with no handler or more than one, an exec without a command, an invalid httpGet or tcpSocket port or scheme, or a sleep longer than the pod's terminationGracePeriodSeconds (or of 0 seconds before 1.33).",
  check(input) {
    const violations: Violation[] = [];
    const pod = podTemplate(input);
    const written = pod.spec.terminationGracePeriodSeconds;
    const grace = isAbsent(written) ? DEFAULT_GRACE_SECONDS : integerOf(written);
    const zeroAllowed = isAtLeast(input.version, ZERO_SLEEP_SINCE);
    for (const container of runningContainers(pod)) {
      if (container.list === ContainerList.INIT_CONTAINERS && !isSidecar(container)) continue;
      const lifecycle = objectOf(container.value.lifecycle);
      for (const hook of HOOKS) {
        const handler = objectOf(lifecycle?.[hook]);
        if (!handler) continue;
        const path = child(child(container.path, 'lifecycle'), hook);
        const problem = (field: string, message: string) => violations.push({ field, message, fix: HOOK_FIX });
        handlerProblems(handler, HOOK_HANDLERS, `${hook} hook of ${container.label}`, path, problem);
        const seconds = integerOf(fieldOf(handler.sleep, 'seconds'));
        // A grace period of the wrong type is reported on its own; the API server then skips this check.
        if (seconds === undefined || grace === undefined || !isAtLeast(input.version, SLEEP_SINCE)) continue;
        if (seconds > grace || seconds < 0 || (seconds === 0 && !zeroAllowed))
          problem(
            child(child(path, 'sleep'), 'seconds'),
            `The ${hook} hook sleeps ${seconds} s; it must be ${zeroAllowed ? 'non-negative' : 'greater than 0'} and no longer than the pod's terminationGracePeriodSeconds (${grace}${isAbsent(written) ? ', the default' : ''}), or the kubelet kills the container before the sleep ends.`,
          );
      }
    }
    return violations;
  },
});

const HOOK_FIX =
  'Give each hook one handler (exec with a command, httpGet, tcpSocket or sleep); keep a sleep within terminationGracePeriodSeconds, or raise the grace period.';

export const PROBE_RULES = [containerProbeInvalid, initContainerProbeForbidden, containerLifecycleInvalid];
