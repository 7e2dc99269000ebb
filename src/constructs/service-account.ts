/**
 * Every batch workload runs as its own ServiceAccount unless the user passes one. Pods on the
 * namespace's `default` account share whatever anyone ever granted it; a dedicated account starts
 * with no permissions, can be granted exactly what this Job needs (cdk8s-plus's
 * `Role.bind(job)` and `permissions.grant*` target it), and satisfies linters that flag the
 * default account. Its token is not mounted (the pod's `automountServiceAccountToken` is false
 * too): a batch container that does not call the Kubernetes API should hold no credentials.
 */
import { IServiceAccount, ServiceAccount } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

export const SERVICE_ACCOUNT_ID = 'ServiceAccount';

/**
 * The ServiceAccount for `workload`: the user's, or a new one owned by the workload construct, in
 * the workload's own namespace (a pod can only use an account of its namespace).
 */
export function serviceAccountFor(
  workload: Construct,
  given: IServiceAccount | undefined,
  namespace: string | undefined,
): IServiceAccount {
  return (
    given ??
    new ServiceAccount(workload, SERVICE_ACCOUNT_ID, {
      automountToken: false,
      metadata: namespace === undefined ? undefined : { namespace },
    })
  );
}
