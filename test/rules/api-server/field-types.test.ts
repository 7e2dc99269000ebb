/**
 * Values the API server cannot decode (not a k8s-validation.md row: decoding fails before
 * validation runs, so every other rule reads such a value as absent).
 *
 * Checklist → rule id: quoted numbers, fractions, out-of-range int32, strings for booleans, lists
 * for objects, non-string label values                          → field-wrong-type
 */
import { findingsOf, jobSpecPath, objectWith, RuleCase, runRuleTable, withJobSpec } from './fixtures';

describe('field-wrong-type', () => {
  const cases: RuleCase[] = [];
  for (const kind of ['Job', 'CronJob'] as const) {
    const at = (field: string) => `${jobSpecPath(kind)}.${field}`;
    cases.push(
      {
        row: `${kind}: quoted backoffLimit`,
        rule: 'field-wrong-type',
        field: at('backoffLimit'),
        bad: withJobSpec(kind, (s) => (s.backoffLimit = '3')),
        good: withJobSpec(kind, (s) => (s.backoffLimit = 3)),
      },
      {
        row: `${kind}: fractional completions`,
        rule: 'field-wrong-type',
        field: at('completions'),
        bad: withJobSpec(kind, (s) => (s.completions = 1.5)),
        good: withJobSpec(kind, (s) => (s.completions = 2)),
      },
      {
        row: `${kind}: parallelism above int32`,
        rule: 'field-wrong-type',
        field: at('parallelism'),
        bad: withJobSpec(kind, (s) => (s.parallelism = 2 ** 31)),
        good: withJobSpec(kind, (s) => (s.parallelism = 2 ** 31 - 1)),
      },
      {
        row: `${kind}: suspend as a string`,
        rule: 'field-wrong-type',
        field: at('suspend'),
        bad: withJobSpec(kind, (s) => (s.suspend = 'true')),
        good: withJobSpec(kind, (s) => (s.suspend = true)),
      },
      {
        row: `${kind}: template as a list`,
        rule: 'field-wrong-type',
        field: at('template'),
        bad: withJobSpec(kind, (s) => (s.template = [])),
        good: withJobSpec(kind, () => {}),
      },
      {
        row: `${kind}: a container that is a string`,
        rule: 'field-wrong-type',
        field: at('template.spec.containers[0]'),
        bad: withJobSpec(kind, (s) => (s.template.spec.containers = ['busybox'])),
        good: withJobSpec(kind, () => {}),
      },
      {
        row: `${kind}: exit code as a string`,
        rule: 'field-wrong-type',
        field: at('podFailurePolicy.rules[0].onExitCodes.values[0]'),
        bad: withJobSpec(
          kind,
          (s) =>
            (s.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: ['1'] } }] }),
        ),
        good: withJobSpec(
          kind,
          (s) =>
            (s.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] }),
        ),
      },
      {
        row: `${kind}: a numeric label value`,
        rule: 'field-wrong-type',
        field: 'metadata.labels[version]',
        bad: objectWith(kind, (o) => (o.metadata.labels.version = 2)),
        good: objectWith(kind, (o) => (o.metadata.labels.version = '2')),
      },
      {
        row: `${kind}: metadata as a string`,
        rule: 'field-wrong-type',
        field: 'metadata',
        bad: objectWith(kind, (o) => (o.metadata = 'nightly')),
        good: objectWith(kind),
      },
    );
  }
  cases.push(
    {
      row: 'CronJob: quoted startingDeadlineSeconds',
      rule: 'field-wrong-type',
      field: 'spec.startingDeadlineSeconds',
      bad: objectWith('CronJob', (o) => (o.spec.startingDeadlineSeconds = '60')),
      good: objectWith('CronJob'),
    },
    {
      row: 'CronJob: a numeric schedule',
      rule: 'field-wrong-type',
      field: 'spec.schedule',
      bad: objectWith('CronJob', (o) => (o.spec.schedule = 5)),
      good: objectWith('CronJob'),
    },
  );
  runRuleTable(cases);

  test('null is accepted anywhere (Go decodes it to the zero value)', () => {
    const job = withJobSpec('Job', (s) =>
      Object.assign(s, { backoffLimit: null, selector: null, podFailurePolicy: null }),
    );
    expect(findingsOf('field-wrong-type', job)).toEqual([]);
  });

  test('a wrongly typed value is reported once, by field-wrong-type only', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.restartPolicy = 1));
    expect(findingsOf('field-wrong-type', job)).toHaveLength(1);
    expect(findingsOf('job-restart-policy-invalid', job)).toEqual([]);
  });
});
