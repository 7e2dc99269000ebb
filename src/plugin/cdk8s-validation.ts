/**
 * The part of cdk8s-cli's validation-plugin contract that BatchValidation uses (cdk8s-cli 2.x,
 * `lib/plugins/validation.d.ts`: ValidationContext, ValidationReport, ValidationViolation).
 * It is declared here rather than imported because cdk8s-cli is the tool that loads plugins, not
 * a library this package depends on; at synth time cdk8s-cli passes its own objects, which have
 * these members (test/plugin checks the types line up).
 */

/** What cdk8s-cli hands a plugin: the synthesized manifests and the report to fill. */
export interface IValidationContext {
  /**
   * Paths of the manifests `cdk8s synth` wrote. (cdk8s-cli declares a `readonly string[]`;
   * jsii has no read-only arrays, and the plugin never changes the list.)
   */
  readonly manifests: string[];
  /** The report this plugin fills and submits. */
  readonly report: IValidationReport;
  /** Where a plugin logs (cdk8s-cli prints it). */
  readonly logger: IValidationLogger;
}

/**
 * The report of one plugin. cdk8s-cli adds each violating resource's construct path from the
 * construct metadata it recorded at synth (resources are matched by `metadata.name`).
 */
export interface IValidationReport {
  addViolation(violation: ValidationViolation): void;
  /** Ends the report: status "success" or "failure", plus rows for the report's summary table. */
  submit(status: string, metadata?: { readonly [key: string]: string }): void;
}

export interface IValidationLogger {
  log(message: string): void;
}

/** One rule broken by one or more resources. */
export interface ValidationViolation {
  /** The rule id. */
  readonly ruleName: string;
  /** What is wrong and where. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  readonly violatingResources: ValidationViolatingResource[];
}

/** A resource that breaks a rule. */
export interface ValidationViolatingResource {
  /** `metadata.name`, which cdk8s-cli uses to find the construct path. */
  readonly resourceName: string;
  /** Field paths in the resource. */
  readonly locations: string[];
  /** The manifest file the resource is in. */
  readonly manifestPath: string;
}
