/**
 * CPU and memory requests and a memory limit on every container that runs (init containers
 * included; ephemeral containers may not set resources). Requests are what the scheduler places
 * the pod by; a memory limit keeps one leaking Job from starving its neighbours. No CPU limit is
 * asked for: throttling a batch run rarely helps anyone (cdk8s-plus#1752). Pod-level resources
 * (1.34+) that set the same stand for every container's.
 */
import { Rule } from '../rule';
import { child, key } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { PodContainer, podTemplate, runningContainers } from '../support/pod-template';
import { hasResourceQuantity, podLevelSets, requestsResource } from '../support/resources';
import { CONTAINER_RESOURCES } from './groups';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

interface ResourceRuleSpec {
  readonly id: string;
  readonly summary: string;
  readonly section: 'requests' | 'limits';
  readonly resource: 'cpu' | 'memory';
  readonly isSet: (c: PodContainer) => boolean;
  readonly consequence: string;
  readonly example: string;
}

function missingResourceRule(spec: ResourceRuleSpec): Rule {
  return bestPracticeRule({
    id: spec.id,
    group: CONTAINER_RESOURCES,
    kinds: JOBS_AND_CRONJOBS,
    summary: spec.summary,
    check(input) {
      // The pod-level resources stand for the containers': the scheduler places the pod by them,
      // and a pod-level memory limit bounds every container together.
      if (podLevelSets(input, spec.section, spec.resource)) return [];
      return runningContainers(podTemplate(input))
        .filter((c) => !spec.isSet(c))
        .map((c) => ({
          field: key(child(c.path, `resources.${spec.section}`), spec.resource),
          message: `${capitalise(c.label)} ${spec.consequence}`,
          fix: `Set resources.${spec.section}.${spec.resource} on ${c.label}, ${spec.example}.`,
        }));
    },
  });
}

export const missingCpuRequest = missingResourceRule({
  id: 'container-missing-cpu-request',
  summary:
    'Every container and init container requests CPU (a limit alone counts: the API server copies it), unless the pod sets pod-level CPU (1.34+).',
  section: 'requests',
  resource: 'cpu',
  isSet: (c) => requestsResource(c, 'cpu'),
  consequence:
    'requests no CPU, so the scheduler reserves none for it, and on a busy node it gets only leftover CPU time.',
  example: 'e.g. "250m", sized from what it uses in a typical run',
});

export const missingMemoryRequest = missingResourceRule({
  id: 'container-missing-memory-request',
  summary:
    'Every container and init container requests memory (a limit alone counts: the API server copies it), unless the pod sets pod-level memory (1.34+).',
  section: 'requests',
  resource: 'memory',
  isSet: (c) => requestsResource(c, 'memory'),
  consequence:
    'requests no memory, so the scheduler may place the pod on a node without room for it, and it is among the first evicted under memory pressure.',
  example: 'e.g. "256Mi", sized from what it uses in a typical run',
});

export const missingMemoryLimit = missingResourceRule({
  id: 'container-missing-memory-limit',
  summary: 'Every container and init container has a memory limit, unless the pod has a pod-level one (1.34+).',
  section: 'limits',
  resource: 'memory',
  isSet: (c) => hasResourceQuantity(c, 'limits', 'memory'),
  consequence:
    'has no memory limit, so a leak can take memory from everything else on the node until the kernel starts killing processes.',
  example: 'e.g. "512Mi", a little above its peak use',
});

export const RESOURCE_RULES = [missingCpuRequest, missingMemoryRequest, missingMemoryLimit];
