/** CEL form of kueue.ts: a Job queued by Kueue requests CPU and memory in every running container. */
import { CEL, CelForms, celHasQuantity, celString } from './cel-form';
import { KUEUE_QUEUE_LABEL, kueueMissingRequests } from './kueue';

/** A container's request for `resource`, or the pod's (pod-level resources, which an API server without them drops). */
const requests = (resource: string) =>
  `(${celHasQuantity('c', 'requests', resource)} || ${celHasQuantity('c', 'limits', resource)} || ${celHasQuantity(CEL.podSpec, 'requests', resource)} || ${celHasQuantity(CEL.podSpec, 'limits', resource)})`;

export const KUEUE_CEL: CelForms = {
  [kueueMissingRequests.id]: {
    violation: `${celString(KUEUE_QUEUE_LABEL)} in ${CEL.jobLabels} && ${CEL.containers}.exists(c, !${requests('cpu')} || !${requests('memory')})`,
    fix: 'Set resources.requests.cpu and resources.requests.memory on every container and init container, so the queue charges what the Job uses.',
  },
};
