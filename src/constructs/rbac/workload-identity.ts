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

/** The IRSA annotation on a ServiceAccount. */
export const AWS_ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** The GKE Workload Identity annotation on a ServiceAccount. */
export const GCP_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

const AWS_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const GCP_SERVICE_ACCOUNT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/** A cloud identity for the pods of a workload, through its ServiceAccount. */
export class WorkloadIdentity {
  /** An AWS IAM role through IRSA, e.g. `arn:aws:iam::123456789012:role/orders-backup`. */
  public static awsIamRole(roleArn: string): WorkloadIdentity {
    const problem = AWS_ROLE_ARN.test(roleArn)
      ? undefined
      : `identity: "${roleArn}" is not an IAM role ARN. Fix: use the role's ARN, e.g. "arn:aws:iam::123456789012:role/backup".`;
    return new WorkloadIdentity(AWS_ROLE_ARN_ANNOTATION, roleArn, problem);
  }

  /** A Google service account through GKE Workload Identity, e.g. `backup@my-project.iam.gserviceaccount.com`. */
  public static gcpServiceAccount(email: string): WorkloadIdentity {
    const problem = GCP_SERVICE_ACCOUNT.test(email)
      ? undefined
      : `identity: "${email}" is not a Google service account e-mail. Fix: use NAME@PROJECT.iam.gserviceaccount.com.`;
    return new WorkloadIdentity(GCP_SERVICE_ACCOUNT_ANNOTATION, email, problem);
  }

  /** The ServiceAccount annotation key. */
  public readonly annotationKey: string;
  /** The ServiceAccount annotation value. */
  public readonly annotationValue: string;
  private readonly problem?: string;

  private constructor(key: string, value: string, problem: string | undefined) {
    this.annotationKey = key;
    this.annotationValue = value;
    this.problem = problem;
  }

  /**
   * Annotates the workload's ServiceAccount. It must be one this app defines (the batch
   * constructs' own, by default): an imported account cannot be annotated from here, which is
   * reported at synth, as is a malformed identity.
   */
  public bind(workload: AbstractPod): void {
    const account = workload.serviceAccount;
    if (account instanceof ServiceAccount) account.metadata.addAnnotation(this.annotationKey, this.annotationValue);
    workload.node.addValidation({
      validate: () => [
        ...(this.problem ? [this.problem] : []),
        ...(account instanceof ServiceAccount
          ? []
          : [
              `identity: the ServiceAccount "${account?.name ?? 'default'}" is not defined in this app, so it cannot carry the ${this.annotationKey} annotation. ` +
                'Fix: leave serviceAccount unset (the construct creates one), or annotate that ServiceAccount where it is defined and drop identity.',
            ]),
      ],
    });
  }
}
