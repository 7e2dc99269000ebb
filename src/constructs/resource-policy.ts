/**
 * Container resources come from the container's own props or from the chart's `BatchPolicy`,
 * never from a constant. cdk8s-plus-28 gives every container without `resources` a fixed
 * 1000m/512Mi request and 1500m/2Gi limit; the batch constructs pass `{}` instead and remember
 * which containers the user left without resources, and at synth time those get the policy's
 * resources, or none (then the resources best-practice rule warns). A container given
 * `resources: {}` explicitly keeps none: that is how one container opts out of the policy.
 */
import { Container, ContainerProps, ContainerResources, k8s } from 'cdk8s-plus-28';

/** Containers created by a batch construct without `resources` of their own. */
const withoutOwnResources = new WeakSet<Container>();

/** The props to hand cdk8s-plus: `resources: {}` instead of nothing, so no built-in constant applies. */
export function withoutBuiltInResources(props: ContainerProps): ContainerProps {
  return props.resources === undefined ? { ...props, resources: {} } : props;
}

/** Records that `container` (made from `props`) should take the policy's resources. */
export function rememberResourceSource(container: Container, props: ContainerProps): void {
  if (props.resources === undefined) withoutOwnResources.add(container);
}

/** cdk8s-plus's rendering of a resources struct (quantities, units), computed once per struct. */
const rendered = new WeakMap<ContainerResources, k8s.ResourceRequirements | undefined>();
function renderResources(resources: ContainerResources): k8s.ResourceRequirements | undefined {
  if (!rendered.has(resources))
    rendered.set(resources, new Container({ image: 'resources', resources })._toKube().resources);
  return rendered.get(resources);
}

/**
 * Gives the policy's resources to the rendered containers whose source container set none.
 * `containers` and `initContainers` are the cdk8s-plus containers in the order they were rendered.
 */
export function withPolicyResources(
  spec: k8s.PodSpec,
  containers: readonly Container[],
  initContainers: readonly Container[],
  policy: ContainerResources | undefined,
): k8s.PodSpec {
  if (!policy) return spec;
  const resources = renderResources(policy);
  const apply = (sources: readonly Container[]) => (c: k8s.Container, i: number) =>
    withoutOwnResources.has(sources[i]) ? { ...c, resources } : c;
  return {
    ...spec,
    containers: spec.containers.map(apply(containers)),
    initContainers: spec.initContainers?.map(apply(initContainers)),
  };
}
