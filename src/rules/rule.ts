/**
 * A validation rule: a pure function from a batch/v1 Job or CronJob (plain JSON, as it would be
 * sent to the API server) to violations. The registry (registry.ts) runs every rule; constructs,
 * `cdk8s-batch lint`, the cdk8s validation plugin and the reconciler all go through it, so they
 * can never disagree.
 */
import { FindingGroup } from './finding-group';
import { FeatureAvailability, KubernetesVersion } from './kubernetes-version';

/** Where a rule's knowledge comes from, which decides its default severity. */
export enum RuleOrigin {
  /** The API server rejects the object: always an error, never suppressible. */
  API_SERVER = 'api-server',
  /** A best practice the API server does not enforce: a warning unless the policy says otherwise. */
  BEST_PRACTICE = 'best-practice',
  /**
   * The API server accepts the object, but it can never run or never succeed (never-works/): always
   * an error, never suppressible, and its message says so.
   */
  NEVER_WORKS = 'never-works',
  /** A construct was asked for something that cannot work (construct-rule.ts): always an error, never suppressible. */
  CONSTRUCT = 'construct',
}

export type BatchKind = 'Job' | 'CronJob';

/** What a rule looks at. Paths are the API server's notation, rooted at the object. */
export interface RuleInput {
  readonly kind: BatchKind;
  /** The object as written: plain JSON of any shape, read through support/access.ts. */
  readonly object: unknown;
  /**
   * The object after the API server's defaulting (SetDefaults_Job, SetDefaults_CronJob,
   * SetDefaults_PodSpec): always a JSON object, its fields read through support/access.ts.
   */
  readonly defaulted: unknown;
  /** Path of the JobSpec: `spec` for a Job, `spec.jobTemplate.spec` for a CronJob. */
  readonly jobSpecPath: string;
  /**
   * The JobSpec as the API server validates it (never undefined; `{}` when absent). For a Job it is
   * defaulted by SetDefaults_Job; a CronJob's job template gets only the nested defaulters, so
   * completions, parallelism, backoffLimit and completionMode may be absent there. Read through
   * support/access.ts: a spec of the wrong JSON type is passed through as written.
   */
  readonly jobSpec: unknown;
  /** The JobSpec as written, before defaulting (undefined when absent), for what defaulting would hide. */
  readonly writtenJobSpec: unknown;
  /** Path of the pod template: `<jobSpecPath>.template`. */
  readonly templatePath: string;
  /** The Kubernetes release whose rules and fields apply. */
  readonly version: KubernetesVersion;
  /** The instant rules that look ahead (daylight-saving hazards, missed starts) start from, in ms since the epoch. */
  readonly now: number;
}

/** A rule's raw report; the registry adds the rule id and the severity. */
export interface Violation {
  readonly field: string;
  readonly message: string;
  readonly fix: string;
  /**
   * Fields whose findings by other rules only follow from this one: a misspelt field leaves the
   * field it meant unset, so a "required" finding there restates the typo, and goes once the typo
   * is fixed. The registry leaves such findings out (unless `yieldToRootCause` is off).
   * @default - none
   */
  readonly causes?: readonly FieldSpan[];
}

/** A field, or a field and everything below it. */
export interface FieldSpan {
  readonly field: string;
  /** Also every field below `field` (`field.x`, `field[0]`, `field[key]`). */
  readonly below: boolean;
}

export interface Rule {
  /** Stable, kebab-case, at most 54 characters (it must fit a suppression annotation key). */
  readonly id: string;
  readonly origin: RuleOrigin;
  /** The kinds the rule applies to. */
  readonly kinds: readonly BatchKind[];
  /** One line for the rule table in the README. */
  readonly summary: string;
  /**
   * The release the rule applies from, for the rule table: a minor number, or the gated field whose
   * values it checks (from that field's alpha release). Absent: every release the library knows.
   */
  readonly since?: number | FeatureAvailability;
  /**
   * A best-practice rule that is off unless a policy gives it a level: a stricter house rule that
   * many sound manifests break (reading a Secret into an environment variable).
   */
  readonly optIn?: boolean;
  /**
   * The root cause this best-practice rule reports one setting of: with another finding of the
   * group in the same object, both are reported as one (finding-group.ts).
   */
  readonly group?: FindingGroup;
  /**
   * Rules (earlier in the registry's order) whose finding at the same field names the root cause
   * this rule's finding there would only restate: the registry then leaves this one out (an image
   * the kubelet cannot read is not also "unpinned").
   */
  readonly yieldsTo?: readonly string[];
  check(input: RuleInput): Violation[];
}
