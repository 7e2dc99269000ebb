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
  /**
   * For one finding that stands for several settings of one root cause (finding-group.ts): each
   * setting's own finding, under its own rule id. `field` is then the settings' common ancestor,
   * and `message` and `fix` sum the parts up. Absent for every other finding.
   */
  readonly parts?: FindingPart[];
}

/** One setting of a grouped finding: what its own rule reported. */
export interface FindingPart {
  /** The rule id of this setting. */
  readonly rule: string;
  /** Where the setting is, in the API server's notation. */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * The finding reported on an object nested in another (the Job a ScaledJob creates, the Job a
 * ScheduledJob runs): its field and its parts' fields rewritten by `move`.
 */
export function movedFinding(finding: Finding, move: (field: string) => string): Finding {
  const moved = { ...finding, field: move(finding.field) };
  return finding.parts === undefined
    ? moved
    : { ...moved, parts: finding.parts.map((p) => ({ ...p, field: move(p.field) })) };
}
