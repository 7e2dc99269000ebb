/** Container resource requests and limits as the scheduler (and Kueue) will see them after API defaulting. */
import { FEATURES, featureEnabled } from '../kubernetes-version';
import { RuleInput } from '../rule';
import { fieldOf } from './access';
import { PodContainer, podTemplate } from './pod-template';

export type ResourceSection = 'requests' | 'limits';

/** Whether `resources` (a container's or the pod's) holds a quantity at `<section>[name]`: a non-empty string or a number. */
function holdsQuantity(resources: unknown, section: ResourceSection, name: string): boolean {
  const value = fieldOf(fieldOf(resources, section), name);
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}

/** Whether `resources.<section>[name]` holds a quantity (a non-empty string or a number). */
export function hasResourceQuantity(container: PodContainer, section: ResourceSection, name: string): boolean {
  return holdsQuantity(container.value.resources, section, name);
}

/**
 * Whether the pod-level resources (PodSpec.resources, where the release keeps them: PodLevelResources
 * on, 1.34+) set `<section>[name]`; a pod-level limit also sets the pod's request, which a pod
 * missing one gets from its containers or its limit (SetDefaults_Pod).
 */
export function podLevelSets(input: RuleInput, section: ResourceSection, name: string): boolean {
  if (!featureEnabled(FEATURES.podLevelResources, input.version)) return false;
  const resources = podTemplate(input).spec.resources;
  return (
    holdsQuantity(resources, section, name) || (section === 'requests' && holdsQuantity(resources, 'limits', name))
  );
}

/**
 * Whether the container requests `name` once the API server has defaulted it: a missing request
 * takes the value of the limit (SetDefaults_ResourceRequirements), so a limit alone also counts.
 */
export function requestsResource(container: PodContainer, name: string): boolean {
  return hasResourceQuantity(container, 'requests', name) || hasResourceQuantity(container, 'limits', name);
}
