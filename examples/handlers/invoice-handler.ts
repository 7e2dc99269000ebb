/**
 * The Lambda behind the invoice example (examples/invoice-generator.ts), in TypeScript: EventBridge
 * delivers "Subscription Renewed" at least once; each delivery launches the `invoice-generator`
 * template with the event id as the idempotency key, so a redelivered event finds the Job the
 * first delivery created instead of creating a second invoice.
 *
 * A refusal (a parameter that fails its pattern, a reused key, no template) is returned, not
 * thrown: retrying cannot fix it, and a thrown error would make EventBridge deliver it again. A
 * cluster that cannot be reached is thrown, so the delivery is retried, which the key makes safe.
 */
import { ClusterClient, KubernetesClusterClient, launchJob } from 'cdk8s-batch-reconciler';

/** The event the billing service puts on the bus (EventBridge's envelope, our detail). */
export interface SubscriptionRenewedEvent {
  /** EventBridge's id of the event, the same on every delivery of it. */
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly time: string;
  readonly detail: { readonly subscriptionId: string; readonly billingPeriod: string };
}

export interface InvoiceLaunch {
  /** created, found (a redelivery), or why nothing was created. */
  readonly outcome: string;
  /** The invoice Job. */
  readonly job?: string;
  readonly problems?: readonly string[];
}

/** The handler, given how to reach the cluster (client-node's configuration, or a test double). */
export function invoiceHandler(
  connect: () => Promise<ClusterClient>,
): (event: SubscriptionRenewedEvent) => Promise<InvoiceLaunch> {
  return async (event) => {
    const result = await launchJob(await connect(), {
      namespace: 'billing',
      template: 'invoice-generator',
      parameters: { SUBSCRIPTION_ID: event.detail.subscriptionId, BILLING_PERIOD: event.detail.billingPeriod },
      idempotencyKey: event.id,
    });
    switch (result.outcome) {
      case 'created':
      case 'found':
        return { outcome: result.outcome, job: result.job.metadata.name };
      case 'refused':
        return { outcome: result.outcome, problems: result.problems.map((p) => p.message) };
      case 'rejected':
        return {
          outcome: result.outcome,
          problems: result.findings.map((f) => `${f.field}: ${f.message} [${f.rule}]`),
        };
      case 'key-reused':
        return { outcome: result.outcome, job: result.job.metadata.name };
      case 'template-not-found':
        return { outcome: result.outcome, problems: [`no JobTemplate ${result.namespace}/${result.template}`] };
    }
  };
}

/** The Lambda entry point: client-node reads $KUBECONFIG (shipped with the function, or written at start). */
export const handler = invoiceHandler(() => KubernetesClusterClient.connect());
