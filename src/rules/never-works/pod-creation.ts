/**
 * A template the API server accepts whose pods it refuses, because it checks or defaults some things
 * only when it creates a pod, never in a template:
 * - an image volume without a reference: 1.35 requires one only on pods (from 1.36 the template is
 *   refused too, pod-volume-source-invalid);
 * - pod-level cpu and memory (PodLevelResources): a pod's containers get their missing requests
 *   from their limits, and a pod-level request it lacks becomes the containers' total (or the
 *   pod-level limit) when pod-level limits are set (SetDefaults_Pod). A total above the pod-level
 *   limit, or above a pod-level request the written requests fitted under, refuses every pod;
 * - host ports with hostNetwork: a pod's ports without a hostPort get their containerPort as host
 *   port (SetDefaults_Pod; a template keeps them unset), so two ports on one number and protocol,
 *   of the regular containers or within one init container, make every pod "Duplicate value".
 */
import { FEATURES, featureEnabled, isAtLeast } from '../kubernetes-version';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import {
  containersRequest,
  createdRequestOf,
  podLevelLimits,
  podLevelRequests,
  podResourcesOf,
  writtenRequestOf,
} from '../api-server/pod/resources';
import { hostPortKey, hostPortOwner, isPortNumber, portProtocol } from '../api-server/pod/ports';
import { IMAGE_REFERENCE_IN_TEMPLATES_SINCE } from '../api-server/pod/volumes';
import { RuleInput, Violation } from '../rule';
import { arrayOf, describeValue, integerOf, objectOf, stringOf } from '../support/access';
import { child, index, key } from '../support/field-path';
import { podTemplate, runningContainers } from '../support/pod-template';
import { compareQuantities, formatQuantity } from '../support/quantity';
import { neverWorksRule } from './never-works-rule';

/** The pod-level resources whose missing requests pod defaulting fills from the containers (overcommittable). */
const DEFAULTED_POD_RESOURCES = ['cpu', 'memory'] as const;

function imageVolumeViolations(input: RuleInput, out: Violation[]): void {
  if (
    !featureEnabled(FEATURES.imageVolume, input.version) ||
    isAtLeast(input.version, IMAGE_REFERENCE_IN_TEMPLATES_SINCE)
  )
    return;
  for (const volume of podTemplate(input).volumes) {
    const image = objectOf(volume.value.image);
    if (!image || stringOf(image.reference)) continue;
    out.push({
      field: child(child(volume.path, 'image'), 'reference'),
      message: `${volume.label} has an image source without reference. Kubernetes 1.35 requires the reference only of pods, so the template passes, but every pod the Job creates is refused ("Required value").`,
      fix: 'Set image.reference to the image to mount, e.g. "registry.example.com/models/llama:1.0".',
    });
  }
}

function podResourceViolations(input: RuleInput, out: Violation[]): void {
  const resources = podResourcesOf(input);
  if (resources === undefined) return;
  const limits = podLevelLimits(resources);
  const requests = podLevelRequests(resources);
  for (const name of DEFAULTED_POD_RESOURCES) {
    const created = containersRequest(input, name, createdRequestOf);
    if (created === undefined) continue;
    const request = requests.get(name);
    const limit = limits.get(name);
    if (request === undefined && limit !== undefined && compareQuantities(created, limit.quantity!) > 0) {
      out.push({
        field: key(child(resources.path, 'requests'), name),
        message: `the pod limits ${name} to ${describeValue(limit.raw)} and sets no pod-level request. As it creates each pod, the API server gives each container its limit as its missing request and the pod the containers' total, ${formatQuantity(created)}, as its request, above the limit: the pod is refused ("must be less than or equal to ${name} limit").`,
        fix: `Set the pod-level ${name} request (at most ${describeValue(limit.raw)}) and container requests that fit under it, or raise the pod-level limit to at least ${formatQuantity(created)}.`,
      });
    } else if (request !== undefined && compareQuantities(created, request.quantity!) > 0) {
      const written = containersRequest(input, name, writtenRequestOf);
      // Above the written requests too, the template itself is refused (pod-resources-below-containers).
      if (written !== undefined && compareQuantities(written, request.quantity!) > 0) continue;
      out.push({
        field: request.field,
        message: `the pod requests ${describeValue(request.raw)} of ${name}. Its containers' written requests fit, but as it creates each pod the API server gives each container its limit as its missing request, ${formatQuantity(created)} together, and refuses the pod ("must be greater than or equal to aggregate container requests").`,
        fix: `Give every container an explicit ${name} request so that together they stay within ${describeValue(request.raw)}, or raise the pod-level request to at least ${formatQuantity(created)}.`,
      });
    }
  }
}

function hostNetworkPortViolations(input: RuleInput, out: Violation[]): void {
  const pod = podTemplate(input);
  if (pod.spec.hostNetwork !== true) return;
  /** Each host port taken so far, and whether it was written (two written ones are container-port-invalid's). */
  const taken = new Map<string, boolean>();
  for (const container of runningContainers(pod)) {
    (arrayOf(container.value.ports) ?? []).forEach((item, i) => {
      const port = objectOf(item);
      if (!port) return;
      const written = integerOf(port.hostPort) ?? 0;
      const hostPort = written !== 0 ? written : integerOf(port.containerPort);
      if (hostPort === undefined || !isPortNumber(hostPort)) return;
      const hostKey = hostPortKey(container, hostPort, port);
      const earlierWritten = taken.get(hostKey);
      if (earlierWritten === undefined) {
        taken.set(hostKey, written !== 0);
        return;
      }
      if (earlierWritten && written !== 0) return;
      out.push({
        field: child(index(child(container.path, 'ports'), i), 'hostPort'),
        message: `the pod uses the host network, where each port without a hostPort gets its containerPort as its host port when a pod is created, and host port ${hostPort}/${portProtocol(port)} is then taken twice in ${hostPortOwner(container)}: every pod is refused ("Duplicate value").`,
        fix: 'Declare each port once (two containers on the host network cannot both listen on it), or give one of them another containerPort.',
      });
    });
  }
}

export const podRefusedOnCreate = neverWorksRule({
  id: 'pod-refused-on-create',
  kinds: BOTH_KINDS,
  summary:
    'A template whose pods the API server refuses as it creates them: an image volume without a reference (1.35, which checks it only on pods), pod-level cpu or memory that the pod defaulting (container requests from limits, the pod-level request from their total) puts above the pod-level limit or request, or host ports that the defaulting under hostNetwork (hostPort from containerPort) makes collide.',
  check(input) {
    const out: Violation[] = [];
    imageVolumeViolations(input, out);
    podResourceViolations(input, out);
    hostNetworkPortViolations(input, out);
    return out;
  },
});

export const POD_CREATION_NEVER_WORKS_RULES = [podRefusedOnCreate];
