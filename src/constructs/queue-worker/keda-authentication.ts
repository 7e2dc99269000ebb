/**
 * How KEDA authenticates to the queue it watches: a KEDA `TriggerAuthentication`
 * (keda.sh/v1alpha1) built from a cloud pod identity and/or Secret references. Never literal
 * values: a secret parameter is always a `secretTargetRef` to a key of a Kubernetes Secret, so the
 * manifest holds the Secret's name and key only.
 */
import { Violation } from '../../rules/rule';
import { ISecret } from 'cdk8s-plus-28';
import { KedaTriggerAuthenticationSpec } from './keda-objects';

/** The platform identity KEDA uses instead of stored credentials. */
export enum PodIdentityProvider {
  /** AWS IAM roles for service accounts (IRSA) or EKS Pod Identity. */
  AWS = 'aws',
  /** Microsoft Entra Workload ID (Azure AD workload identity). */
  AZURE_WORKLOAD = 'azure-workload',
  /** GKE Workload Identity. */
  GCP = 'gcp',
}

/** Whose identity KEDA assumes (AWS only). */
export enum IdentityOwner {
  /** The identity of the KEDA operator itself. */
  KEDA = 'keda',
  /**
   * The identity of the scaled workload: the worker pods' ServiceAccount (for IRSA, its
   * `eks.amazonaws.com/role-arn` annotation), so KEDA reads the queue with the worker's own
   * permissions and nothing broader.
   */
  WORKLOAD = 'workload',
}

/** Options of a pod identity. */
export interface PodIdentityOptions {
  /**
   * AWS: the role KEDA assumes. Mutually exclusive with `identityOwner`.
   * @default - decided by `identityOwner`
   */
  readonly roleArn?: string;

  /**
   * AWS: whose identity KEDA uses when no `roleArn` is given.
   * @default IdentityOwner.WORKLOAD for AWS - the worker's own ServiceAccount role, the narrowest
   * grant; none for the other providers
   */
  readonly identityOwner?: IdentityOwner;

  /**
   * Azure: the client id of the managed identity; GCP and AWS ignore it.
   * @default - the identity bound to the KEDA operator
   */
  readonly identityId?: string;
}

/** One Secret whose keys feed trigger parameters. */
interface SecretParameters {
  readonly secret: ISecret;
  /** Trigger parameter -> key in the Secret. */
  readonly parameters: { readonly [parameter: string]: string };
}

export class KedaAuthentication {
  /** Authenticate with the platform's workload identity instead of stored credentials. */
  public static podIdentity(provider: PodIdentityProvider, options: PodIdentityOptions = {}): KedaAuthentication {
    return new KedaAuthentication(provider, options, []);
  }

  /**
   * Authenticate with values from a Secret: `parameters` maps each trigger parameter (e.g.
   * `password`, `host`, `sasl`) to the key of `secret` that holds it.
   */
  public static fromSecret(secret: ISecret, parameters: { [parameter: string]: string }): KedaAuthentication {
    return new KedaAuthentication(undefined, {}, [{ secret, parameters: { ...parameters } }]);
  }

  private constructor(
    private readonly provider: PodIdentityProvider | undefined,
    private readonly identity: PodIdentityOptions,
    private readonly secrets: readonly SecretParameters[],
  ) {}

  /** This authentication plus parameters from another Secret (e.g. a host beside a pod identity). */
  public withSecret(secret: ISecret, parameters: { [parameter: string]: string }): KedaAuthentication {
    return new KedaAuthentication(this.provider, this.identity, [
      ...this.secrets,
      { secret, parameters: { ...parameters } },
    ]);
  }

  /**
   * The trigger parameters this authentication supplies.
   * @internal
   */
  public _parameters(): string[] {
    return this.secrets.flatMap((s) => Object.keys(s.parameters));
  }

  /**
   * The TriggerAuthentication spec, parameters in a stable order.
   * @internal
   */
  public _spec(): KedaTriggerAuthenticationSpec {
    const secretTargetRef = this.secrets
      .flatMap((s) => Object.entries(s.parameters).map(([parameter, key]) => ({ parameter, name: s.secret.name, key })))
      .sort((a, b) => a.parameter.localeCompare(b.parameter));
    const identityOwner =
      this.identity.identityOwner ??
      (this.provider === PodIdentityProvider.AWS && !this.identity.roleArn ? IdentityOwner.WORKLOAD : undefined);
    return {
      podIdentity: this.provider && {
        provider: this.provider,
        roleArn: this.identity.roleArn,
        identityOwner,
        identityId: this.identity.identityId,
      },
      secretTargetRef: secretTargetRef.length > 0 ? secretTargetRef : undefined,
    };
  }

  /**
   * Mistakes KEDA would only report at runtime.
   * @internal
   */
  public _violations(prop: string): Violation[] {
    const problems: Violation[] = [];
    if (this.identity.roleArn !== undefined && this.identity.identityOwner !== undefined) {
      problems.push({
        field: `${prop}`,
        message: `roleArn and identityOwner are mutually exclusive in a KEDA pod identity.`,
        fix: `give one of them.`,
      });
    }
    if (
      (this.identity.roleArn !== undefined || this.identity.identityOwner !== undefined) &&
      this.provider !== PodIdentityProvider.AWS
    ) {
      problems.push({
        field: `${prop}`,
        message: `roleArn and identityOwner apply to the AWS pod identity only.`,
        fix: `remove them, or use PodIdentityProvider.AWS.`,
      });
    }
    const parameters = this._parameters();
    for (const s of this.secrets) {
      for (const [parameter, key] of Object.entries(s.parameters)) {
        if (parameter === '' || key === '')
          problems.push({
            field: `${prop}`,
            message: `a secret parameter needs both a parameter name and a Secret key (got "${parameter}" -> "${key}").`,
            fix: `map each trigger parameter to the key that holds it.`,
          });
      }
    }
    const repeated = parameters.filter((p, i) => parameters.indexOf(p) !== i);
    for (const p of new Set(repeated))
      problems.push({
        field: `${prop}`,
        message: `the parameter "${p}" is taken from two Secrets.`,
        fix: `give each parameter one source.`,
      });
    return problems;
  }
}
