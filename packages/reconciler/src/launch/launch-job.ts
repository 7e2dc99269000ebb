/**
 * Launching a JobTemplate: the one implementation behind `launchJob` (for Node code: a Lambda, a
 * webhook, a service) and `cdk8s-batch-reconciler launch`. It makes exactly these requests, which
 * `JobTemplateAccess` grants and nothing more: get the template; create the Job; with an
 * idempotency key whose Job already exists, get that Job.
 *
 * Exactly once per key: the Job name is a digest of template and key (render-job.ts), so the API
 * server's AlreadyExists is the lock; a retried launch finds the Job instead of creating a second.
 * When the template changed in between, the existing Job is returned as it is (it may be running)
 * and the result says so. A key reused with other parameters creates nothing and says that too.
 */
import { JobObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import {
  LaunchResult,
  planLaunch,
  renderedFromOtherTemplate,
  sameLaunch,
} from 'cdk8s-batch/lib/src/reconciler/template/render-job';
import { ClusterClient } from '../cluster/client';
import { ClusterError, ClusterErrorReason } from '../cluster/errors';

export interface LaunchOptions {
  /** The namespace of the template and of the Job. */
  readonly namespace: string;
  /** The JobTemplate's name. */
  readonly template: string;
  /** Parameter values by name; unknown names are refused. */
  readonly parameters: { readonly [name: string]: string };
  /**
   * The same key always yields the same Job (an event id, a request id).
   * @default none: every launch creates a new Job (generateName)
   */
  readonly idempotencyKey?: string;
  /** The Kubernetes release whose rules judge the Job. @default the rules' default */
  readonly kubernetesVersion?: string;
}

/**
 * Launches `options.template` through `client`. Refusals (parameters, rules, a reused key, no
 * template) are results, not errors; a ClusterError (forbidden, unreachable, a timeout that may or
 * may not have created the Job) is thrown, and retrying with the same key is safe.
 */
export async function launchJob(client: ClusterClient, options: LaunchOptions): Promise<LaunchResult> {
  const { namespace, template: name, idempotencyKey } = options;
  const template = await absentAsUndefined(client.get(ResourceKind.JOB_TEMPLATE, namespace, name));
  if (template === undefined) return { outcome: 'template-not-found', namespace, template: name };
  const plan = planLaunch({ ...options, template });
  if (plan.outcome !== 'create') return plan;
  const job: JobObject = { ...plan.job, metadata: { ...plan.job.metadata, namespace } };
  // Twice at most: a keyed Job deleted (its TTL ran out) between our create and our read is created again.
  for (let attempt = 0; ; attempt++) {
    try {
      return { outcome: 'created', job: await client.create(ResourceKind.JOB, job), warnings: plan.warnings };
    } catch (error) {
      if (!ClusterError.is(error, ClusterErrorReason.ALREADY_EXISTS) || idempotencyKey === undefined) throw error;
    }
    const existing = await absentAsUndefined(client.get(ResourceKind.JOB, namespace, job.metadata.name ?? ''));
    if (existing === undefined && attempt === 0) continue;
    if (existing === undefined)
      throw new ClusterError(
        ClusterErrorReason.CONFLICT,
        409,
        `Job ${job.metadata.name} keeps appearing and disappearing`,
      );
    if (!sameLaunch(existing, job)) return { outcome: 'key-reused', job: existing };
    return { outcome: 'found', job: existing, templateChanged: renderedFromOtherTemplate(existing, job) };
  }
}

async function absentAsUndefined<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (ClusterError.is(error, ClusterErrorReason.NOT_FOUND)) return undefined;
    throw error;
  }
}
