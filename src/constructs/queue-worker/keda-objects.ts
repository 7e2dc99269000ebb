/**
 * The parts of KEDA's keda.sh/v1alpha1 objects this library writes, as our own types. They appear
 * in published declaration files, so they may not come from `@kubernetes-models/keda` (a development
 * dependency users do not install): a project that type-checks its libraries would fail with
 * TS2307. The construct that emits them assigns them to `@kubernetes-models/keda`'s types in a
 * private method, so a drift from KEDA's schema still fails our own build, and the tests validate
 * the synthesized objects with that package's schema.
 */

/** One entry of a ScaledJob's `spec.triggers`. */
export interface KedaScaleTrigger {
  readonly type: string;
  readonly metadata: { readonly [key: string]: string };
  readonly authenticationRef?: { readonly name: string };
}

/** A reference from a TriggerAuthentication parameter to a key of a Secret (`secretTargetRef`). */
export interface KedaSecretTargetRef {
  readonly parameter: string;
  readonly name: string;
  readonly key: string;
}

/** The platform identity of a TriggerAuthentication (`podIdentity`). */
export interface KedaPodIdentity {
  readonly provider: string;
  readonly roleArn?: string;
  readonly identityOwner?: 'keda' | 'workload';
  readonly identityId?: string;
}

/** The spec of a TriggerAuthentication, as far as this library fills it. */
export interface KedaTriggerAuthenticationSpec {
  readonly podIdentity?: KedaPodIdentity;
  readonly secretTargetRef?: KedaSecretTargetRef[];
}
