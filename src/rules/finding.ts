/**
 * What a rule reports. The shape is a contract: `cdk8s-batch lint --format json` prints these
 * fields, synth errors list them, and the cdk8s validation plugin maps them to violations.
 */

/** How serious a finding is. Errors fail synth and make `lint` exit 1; warnings are printed only. */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
}

/** One problem found in one object. */
export interface Finding {
  /** The stable rule id, e.g. `cronjob-name-too-long`. */
  readonly rule: string;
  /** After the policy is applied. */
  readonly severity: Severity;
  /** Where, in the API server's notation, e.g. `spec.jobTemplate.spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** What is wrong, in words a user understands. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}
