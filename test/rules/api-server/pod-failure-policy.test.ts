/**
 * The pod failure policy, in a Job and in a CronJob's job template.
 *
 * Checklist (k8s-validation.md §2 "podFailurePolicy" → rule id):
 * - rules: more than 20                                   → job-pod-failure-policy-too-many-rules
 * - rules[i].action empty; not Count/FailIndex/FailJob/Ignore → job-pod-failure-policy-action-invalid
 * - rules[i].action FailIndex without backoffLimitPerIndex → job-pod-failure-policy-fail-index-needs-per-index
 * - rules[i] both onExitCodes and onPodConditions; neither → job-pod-failure-policy-rule-requirement
 * - onExitCodes.operator empty; not In/NotIn              → job-pod-failure-policy-operator-invalid
 * - onExitCodes.containerName not a container name        → job-pod-failure-policy-container-unknown
 * - onExitCodes.values empty; > 255; 0 with In; duplicate;
 *   not ordered                                           → job-pod-failure-policy-exit-codes-invalid
 * - onPodConditions: more than 20                         → job-pod-failure-policy-too-many-conditions
 * - onPodConditions[j].type not a qualified name          → job-pod-failure-policy-condition-type-invalid
 * - onPodConditions[j].status empty (defaulted to True: never reported);
 *   not True/False/Unknown                                 → job-pod-failure-policy-condition-status-invalid
 * - template.spec.restartPolicy OnFailure with a podFailurePolicy → job-pod-failure-policy-restart-policy
 */
import { findingsOf, jobSpecPath, Json, RuleCase, runRuleTable, withJobSpec } from './fixtures';

const exitCodes = (onExitCodes: Json, action = 'FailJob') => ({ action, onExitCodes });
const conditions = (onPodConditions: Json, action = 'Ignore') => ({ action, onPodConditions });
const GOOD_RULE = exitCodes({ operator: 'In', values: [42] });

/** A JobSpec change installing a policy with these rules (the second rule is the one under test unless said otherwise). */
const policy =
  (...rules: Json[]) =>
  (spec: Json) => {
    spec.podFailurePolicy = { rules };
  };

interface PolicyCase {
  readonly row: string;
  readonly rule: string;
  /** Relative to `<jobSpec>.podFailurePolicy`, or to the JobSpec when it starts with "template". */
  readonly field: string;
  readonly bad: (spec: Json) => void;
  readonly good: (spec: Json) => void;
  readonly version?: string;
}

const CASES: PolicyCase[] = [
  {
    row: 'more than 20 rules',
    rule: 'job-pod-failure-policy-too-many-rules',
    field: 'rules',
    bad: policy(...Array.from({ length: 21 }, () => GOOD_RULE)),
    good: policy(...Array.from({ length: 20 }, () => GOOD_RULE)),
  },
  {
    row: 'action empty',
    rule: 'job-pod-failure-policy-action-invalid',
    field: 'rules[1].action',
    bad: policy(GOOD_RULE, { onExitCodes: { operator: 'In', values: [1] } }),
    good: policy(GOOD_RULE, { action: 'Count', onExitCodes: { operator: 'In', values: [1] } }),
  },
  {
    row: 'action not supported',
    rule: 'job-pod-failure-policy-action-invalid',
    field: 'rules[1].action',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1] }, 'Retry')),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1] }, 'Ignore')),
  },
  {
    row: 'FailIndex without backoffLimitPerIndex',
    rule: 'job-pod-failure-policy-fail-index-needs-per-index',
    field: 'rules[0].action',
    bad: (spec) => {
      Object.assign(spec, { completionMode: 'Indexed', completions: 4 });
      policy(exitCodes({ operator: 'In', values: [1] }, 'FailIndex'))(spec);
    },
    good: (spec) => {
      Object.assign(spec, { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1 });
      policy(exitCodes({ operator: 'In', values: [1] }, 'FailIndex'))(spec);
    },
    version: '1.29',
  },
  {
    row: 'both onExitCodes and onPodConditions',
    rule: 'job-pod-failure-policy-rule-requirement',
    field: 'rules[1]',
    bad: policy(GOOD_RULE, {
      action: 'Ignore',
      onExitCodes: { operator: 'In', values: [1] },
      onPodConditions: [{ type: 'DisruptionTarget' }],
    }),
    good: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget' }])),
  },
  {
    row: 'neither onExitCodes nor onPodConditions',
    rule: 'job-pod-failure-policy-rule-requirement',
    field: 'rules[1]',
    bad: policy(GOOD_RULE, { action: 'Ignore', onPodConditions: [] }),
    good: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget', status: 'True' }])),
  },
  {
    row: 'onExitCodes.operator empty',
    rule: 'job-pod-failure-policy-operator-invalid',
    field: 'rules[1].onExitCodes.operator',
    bad: policy(GOOD_RULE, exitCodes({ values: [1] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'NotIn', values: [0] })),
  },
  {
    row: 'onExitCodes.operator not In or NotIn',
    rule: 'job-pod-failure-policy-operator-invalid',
    field: 'rules[1].onExitCodes.operator',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'Equals', values: [1] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1] })),
  },
  {
    row: 'onExitCodes.containerName is no container of the template',
    rule: 'job-pod-failure-policy-container-unknown',
    field: 'rules[1].onExitCodes.containerName',
    bad: policy(GOOD_RULE, exitCodes({ containerName: 'sidecar', operator: 'In', values: [1] })),
    good: policy(GOOD_RULE, exitCodes({ containerName: 'fetch', operator: 'In', values: [1] })),
  },
  {
    row: 'onExitCodes.values empty',
    rule: 'job-pod-failure-policy-exit-codes-invalid',
    field: 'rules[1].onExitCodes.values',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1] })),
  },
  {
    row: 'onExitCodes.values more than 255',
    rule: 'job-pod-failure-policy-exit-codes-invalid',
    field: 'rules[1].onExitCodes.values',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: Array.from({ length: 256 }, (_, i) => i + 1) })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: Array.from({ length: 255 }, (_, i) => i + 1) })),
  },
  {
    row: 'onExitCodes.values[j] is 0 with In (fine with NotIn)',
    rule: 'job-pod-failure-policy-exit-codes-invalid',
    field: 'rules[1].onExitCodes.values[0]',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [0, 1] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'NotIn', values: [0, 1] })),
  },
  {
    row: 'onExitCodes.values[j] repeated',
    rule: 'job-pod-failure-policy-exit-codes-invalid',
    field: 'rules[1].onExitCodes.values[2]',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1, 2, 2] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1, 2, 3] })),
  },
  {
    row: 'onExitCodes.values not ordered',
    rule: 'job-pod-failure-policy-exit-codes-invalid',
    field: 'rules[1].onExitCodes.values',
    bad: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [3, 1] })),
    good: policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1, 3] })),
  },
  {
    row: 'onPodConditions more than 20',
    rule: 'job-pod-failure-policy-too-many-conditions',
    field: 'rules[1].onPodConditions',
    bad: policy(GOOD_RULE, conditions(Array.from({ length: 21 }, (_, i) => ({ type: `Condition${i}` })))),
    good: policy(GOOD_RULE, conditions(Array.from({ length: 20 }, (_, i) => ({ type: `Condition${i}` })))),
  },
  {
    row: 'onPodConditions[j].type not a qualified name',
    rule: 'job-pod-failure-policy-condition-type-invalid',
    field: 'rules[1].onPodConditions[1].type',
    bad: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget' }, { type: 'Config Issue' }])),
    good: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget' }, { type: 'example.com/ConfigIssue' }])),
  },
  {
    row: 'onPodConditions[j].type missing',
    rule: 'job-pod-failure-policy-condition-type-invalid',
    field: 'rules[1].onPodConditions[0].type',
    bad: policy(GOOD_RULE, conditions([{ status: 'True' }])),
    good: policy(GOOD_RULE, conditions([{ type: 'Ready', status: 'False' }])),
  },
  {
    row: 'onPodConditions[j].status not True, False or Unknown',
    rule: 'job-pod-failure-policy-condition-status-invalid',
    field: 'rules[1].onPodConditions[0].status',
    bad: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget', status: 'true' }])),
    good: policy(GOOD_RULE, conditions([{ type: 'DisruptionTarget', status: 'Unknown' }])),
  },
  {
    row: 'restartPolicy OnFailure with a podFailurePolicy',
    rule: 'job-pod-failure-policy-restart-policy',
    field: 'template.spec.restartPolicy',
    bad: (spec) => {
      policy(GOOD_RULE)(spec);
      spec.template.spec.restartPolicy = 'OnFailure';
    },
    good: policy(GOOD_RULE),
  },
];

describe.each(['Job', 'CronJob'] as const)('pod failure policy rules in a %s', (kind) => {
  runRuleTable(
    CASES.map((c): RuleCase => ({
      row: c.row,
      rule: c.rule,
      field: c.field.startsWith('template')
        ? `${jobSpecPath(kind)}.${c.field}`
        : `${jobSpecPath(kind)}.podFailurePolicy.${c.field}`,
      bad: withJobSpec(kind, c.bad),
      good: withJobSpec(kind, c.good),
      version: c.version ?? '1.29',
    })),
  );
});

describe('pod failure policy details', () => {
  test('an empty condition status is defaulted to True, so it is never reported', () => {
    const job = withJobSpec('Job', policy(conditions([{ type: 'DisruptionTarget', status: '' }])));
    expect(findingsOf('job-pod-failure-policy-condition-status-invalid', job)).toEqual([]);
  });

  test('a Job in 1.28 loses its FailIndex rules before validation; only the version finding names them', () => {
    const job = withJobSpec('Job', policy(GOOD_RULE, exitCodes({ operator: 'In', values: [0] }, 'FailIndex')));
    expect(findingsOf('job-pod-failure-policy-exit-codes-invalid', job, '1.28')).toEqual([]);
    expect(findingsOf('job-pod-failure-policy-fail-index-needs-per-index', job, '1.28')).toEqual([]);
    expect(findingsOf('field-unavailable-in-version', job, '1.28').map((f) => f.field)).toEqual([
      'spec.podFailurePolicy.rules[1].action',
    ]);
  });

  test('a CronJob in 1.28 keeps its FailIndex rules, so they are validated too', () => {
    const cronJob = withJobSpec('CronJob', policy(GOOD_RULE, exitCodes({ operator: 'In', values: [1] }, 'FailIndex')));
    expect(
      findingsOf('job-pod-failure-policy-fail-index-needs-per-index', cronJob, '1.28').map((f) => f.field),
    ).toEqual(['spec.jobTemplate.spec.podFailurePolicy.rules[1].action']);
  });

  test('a Job in 1.25 loses the whole (alpha) policy, so restartPolicy OnFailure is fine there', () => {
    const job = withJobSpec('Job', (spec) => {
      policy(GOOD_RULE)(spec);
      spec.template.spec.restartPolicy = 'OnFailure';
    });
    expect(findingsOf('job-pod-failure-policy-restart-policy', job, '1.25')).toEqual([]);
    expect(findingsOf('job-pod-failure-policy-restart-policy', job, '1.26')).toHaveLength(1);
  });

  test('restartPolicy Always with a policy is reported once, by job-restart-policy-invalid', () => {
    const job = withJobSpec('Job', (spec) => {
      policy(GOOD_RULE)(spec);
      spec.template.spec.restartPolicy = 'Always';
    });
    expect(findingsOf('job-pod-failure-policy-restart-policy', job)).toEqual([]);
    expect(findingsOf('job-restart-policy-invalid', job)).toHaveLength(1);
  });
});
