/**
 * Where each resource kind lives in the API (group, version, plural) and the server-side traits
 * both client implementations honour: which kinds have a status subresource, and each kind's
 * default deletion propagation.
 */
import { PropagationPolicy, ResourceKind } from './objects';

/** The reconciler's own API group and version. */
export const SCHEDULING_GROUP = 'scheduling.cdk8s-batch.io';
export const SCHEDULING_VERSION = 'v1alpha1';

export interface ResourceType {
  readonly kind: ResourceKind;
  /** The API group; every kind here lives under /apis/<group>/<version>. */
  readonly group: string;
  readonly version: string;
  /** `<group>/<version>` */
  readonly apiVersion: string;
  /** The lower-case plural in request paths. */
  readonly plural: string;
  /** Updates leave the status alone and status updates leave everything else alone. */
  readonly statusSubresource: boolean;
  /** What a deletion without a propagation policy does to dependents. */
  readonly defaultPropagation: PropagationPolicy;
}

function resourceType(
  kind: ResourceKind,
  group: string,
  version: string,
  plural: string,
  statusSubresource: boolean,
  defaultPropagation: PropagationPolicy,
): ResourceType {
  return { kind, group, version, apiVersion: `${group}/${version}`, plural, statusSubresource, defaultPropagation };
}

export const RESOURCE_TYPES: { readonly [K in ResourceKind]: ResourceType } = {
  // batch/v1 Jobs still default to orphaning their pods when deleted through the API.
  [ResourceKind.JOB]: resourceType(ResourceKind.JOB, 'batch', 'v1', 'jobs', true, PropagationPolicy.ORPHAN),
  [ResourceKind.SCHEDULED_JOB]: resourceType(
    ResourceKind.SCHEDULED_JOB,
    SCHEDULING_GROUP,
    SCHEDULING_VERSION,
    'scheduledjobs',
    true,
    PropagationPolicy.BACKGROUND,
  ),
  [ResourceKind.LEASE]: resourceType(
    ResourceKind.LEASE,
    'coordination.k8s.io',
    'v1',
    'leases',
    false,
    PropagationPolicy.BACKGROUND,
  ),
  [ResourceKind.EVENT]: resourceType(
    ResourceKind.EVENT,
    'events.k8s.io',
    'v1',
    'events',
    false,
    PropagationPolicy.BACKGROUND,
  ),
  [ResourceKind.CRON_JOB]: resourceType(
    ResourceKind.CRON_JOB,
    'batch',
    'v1',
    'cronjobs',
    true,
    PropagationPolicy.BACKGROUND,
  ),
  // No status: nothing reconciles a JobTemplate; launches only read it.
  [ResourceKind.JOB_TEMPLATE]: resourceType(
    ResourceKind.JOB_TEMPLATE,
    SCHEDULING_GROUP,
    SCHEDULING_VERSION,
    'jobtemplates',
    false,
    PropagationPolicy.BACKGROUND,
  ),
};

export const RESOURCE_KINDS: readonly ResourceKind[] = Object.values(ResourceKind);
