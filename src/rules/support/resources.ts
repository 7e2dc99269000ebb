/** Container resource requests and limits as the scheduler (and Kueue) will see them after API defaulting. */
import { fieldOf } from './access';
import { PodContainer } from './pod-template';

export type ResourceSection = 'requests' | 'limits';

/** Whether `resources.<section>[name]` holds a quantity (a non-empty string or a number). */
export function hasResourceQuantity(container: PodContainer, section: ResourceSection, name: string): boolean {
  const value = fieldOf(fieldOf(container.value.resources, section), name);
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}

/**
 * Whether the container requests `name` once the API server has defaulted it: a missing request
 * takes the value of the limit (SetDefaults_ResourceRequirements), so a limit alone also counts.
 */
export function requestsResource(container: PodContainer, name: string): boolean {
  return hasResourceQuantity(container, 'requests', name) || hasResourceQuantity(container, 'limits', name);
}
