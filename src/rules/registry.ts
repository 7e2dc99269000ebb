/**
 * The one place that runs rules. Constructs (at synth), `cdk8s-batch lint`, the cdk8s validation
 * plugin and the reconciler all call `validateBatchObject`, so they report the same findings.
 */
import { API_SERVER_RULES } from './api-server';
import { BEST_PRACTICE_RULES } from './best-practice';
import { NEVER_WORKS_RULES } from './never-works';
import { defaultBatchObject } from './defaults';
import { Finding, Severity } from './finding';
import { FindingGroup, GroupableFinding, groupFindings } from './finding-group';
import { fieldOf } from './support/access';
import {
  DEFAULT_KUBERNETES_VERSION,
  KubernetesVersion,
  parseKubernetesVersion,
  SUPPORTED_VERSIONS_TEXT,
} from './kubernetes-version';
import { policyLevel, RuleLevel, RulePolicy, SUPPRESSION_ANNOTATION_PREFIX, suppressionKeys } from './policy';
import { BatchKind, FieldSpan, Rule, RuleInput, RuleOrigin } from './rule';

/** Every rule: API-server rules, then what the API server accepts but can never work, then best practices. */
export const ALL_RULES: readonly Rule[] = [...API_SERVER_RULES, ...NEVER_WORKS_RULES, ...BEST_PRACTICE_RULES];

/** A rule with what the registry needs on every object worked out once. */
interface PreparedRule {
  readonly rule: Rule;
  readonly bestPractice: boolean;
  /** The annotations that suppress it: its own and its group's. */
  readonly suppressionKeys: readonly string[];
}

/** The rules that apply to each kind, in rule order: the hot loop does no filtering or string building. */
const RULES_FOR_KIND: Readonly<Record<BatchKind, readonly PreparedRule[]>> = {
  Job: prepare('Job'),
  CronJob: prepare('CronJob'),
};

function prepare(kind: BatchKind): PreparedRule[] {
  return ALL_RULES.filter((rule) => rule.kinds.includes(kind)).map((rule) => ({
    rule,
    bestPractice: rule.origin === RuleOrigin.BEST_PRACTICE,
    suppressionKeys: suppressionKeys(rule),
  }));
}

const VERSIONS = new Map<string | undefined, KubernetesVersion>();

export interface ValidateOptions {
  /**
   * The Kubernetes release whose rules and fields apply, e.g. "1.36"; a newer minor than the
   * library knows is checked as the newest known.
   * @default - DEFAULT_KUBERNETES_VERSION ("1.35"), the oldest release upstream supports when this package is released
   */
  readonly kubernetesVersion?: string;
  /** @default - API-server rules are errors, best-practice rules warnings */
  readonly policy?: RulePolicy;
  /**
   * The instant look-ahead rules start from (ms since the epoch); tests fix it.
   * @default Date.now()
   */
  readonly now?: number;
  /**
   * Rules checked outside this registry (the constructs' own, construct-rule.ts), so that an
   * annotation suppressing one of them is not reported as naming an unknown rule.
   * @default - none
   */
  readonly constructRules?: readonly Pick<Rule, 'id' | 'origin'>[];
  /**
   * Leave out a finding that only restates another rule's at the same field (Rule.yieldsTo); off,
   * every rule's own verdict is reported (the admission differential compares rule by rule).
   * @default true
   */
  readonly yieldToRootCause?: boolean;
}

/** The kind of a batch/v1 Job or CronJob, or undefined for anything else. */
export function batchKindOf(object: unknown): BatchKind | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  if (apiVersion !== 'batch/v1') return undefined;
  return kind === 'Job' || kind === 'CronJob' ? kind : undefined;
}

/** Parses a version option; throws on an unknown release (callers turn that into their own error). */
export function resolveKubernetesVersion(text: string | undefined): KubernetesVersion {
  const version = parseKubernetesVersion(text ?? DEFAULT_KUBERNETES_VERSION);
  if (!version)
    throw new Error(
      `unsupported Kubernetes version "${text}": use ${SUPPORTED_VERSIONS_TEXT}, e.g. "${DEFAULT_KUBERNETES_VERSION}"`,
    );
  return version;
}

/** Builds what rules look at: the object, its defaulted copy, and where the JobSpec and pod template are. */
export function ruleInput(
  kind: BatchKind,
  object: unknown,
  version: KubernetesVersion,
  now: number = Date.now(),
): RuleInput {
  const defaulted = defaultBatchObject(kind, object, version);
  const jobSpecPath = kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
  const jobSpecIn = (o: unknown) =>
    kind === 'Job' ? fieldOf(o, 'spec') : fieldOf(fieldOf(fieldOf(o, 'spec'), 'jobTemplate'), 'spec');
  return {
    kind,
    object,
    defaulted,
    jobSpecPath,
    jobSpec: jobSpecIn(defaulted) ?? {},
    writtenJobSpec: jobSpecIn(object),
    templatePath: `${jobSpecPath}.template`,
    version,
    now,
  };
}

/**
 * Runs every rule that applies to a batch/v1 Job or CronJob and returns the findings, in rule
 * order. Anything else (another kind, another apiVersion, not an object) has no findings.
 */
export function validateBatchObject(object: unknown, options: ValidateOptions = {}): Finding[] {
  const kind = batchKindOf(object);
  if (!kind) return [];
  let version = VERSIONS.get(options.kubernetesVersion);
  if (version === undefined) {
    version = resolveKubernetesVersion(options.kubernetesVersion);
    VERSIONS.set(options.kubernetesVersion, version);
  }
  const input = ruleInput(kind, object, version, options.now);
  const annotations = annotationsOf(object);
  const hasSuppressions = Object.keys(annotations).some((key) => key.startsWith(SUPPRESSION_ANNOTATION_PREFIX));
  // An empty policy (what BatchPolicy passes by default) is read as no policy: each rule's level
  // is then its default without two lookups of keys the object does not have.
  const levels = hasAnyKey(options.policy?.rules) ? options.policy?.rules : undefined;
  const collected: GroupableFinding[] = [];
  const yieldToRootCause = options.yieldToRootCause ?? true;
  /** What earlier findings cause (Violation.causes), with the rule that reported each. */
  const causes: { readonly rule: string; readonly span: FieldSpan }[] = [];
  let grouped = false;

  for (const { rule, bestPractice, suppressionKeys } of RULES_FOR_KIND[kind]) {
    let severity = Severity.ERROR;
    if (bestPractice) {
      const level = policyLevel(rule, levels);
      if (level === RuleLevel.OFF) continue;
      if (hasSuppressions && suppressionKeys.some((key) => hasReason(annotations[key]))) continue;
      severity = level === RuleLevel.ERROR ? Severity.ERROR : Severity.WARNING;
    }
    for (const v of rule.check(input)) {
      if (yieldToRootCause) {
        if (rule.yieldsTo !== undefined && restates(collected, rule.yieldsTo, v.field)) continue;
        if (causes.length > 0 && causes.some((c) => c.rule !== rule.id && spans(c.span, v.field))) continue;
        if (v.causes !== undefined) for (const span of v.causes) causes.push({ rule: rule.id, span });
      }
      collected.push({
        finding: { rule: rule.id, severity, field: v.field, message: v.message, fix: v.fix },
        group: rule.group,
      });
      grouped ||= rule.group !== undefined;
    }
  }
  const findings = grouped ? groupFindings(collected) : collected.map((c) => c.finding);
  if (hasSuppressions) findings.push(...suppressionFindings(annotations, options.constructRules ?? []));
  return findings;
}

/** Whether one of `rules` already reported `field`. */
function restates(collected: readonly GroupableFinding[], rules: readonly string[], field: string): boolean {
  return collected.some(({ finding }) => finding.field === field && rules.includes(finding.rule));
}

/** Whether `field` is the span's field, or (when it spans them) one below it. */
function spans(span: FieldSpan, field: string): boolean {
  if (field === span.field) return true;
  if (!span.below || !field.startsWith(span.field)) return false;
  const next = field[span.field.length];
  return next === '.' || next === '[';
}

/** Whether `object` has any enumerable key, own or inherited (the keys a lookup could find). */
function hasAnyKey(object: object | undefined): boolean {
  for (const key in object) if (key !== undefined) return true;
  return false;
}

function hasReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim() !== '';
}

function annotationsOf(object: unknown): Record<string, unknown> {
  const annotations = (object as { metadata?: { annotations?: unknown } }).metadata?.annotations;
  return typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>) : {};
}

/** Every group some rule belongs to, in rule order. */
export const FINDING_GROUPS: readonly FindingGroup[] = groupsOf(ALL_RULES);

function groupsOf(rules: readonly Pick<Rule, 'group'>[]): FindingGroup[] {
  return [...new Set(rules.flatMap((r) => (r.group === undefined ? [] : [r.group])))];
}

/** The ids a policy or a suppression annotation may name: every rule's, and every group's (a best practice). */
function knownIds(rules: readonly Pick<Rule, 'id' | 'origin' | 'group'>[]): Map<string, Pick<Rule, 'id' | 'origin'>> {
  const known = new Map<string, Pick<Rule, 'id' | 'origin'>>(rules.map((r) => [r.id, r]));
  for (const group of groupsOf(rules)) known.set(group.id, { id: group.id, origin: RuleOrigin.BEST_PRACTICE });
  return known;
}

const RULES_BY_ID = knownIds(ALL_RULES);

/** Why a policy entry cannot be honoured. */
export enum PolicyEntryProblem {
  /** The id names no rule. */
  UNKNOWN_RULE = 'unknown-rule',
  /** It lowers a rule that is always an error: an API-server rule (the API server rejects the object anyway) or a construct rule for what cannot work. */
  API_SERVER_RULE = 'api-server-rule',
}

/**
 * The entries of a policy's `rules` that cannot be honoured, in their order: an unknown rule id,
 * or an API-server rule set to anything but error. The one check behind `BatchPolicy`,
 * `lint --policy` and the validation plugin's properties (which word the problems their own way).
 */
export function policyEntryProblems(
  levels: { readonly [ruleId: string]: unknown },
  rules: readonly Pick<Rule, 'id' | 'origin' | 'group'>[] = ALL_RULES,
): { readonly id: string; readonly problem: PolicyEntryProblem }[] {
  const known = rules === ALL_RULES ? RULES_BY_ID : knownIds(rules);
  const problems: { id: string; problem: PolicyEntryProblem }[] = [];
  for (const [id, level] of Object.entries(levels)) {
    const rule = known.get(id);
    if (!rule) problems.push({ id, problem: PolicyEntryProblem.UNKNOWN_RULE });
    else if (rule.origin !== RuleOrigin.BEST_PRACTICE && level !== RuleLevel.ERROR)
      problems.push({ id, problem: PolicyEntryProblem.API_SERVER_RULE });
  }
  return problems;
}

/** Suppressions that do not work: no reason, an unknown rule, or an API-server rule. */
function suppressionFindings(
  annotations: Record<string, unknown>,
  constructRules: readonly Pick<Rule, 'id' | 'origin'>[],
): Finding[] {
  const findings: Finding[] = [];
  for (const [key, reason] of Object.entries(annotations)) {
    if (!key.startsWith(SUPPRESSION_ANNOTATION_PREFIX)) continue;
    const id = key.slice(SUPPRESSION_ANNOTATION_PREFIX.length);
    const field = `metadata.annotations[${key}]`;
    const rule = RULES_BY_ID.get(id) ?? constructRules.find((r) => r.id === id);
    if (!rule) {
      findings.push({
        rule: 'suppression-unknown-rule',
        severity: Severity.WARNING,
        field,
        message: `"${id}" is not a cdk8s-batch rule id, so this annotation suppresses nothing.`,
        fix: 'Use an id from the rule table in the README, or remove the annotation.',
      });
    } else if (rule.origin !== RuleOrigin.BEST_PRACTICE) {
      findings.push({
        rule: 'suppression-not-allowed',
        severity: Severity.WARNING,
        field,
        message:
          rule.origin === RuleOrigin.API_SERVER
            ? `"${id}" is enforced by the API server; suppressing it here would not make the object acceptable.`
            : `"${id}" reports what cannot work, and is always an error; suppressing it would not make it work.`,
        fix: 'Fix the object instead, and remove the annotation.',
      });
    } else if (!hasReason(reason)) {
      findings.push({
        rule: 'suppression-missing-reason',
        severity: Severity.WARNING,
        field,
        message: `Suppressing "${id}" needs a written reason; without one the rule still applies.`,
        fix: `Set the annotation's value to why ${id} does not apply to this object.`,
      });
    }
  }
  return findings;
}
