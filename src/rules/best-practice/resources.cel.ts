/**
 * CEL forms of resources.ts: a request counts when set or implied by a limit (the API server copies a
 * limit into a missing request), and pod-level resources stand for the containers'.
 */
import { CEL, CelForms, celHasQuantity, celString } from './cel-form';
import { missingCpuRequest, missingMemoryLimit, missingMemoryRequest } from './resources';

/** The pod-level resources (PodLevelResources) set `<section>[resource]`; a release without them drops the field before admission. */
const podLevel = (section: 'requests' | 'limits', resource: string) =>
  `${CEL.podSpec}.?resources.?${section}[?${celString(resource)}].orValue('') != ''`;

const requests = (resource: string) =>
  `!(${podLevel('requests', resource)}) && !(${podLevel('limits', resource)}) && ${CEL.containers}.exists(c, !(${celHasQuantity('c', 'requests', resource)}) && !(${celHasQuantity('c', 'limits', resource)}))`;

export const RESOURCE_CEL: CelForms = {
  [missingCpuRequest.id]: {
    violation: requests('cpu'),
    fix: 'Set resources.requests.cpu on every container and init container, e.g. "250m".',
  },
  [missingMemoryRequest.id]: {
    violation: requests('memory'),
    fix: 'Set resources.requests.memory on every container and init container, e.g. "256Mi".',
  },
  [missingMemoryLimit.id]: {
    violation: `!(${podLevel('limits', 'memory')}) && ${CEL.containers}.exists(c, !(${celHasQuantity('c', 'limits', 'memory')}))`,
    fix: 'Set resources.limits.memory on every container and init container, a little above its peak use.',
  },
};
