/**
 * The pod failure policy (validatePodFailurePolicy and its rule, exit-code and pod-condition
 * checks), plus its one demand on the pod template: restartPolicy Never.
 *
 * A Job in a release whose JobBackoffLimitPerIndex gate is off loses its FailIndex rules before
 * validation (the create strategy filters them out), so they are skipped here and
 * field-unavailable-in-version reports them instead. Findings keep the rule's index as written.
 */
import { FEATURES, featureEnabled, featureExists } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../support/access';
import { child, index } from '../support/field-path';
import { qualifiedNameProblems } from '../support/names';
import { apiServerRule, BOTH_KINDS, jobSpecOf, podSpecOf } from './api-server-rule';

const MAX_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_POD_CONDITION_PATTERNS = 20;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

/** One pod failure policy rule as the API server validates it, with its path. */
interface PolicyRule {
  readonly rule: Readonly<Record<string, unknown>>;
  readonly path: string;
}

/** True when the release drops FailIndex rules from this object before validating it. */
function dropsFailIndexRules(input: RuleInput): boolean {
  return (
    !featureExists(FEATURES.failIndexAction, input.version) ||
    (input.kind === 'Job' && !featureEnabled(FEATURES.failIndexAction, input.version))
  );
}

/** The policy's rules that reach validation, or undefined without a policy. */
function policyRules(input: RuleInput): PolicyRule[] | undefined {
  const policy = objectOf(jobSpecOf(input).podFailurePolicy);
  if (!policy) return undefined;
  const rulesPath = child(child(input.jobSpecPath, 'podFailurePolicy'), 'rules');
  const dropFailIndex = dropsFailIndexRules(input);
  const rules: PolicyRule[] = [];
  (arrayOf(policy.rules) ?? []).forEach((raw, i) => {
    // A rule that is not an object cannot be decoded: field-wrong-type reports it.
    const rule = objectOf(raw);
    if (!rule || (dropFailIndex && rule.action === 'FailIndex')) return;
    rules.push({ rule, path: index(rulesPath, i) });
  });
  return rules;
}

/** A small rule over each policy rule. */
function eachPolicyRule(input: RuleInput, check: (rule: PolicyRule) => Violation[]): Violation[] {
  const violations: Violation[] = [];
  for (const rule of policyRules(input) ?? []) violations.push(...check(rule));
  return violations;
}

/** The rule's exit-code requirement and its path, when it has one. */
function onExitCodesOf(
  rule: PolicyRule,
): { readonly requirement: Readonly<Record<string, unknown>>; readonly path: string } | undefined {
  const requirement = objectOf(rule.rule.onExitCodes);
  return requirement ? { requirement, path: child(rule.path, 'onExitCodes') } : undefined;
}

export const jobPodFailurePolicyTooManyRules = apiServerRule({
  id: 'job-pod-failure-policy-too-many-rules',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'A podFailurePolicy with more than 20 rules.',
  check(input) {
    const rules = policyRules(input);
    if (!rules || rules.length <= MAX_RULES) return [];
    return [
      {
        field: child(child(input.jobSpecPath, 'podFailurePolicy'), 'rules'),
        message: `The pod failure policy has ${rules.length} rules; it "must have at most ${MAX_RULES} items".`,
        fix: 'Merge rules with the same action (one rule can list up to 255 exit codes), and keep at most 20.',
      },
    ];
  },
});

export const jobPodFailurePolicyActionInvalid = apiServerRule({
  id: 'job-pod-failure-policy-action-invalid',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'A podFailurePolicy rule without an action, or with one other than Count, FailIndex, FailJob or Ignore.',
  check(input) {
    return eachPolicyRule(input, ({ rule, path }) => {
      const action = rule.action;
      if (!isAbsent(action) && typeof action !== 'string') return [];
      if (typeof action === 'string' && ACTIONS.includes(action)) return [];
      const fix = 'Set action to one of Count, FailIndex, FailJob or Ignore (case-sensitive).';
      if (isAbsent(action) || action === '') {
        return [
          {
            field: child(path, 'action'),
            message:
              'The rule has no action (Required value: valid values: "Count", "FailIndex", "FailJob", "Ignore").',
            fix,
          },
        ];
      }
      return [
        {
          field: child(path, 'action'),
          message: `Action ${describeValue(action)} is not supported (supported values: "Count", "FailIndex", "FailJob", "Ignore").`,
          fix,
        },
      ];
    });
  },
});

export const jobPodFailurePolicyFailIndexNeedsPerIndex = apiServerRule({
  id: 'job-pod-failure-policy-fail-index-needs-per-index',
  since: FEATURES.failIndexAction,
  kinds: BOTH_KINDS,
  summary: 'A podFailurePolicy rule with action FailIndex on a Job without backoffLimitPerIndex.',
  check(input) {
    if (!isAbsent(jobSpecOf(input).backoffLimitPerIndex)) return [];
    return eachPolicyRule(input, ({ rule, path }) =>
      rule.action === 'FailIndex'
        ? [
            {
              field: child(path, 'action'),
              message:
                'FailIndex fails one index of an Indexed Job, so it "requires the backoffLimitPerIndex to be set".',
              fix: 'Set completionMode: Indexed and backoffLimitPerIndex, or use the FailJob action.',
            },
          ]
        : [],
    );
  },
});

export const jobPodFailurePolicyRuleRequirement = apiServerRule({
  id: 'job-pod-failure-policy-rule-requirement',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'A podFailurePolicy rule needs exactly one of onExitCodes and onPodConditions.',
  check(input) {
    return eachPolicyRule(input, ({ rule, path }) => {
      const hasExitCodes = !isAbsent(rule.onExitCodes);
      const conditions = arrayOf(rule.onPodConditions);
      const hasConditions = conditions !== undefined && conditions.length > 0;
      if (hasExitCodes && hasConditions) {
        return [
          {
            field: path,
            message:
              'The rule has both onExitCodes and onPodConditions ("specifying both OnExitCodes and OnPodConditions is not supported").',
            fix: 'Split it into two rules, one matching exit codes and one matching pod conditions.',
          },
        ];
      }
      if (!hasExitCodes && !hasConditions) {
        return [
          {
            field: path,
            message: 'The rule matches nothing ("specifying one of OnExitCodes and OnPodConditions is required").',
            fix: 'Add onExitCodes (operator and values) or onPodConditions (e.g. type DisruptionTarget).',
          },
        ];
      }
      return [];
    });
  },
});

export const jobPodFailurePolicyOperatorInvalid = apiServerRule({
  id: 'job-pod-failure-policy-operator-invalid',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'An onExitCodes requirement without an operator, or with one other than In or NotIn.',
  check(input) {
    return eachPolicyRule(input, (rule) => {
      const exitCodes = onExitCodesOf(rule);
      if (!exitCodes) return [];
      const operator = exitCodes.requirement.operator;
      if (
        (!isAbsent(operator) && typeof operator !== 'string') ||
        (typeof operator === 'string' && OPERATORS.includes(operator))
      )
        return [];
      const missing = isAbsent(operator) || operator === '';
      return [
        {
          field: child(exitCodes.path, 'operator'),
          message: missing
            ? 'The exit-code requirement has no operator (Required value: valid values: "In", "NotIn").'
            : `Operator ${describeValue(operator)} is not supported (supported values: "In", "NotIn").`,
          fix: 'Set operator to In (match these exit codes) or NotIn (match all others).',
        },
      ];
    });
  },
});

export const jobPodFailurePolicyContainerUnknown = apiServerRule({
  id: 'job-pod-failure-policy-container-unknown',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'onExitCodes.containerName names no container or init container of the pod template.',
  check(input) {
    if (isAbsent(jobSpecOf(input).podFailurePolicy)) return [];
    const names = new Set<unknown>();
    const podSpec = podSpecOf(input);
    for (const list of [podSpec.containers, podSpec.initContainers]) {
      for (const container of arrayOf(list) ?? []) names.add(objectOf(container)?.name ?? '');
    }
    return eachPolicyRule(input, (rule) => {
      const exitCodes = onExitCodesOf(rule);
      const containerName = exitCodes && stringOf(exitCodes.requirement.containerName);
      if (!exitCodes || containerName === undefined || names.has(containerName)) return [];
      return [
        {
          field: child(exitCodes.path, 'containerName'),
          message: `${describeValue(containerName)} "must be one of the container or initContainer names in the pod template".`,
          fix: 'Use the name of a container or init container of the pod template, or leave containerName out to match every container.',
        },
      ];
    });
  },
});

export const jobPodFailurePolicyExitCodesInvalid = apiServerRule({
  id: 'job-pod-failure-policy-exit-codes-invalid',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'onExitCodes.values empty, over 255 entries, unsorted, repeated, or containing 0 with operator In.',
  check(input) {
    return eachPolicyRule(input, (rule) => {
      const exitCodes = onExitCodesOf(rule);
      if (!exitCodes) return [];
      const rawValues = exitCodes.requirement.values;
      if (!isAbsent(rawValues) && !Array.isArray(rawValues)) return [];
      const values = arrayOf(rawValues) ?? [];
      const valuesPath = child(exitCodes.path, 'values');
      const violations: Violation[] = [];
      if (values.length === 0) {
        violations.push({
          field: valuesPath,
          message: 'The exit-code requirement lists no exit codes ("at least one value is required").',
          fix: 'List the exit codes to match, e.g. [42].',
        });
      } else if (values.length > MAX_EXIT_CODE_VALUES) {
        violations.push({
          field: valuesPath,
          message: `${values.length} exit codes are listed; at most ${MAX_EXIT_CODE_VALUES} are allowed.`,
          fix: 'List fewer exit codes; with operator NotIn you can name the few codes that should not match instead.',
        });
      }
      const seen = new Set<number>();
      let ordered = true;
      let previous: number | undefined;
      values.forEach((raw, j) => {
        const value = integerOf(raw);
        if (value === undefined) return;
        if (exitCodes.requirement.operator === 'In' && value === 0) {
          violations.push({
            field: index(valuesPath, j),
            message: 'Exit code 0 means success; it "must not be 0 for the In operator".',
            fix: 'Remove 0 from the list.',
          });
        }
        if (seen.has(value)) {
          violations.push({
            field: index(valuesPath, j),
            message: `Exit code ${value} is listed twice (Duplicate value: ${value}).`,
            fix: 'List each exit code once.',
          });
        } else {
          seen.add(value);
        }
        if (previous !== undefined && previous > value) ordered = false;
        previous = value;
      });
      if (!ordered) {
        violations.push({
          field: valuesPath,
          message: 'The exit codes are not in ascending order ("must be ordered").',
          fix: 'Sort the exit codes in ascending order.',
        });
      }
      return violations;
    });
  },
});

export const jobPodFailurePolicyTooManyConditions = apiServerRule({
  id: 'job-pod-failure-policy-too-many-conditions',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'A podFailurePolicy rule with more than 20 onPodConditions patterns.',
  check(input) {
    return eachPolicyRule(input, ({ rule, path }) => {
      const patterns = arrayOf(rule.onPodConditions) ?? [];
      if (patterns.length <= MAX_POD_CONDITION_PATTERNS) return [];
      return [
        {
          field: child(path, 'onPodConditions'),
          message: `The rule has ${patterns.length} pod condition patterns; it "must have at most ${MAX_POD_CONDITION_PATTERNS} items".`,
          fix: 'Keep at most 20 patterns per rule, or split them across rules.',
        },
      ];
    });
  },
});

/** Each onPodConditions pattern of each rule, with its path. */
function eachPattern(
  input: RuleInput,
  check: (pattern: Readonly<Record<string, unknown>>, path: string) => Violation[],
): Violation[] {
  return eachPolicyRule(input, ({ rule, path }) => {
    const violations: Violation[] = [];
    (arrayOf(rule.onPodConditions) ?? []).forEach((raw, j) => {
      const pattern = objectOf(raw);
      if (pattern) violations.push(...check(pattern, index(child(path, 'onPodConditions'), j)));
    });
    return violations;
  });
}

export const jobPodFailurePolicyConditionTypeInvalid = apiServerRule({
  id: 'job-pod-failure-policy-condition-type-invalid',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'An onPodConditions pattern whose type is missing or not a qualified name.',
  check(input) {
    return eachPattern(input, (pattern, path) => {
      if (!isAbsent(pattern.type) && typeof pattern.type !== 'string') return [];
      const type = stringOf(pattern.type) ?? '';
      return qualifiedNameProblems(type).map((p) => ({
        field: child(path, 'type'),
        message: `Pod condition type ${describeValue(type)} is not valid: ${p}.`,
        fix: 'Name a pod condition type, e.g. DisruptionTarget or ConfigIssue.',
      }));
    });
  },
});

export const jobPodFailurePolicyConditionStatusInvalid = apiServerRule({
  id: 'job-pod-failure-policy-condition-status-invalid',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: 'An onPodConditions pattern whose status is not True, False or Unknown.',
  check(input) {
    return eachPattern(input, (pattern, path) => {
      const status = stringOf(pattern.status);
      if (status === undefined || CONDITION_STATUSES.includes(status)) return [];
      return [
        {
          field: child(path, 'status'),
          message: `Condition status ${describeValue(status)} is not supported (supported values: "False", "True", "Unknown").`,
          fix: 'Set status to True (the default when left out), False or Unknown.',
        },
      ];
    });
  },
});

export const jobPodFailurePolicyRestartPolicy = apiServerRule({
  id: 'job-pod-failure-policy-restart-policy',
  since: FEATURES.podFailurePolicy,
  kinds: BOTH_KINDS,
  summary: "A podFailurePolicy with the pod template's restartPolicy OnFailure; only Never is allowed.",
  check(input) {
    if (isAbsent(jobSpecOf(input).podFailurePolicy) || podSpecOf(input).restartPolicy !== 'OnFailure') return [];
    return [
      {
        field: child(input.templatePath, 'spec.restartPolicy'),
        message:
          'A pod failure policy judges failed pods, so the kubelet must not restart containers in place: "only "Never" is supported when podFailurePolicy is specified".',
        fix: 'Set spec.template.spec.restartPolicy to Never.',
      },
    ];
  },
});

export const POD_FAILURE_POLICY_RULES = [
  jobPodFailurePolicyTooManyRules,
  jobPodFailurePolicyActionInvalid,
  jobPodFailurePolicyFailIndexNeedsPerIndex,
  jobPodFailurePolicyRuleRequirement,
  jobPodFailurePolicyOperatorInvalid,
  jobPodFailurePolicyContainerUnknown,
  jobPodFailurePolicyExitCodesInvalid,
  jobPodFailurePolicyTooManyConditions,
  jobPodFailurePolicyConditionTypeInvalid,
  jobPodFailurePolicyConditionStatusInvalid,
  jobPodFailurePolicyRestartPolicy,
];
