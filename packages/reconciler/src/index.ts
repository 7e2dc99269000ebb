/**
 * The API of cdk8s-batch-reconciler for Node code (a TypeScript Lambda, a webhook, a service):
 * launching a JobTemplate exactly once per idempotency key, through @kubernetes/client-node. The
 * `cdk8s-batch-reconciler` command is main.ts.
 *
 * ```ts
 * const client = await KubernetesClusterClient.connect();
 * const result = await launchJob(client, { namespace: 'billing', template: 'invoice-generator',
 *   parameters: { SUBSCRIPTION_ID: 'sub-1', BILLING_PERIOD: '2026-11' }, idempotencyKey: event.id });
 * ```
 */
export { launchJob } from './launch/launch-job';
export type { LaunchOptions } from './launch/launch-job';
export type { LaunchResult } from 'cdk8s-batch/lib/src/reconciler/template/render-job';
export type { ParameterProblem } from 'cdk8s-batch/lib/src/reconciler/template/parameters';
export type { Finding } from 'cdk8s-batch/lib/src/rules/finding';
export type { JobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
export { KubernetesClusterClient } from './cluster/kubernetes-client';
export type { KubernetesClientOptions } from './cluster/kubernetes-client';
export type { ClusterClient } from './cluster/client';
export { ClusterError, ClusterErrorReason } from './cluster/errors';
