/**
 * A cloud identity for a workload's own ServiceAccount, declared as the annotation the cloud's
 * webhook or metadata server reads. Neither needs the Kubernetes API token in the pod, so the
 * ServiceAccount token stays unmounted:
 * - AWS IRSA: `eks.amazonaws.com/role-arn`; EKS's pod identity webhook then injects a projected
 *   web-identity token of its own and AWS_ROLE_ARN, which the AWS CLI and SDKs pick up.
 * - GKE Workload Identity: `iam.gke.io/gcp-service-account`; the GKE metadata server then answers
 *   with that Google service account's credentials (gcloud, gsutil and Google SDKs use them; the
 *   AWS CLI does not).
 */
import { AbstractPod, ServiceAccount } from 'cdk8s-plus-28';
import { constructRuleErrors } from '../synth-validation';
import {
  AWS_ROLE_ARN_ANNOTATION,
  GCP_SERVICE_ACCOUNT_ANNOTATION,
  IdentityBinding,
  WORKLOAD_IDENTITY_RULES,
} from './workload-identity-rules';

/** A cloud identity for the pods of a workload, through its ServiceAccount. */
export class WorkloadIdentity {
  /** An AWS IAM role through IRSA, e.g. `arn:aws:iam::123456789012:role/orders-backup`. */
  public static awsIamRole(roleArn: string): WorkloadIdentity {
    return new WorkloadIdentity(AWS_ROLE_ARN_ANNOTATION, roleArn);
  }

  /** A Google service account through GKE Workload Identity, e.g. `backup@my-project.iam.gserviceaccount.com`. */
  public static gcpServiceAccount(email: string): WorkloadIdentity {
    return new WorkloadIdentity(GCP_SERVICE_ACCOUNT_ANNOTATION, email);
  }

  /** The ServiceAccount annotation key. */
  public readonly annotationKey: string;
  /** The ServiceAccount annotation value. */
  public readonly annotationValue: string;

  private constructor(key: string, value: string) {
    this.annotationKey = key;
    this.annotationValue = value;
  }

  /**
   * Annotates the workload's ServiceAccount. It must be one this app defines (the batch
   * constructs' own, by default): an imported account cannot be annotated from here, which is
   * reported at synth, as is a malformed identity.
   */
  public bind(workload: AbstractPod): void {
    const account = workload.serviceAccount;
    if (account instanceof ServiceAccount) account.metadata.addAnnotation(this.annotationKey, this.annotationValue);
    const binding: IdentityBinding = {
      annotationKey: this.annotationKey,
      annotationValue: this.annotationValue,
      importedAccount: account instanceof ServiceAccount ? undefined : (account?.name ?? 'default'),
    };
    // Its own key: the workload's printed warnings are its manifest validation's.
    const validationKey = {};
    workload.node.addValidation({
      validate: () => constructRuleErrors(workload, WORKLOAD_IDENTITY_RULES, binding, validationKey),
    });
  }
}
