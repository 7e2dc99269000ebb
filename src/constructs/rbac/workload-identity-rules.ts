/**
 * The rules of a WorkloadIdentity: a well-formed cloud identity, bound to a ServiceAccount the app
 * defines (only such an account can carry the annotation).
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin } from '../../rules/rule';

/** The IRSA annotation on a ServiceAccount. */
export const AWS_ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** The GKE Workload Identity annotation on a ServiceAccount. */
export const GCP_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

const AWS_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const GCP_SERVICE_ACCOUNT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/** What the identity rules judge: the identity and the ServiceAccount it is bound to. */
export interface IdentityBinding {
  readonly annotationKey: string;
  readonly annotationValue: string;
  /** The account's name, when the app does not define it (undefined: one of the app's own). */
  readonly importedAccount?: string;
}

const IDENTITY_CONSTRUCTS = ['WorkloadIdentity'];

export const WORKLOAD_IDENTITY_RULES: readonly ConstructRule<IdentityBinding>[] = [
  {
    id: 'workload-identity-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: IDENTITY_CONSTRUCTS,
    summary: 'An IAM role ARN or Google service account e-mail that is malformed.',
    check: ({ annotationKey: key, annotationValue: value }) => {
      if (key === AWS_ROLE_ARN_ANNOTATION && !AWS_ROLE_ARN.test(value))
        return [
          {
            field: 'identity',
            message: `"${value}" is not an IAM role ARN.`,
            fix: 'use the role\'s ARN, e.g. "arn:aws:iam::123456789012:role/backup".',
          },
        ];
      if (key === GCP_SERVICE_ACCOUNT_ANNOTATION && !GCP_SERVICE_ACCOUNT.test(value))
        return [
          {
            field: 'identity',
            message: `"${value}" is not a Google service account e-mail.`,
            fix: 'use NAME@PROJECT.iam.gserviceaccount.com.',
          },
        ];
      return [];
    },
  },
  {
    id: 'workload-identity-account-not-defined',
    origin: RuleOrigin.CONSTRUCT,
    constructs: IDENTITY_CONSTRUCTS,
    summary:
      'An identity bound to a workload whose ServiceAccount is not defined in the app, so it cannot be annotated.',
    check: ({ annotationKey, importedAccount }) =>
      importedAccount === undefined
        ? []
        : [
            {
              field: 'identity',
              message: `the ServiceAccount "${importedAccount}" is not defined in this app, so it cannot carry the ${annotationKey} annotation.`,
              fix: 'leave serviceAccount unset (the construct creates one), or annotate that ServiceAccount where it is defined and drop identity.',
            },
          ],
  },
];
