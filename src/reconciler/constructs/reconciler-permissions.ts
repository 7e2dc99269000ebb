/**
 * The reconciler's API permissions, and nothing more: exactly the calls its cluster client makes
 * (src/reconciler/cluster/client.ts through the controller and the leader elector).
 *
 * | Resource | Verbs | Why |
 * |---|---|---|
 * | scheduledjobs | get, list, watch | the cache lists and watches them; a sync reads one live |
 * | scheduledjobs/status | update | the status is written with a conditional PUT to the subresource |
 * | scheduledjobs/finalizers | update | Jobs name their ScheduledJob with `blockOwnerDeletion: true`, which OwnerReferencesPermissionEnforcement (on in OpenShift) allows only to whoever may update the owner's finalizers (as the upstream CronJob controller's role grants for cronjobs) |
 * | jobs | get, list, watch, create, update, delete | the cache; a live read of a Job the cache has not seen; runs; the run-record finalizer taken off (a conditional PUT); CancelOther and history cleanup |
 * | events (events.k8s.io) | create | one Event per decision worth telling |
 * | leases | create; get, update on its own Lease only | leader election in its own namespace |
 *
 * Jobs are deleted with background propagation, so the garbage collector (with its own
 * permissions) deletes their pods: the reconciler never touches pods.
 */
import { SCHEDULING_GROUP } from '../resource/api-resources';
import { SCHEDULED_JOB_PLURAL } from '../resource/scheduled-job-resource';

/** An RBAC PolicyRule (rbac.authorization.k8s.io/v1). */
export interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

/** Where ScheduledJobs live: the namespace(s) the reconciler watches. */
export const SCHEDULED_JOB_RULES: readonly PolicyRule[] = [
  { apiGroups: [SCHEDULING_GROUP], resources: [SCHEDULED_JOB_PLURAL], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [SCHEDULING_GROUP], resources: [`${SCHEDULED_JOB_PLURAL}/status`], verbs: ['update'] },
  { apiGroups: [SCHEDULING_GROUP], resources: [`${SCHEDULED_JOB_PLURAL}/finalizers`], verbs: ['update'] },
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create'] },
];

/**
 * Leader election, in the reconciler's own namespace. Creating cannot be limited to a name (the
 * name is not known to the authorizer before the object exists); reading and renewing can.
 */
export function leaderElectionRules(leaseName: string): PolicyRule[] {
  return [
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [leaseName], verbs: ['get', 'update'] },
  ];
}
