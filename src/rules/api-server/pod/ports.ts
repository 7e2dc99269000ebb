/**
 * Container ports (validateContainerPorts, AccumulateUniqueHostPorts): a containerPort from 1 to
 * 65535, a hostPort in the same range when set, TCP, UDP or SCTP, port names that are IANA service
 * names unique in their container, and no host port and protocol taken twice among the containers
 * (or within one init container: init containers run one at a time, so the API server checks each
 * on its own).
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { ContainerList, PodContainer, podTemplate, runningContainers } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const PORT_MAX = 65535;
const PORT_NAME_MAX_LENGTH = 15;
const PORT_NAME = /^[-a-z0-9]+$/;
const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

/** IsValidPortName (an IANA service name): why a port name is refused, or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > PORT_NAME_MAX_LENGTH) return `must be no more than ${PORT_NAME_MAX_LENGTH} characters`;
  if (!PORT_NAME.test(name)) return 'must contain only lowercase letters, digits and "-"';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  return undefined;
}

/** Whether a port number is from 1 to 65535. */
export function isPortNumber(value: number): boolean {
  return value >= 1 && value <= PORT_MAX;
}

/** The port's protocol as the API server defaults it (TCP when empty). */
export function portProtocol(port: Readonly<Record<string, unknown>>): string {
  return stringOf(port.protocol) || 'TCP';
}

/**
 * What a host port must be unique within (AccumulateUniqueHostPorts): the regular containers
 * together, or one init container on its own (init containers run one at a time), keyed with the
 * protocol and host IP.
 */
export function hostPortKey(
  container: PodContainer,
  hostPort: number,
  port: Readonly<Record<string, unknown>>,
): string {
  const scope = container.list === ContainerList.INIT_CONTAINERS ? container.path : container.list;
  return `${scope}/${hostPort}/${portProtocol(port)}/${stringOf(port.hostIP) ?? ''}`;
}

/** How a message names what else holds a host port: "this init container" or "this pod's containers". */
export function hostPortOwner(container: PodContainer): string {
  return container.list === ContainerList.INIT_CONTAINERS ? 'this init container' : `this pod's ${container.list}`;
}

export const containerPortInvalid = apiServerRule({
  id: 'container-port-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A container port outside 1 to 65535 (or missing), a hostPort outside that range (or, with hostNetwork, other than the containerPort), a protocol other than TCP, UDP or SCTP, an invalid or repeated port name, or one host port and protocol used twice in the pod.',
  check(input) {
    const violations: Violation[] = [];
    const hostPorts = new Set<string>();
    const pod = podTemplate(input);
    for (const container of runningContainers(pod)) {
      const names = new Set<string>();
      (arrayOf(container.value.ports) ?? []).forEach((item, i) => {
        const port = objectOf(item);
        if (!port) return;
        const path = index(child(container.path, 'ports'), i);
        const problem = (field: string, message: string, fix: string) =>
          violations.push({ field: child(path, field), message, fix });
        const name = stringOf(port.name);
        if (name) {
          const nameProblem = portNameProblem(name);
          if (nameProblem)
            problem(
              'name',
              `Port name ${describeValue(name)} is not valid: it ${nameProblem}.`,
              'Use a short lowercase name with a letter, e.g. "metrics".',
            );
          else if (names.has(name))
            problem(
              'name',
              `${container.label} already has a port named ${describeValue(name)} (Duplicate value).`,
              'Give each port of a container its own name.',
            );
          names.add(name);
        }
        const containerPort = integerOf(port.containerPort);
        if (isAbsent(port.containerPort) || containerPort === 0)
          problem(
            'containerPort',
            'The port has no containerPort ("Required value").',
            'Set containerPort to the port the process listens on.',
          );
        else if (containerPort !== undefined && !isPortNumber(containerPort))
          problem(
            'containerPort',
            `containerPort ${containerPort} must be between 1 and ${PORT_MAX}, inclusive.`,
            'Use the port the process listens on.',
          );
        const hostPort = integerOf(port.hostPort) ?? 0;
        if (hostPort !== 0 && !isPortNumber(hostPort))
          problem(
            'hostPort',
            `hostPort ${hostPort} must be between 1 and ${PORT_MAX}, inclusive.`,
            'Leave hostPort out: a batch pod rarely needs a port on the node.',
          );
        const protocol = portProtocol(port);
        if (!PROTOCOLS.has(protocol))
          problem(
            'protocol',
            `protocol ${describeValue(protocol)} is not supported (supported values: "SCTP", "TCP", "UDP"; upper case).`,
            'Use TCP, UDP or SCTP.',
          );
        // With hostNetwork the defaults give each regular container's hostPort its containerPort.
        if (
          pod.spec.hostNetwork === true &&
          container.list === ContainerList.CONTAINERS &&
          hostPort !== 0 &&
          hostPort !== integerOf(port.containerPort)
        )
          problem(
            'hostPort',
            `hostPort ${hostPort} differs from containerPort ${describeValue(port.containerPort)}; it "must match \`containerPort\` when \`hostNetwork\` is true".`,
            'Leave hostPort out (it then takes the containerPort), or set it to the containerPort.',
          );
        if (hostPort !== 0) {
          const hostKey = hostPortKey(container, hostPort, port);
          if (hostPorts.has(hostKey))
            problem(
              'hostPort',
              `host port ${hostPort}/${protocol} is already taken by another port of ${hostPortOwner(container)} (Duplicate value).`,
              'Use each host port and protocol once per pod.',
            );
          hostPorts.add(hostKey);
        }
      });
    }
    return violations;
  },
});

export const PORT_RULES = [containerPortInvalid];
