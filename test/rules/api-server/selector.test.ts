/**
 * Selectors and the labels the API server generates for a Job.
 *
 * Checklist (k8s-validation.md §0 generateSelector, §2 selector rows, §3 jobTemplate rows → rule id):
 * - selector nil with manualSelector true                       → job-selector-required
 * - ValidateLabelSelector (operators, keys, values)             → job-selector-invalid
 * - selector does not match template labels (nil selects nothing) → job-selector-template-mismatch
 * - generated mode: a user selector that does not select the generated
 *   labels ("`selector` not auto-generated")                    → job-selector-not-generated
 * - generated mode: template labels job-name / controller-uid set by
 *   the user to other values (ValidateHasLabel)                  → job-template-generated-label-conflict
 * - metadata.uid Required: cannot happen through the API (the server sets the UID); not a rule
 * - CronJob spec.jobTemplate.spec.selector set                   → cronjob-selector-forbidden
 * - CronJob spec.jobTemplate.spec.manualSelector true            → cronjob-manual-selector-forbidden
 */
import { findingsOf, goodJob, Json, objectWith, RuleCase, runRuleTable, withJobSpec } from './fixtures';

const manual = (selector: Json) => (spec: Json) => Object.assign(spec, { manualSelector: true, selector });

describe('selector rules', () => {
  const cases: RuleCase[] = [
    {
      row: 'manualSelector true without a selector',
      rule: 'job-selector-required',
      field: 'spec.selector',
      bad: withJobSpec('Job', (spec) => (spec.manualSelector = true)),
      good: withJobSpec('Job', manual({ matchLabels: { app: 'report' } })),
    },
    {
      row: 'manualSelector true without a selector also fails the template match (a nil selector selects nothing)',
      rule: 'job-selector-template-mismatch',
      field: 'spec.template.metadata.labels',
      bad: withJobSpec('Job', (spec) => (spec.manualSelector = true)),
      good: withJobSpec('Job', manual({})),
    },
    {
      row: 'manual selector that does not select the template labels',
      rule: 'job-selector-template-mismatch',
      field: 'spec.template.metadata.labels',
      bad: withJobSpec('Job', manual({ matchLabels: { app: 'other' } })),
      good: withJobSpec(
        'Job',
        manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report', 'other'] }] }),
      ),
    },
    {
      row: 'selector matchLabels value invalid',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchLabels',
      bad: withJobSpec('Job', manual({ matchLabels: { app: 'report!' } })),
      good: withJobSpec('Job', manual({ matchLabels: { app: 'report' } })),
    },
    {
      row: 'selector expression value invalid (1.26+)',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].values[0]',
      bad: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report!'] }] })),
      good: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report'] }] })),
    },
    {
      row: 'selector expression with an unknown operator',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].operator',
      bad: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['report'] }] })),
      good: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report'] }] })),
    },
    {
      row: 'selector expression In without values',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].values',
      bad: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] })),
      good: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })),
    },
    {
      row: 'selector expression Exists with values',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].values',
      bad: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['report'] }] })),
      good: withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] })),
    },
    {
      row: 'selector expression key invalid',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].key',
      bad: withJobSpec(
        'Job',
        manual({ matchLabels: { app: 'report' }, matchExpressions: [{ key: 'bad key', operator: 'DoesNotExist' }] }),
      ),
      good: withJobSpec(
        'Job',
        manual({ matchLabels: { app: 'report' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }),
      ),
    },
    {
      row: 'selector expression value invalid',
      rule: 'job-selector-invalid',
      field: 'spec.selector.matchExpressions[0].values[1]',
      bad: withJobSpec(
        'Job',
        manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report', 'a b'] }] }),
      ),
      good: withJobSpec(
        'Job',
        manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['report', 'a_b'] }] }),
      ),
    },
    {
      row: 'user selector without manualSelector that does not select the generated labels',
      rule: 'job-selector-not-generated',
      field: 'spec.selector',
      bad: withJobSpec('Job', (spec) => (spec.selector = { matchLabels: { app: 'report' } })),
      good: withJobSpec('Job', manual({ matchLabels: { app: 'report' } })),
    },
    {
      row: 'user template label job-name other than the Job name',
      rule: 'job-template-generated-label-conflict',
      field: 'spec.template.metadata.labels[job-name]',
      bad: withJobSpec('Job', (spec) => (spec.template.metadata.labels['job-name'] = 'other')),
      good: withJobSpec('Job', (spec) => (spec.template.metadata.labels['job-name'] = 'nightly-report')),
    },
    {
      row: 'user template label batch.kubernetes.io/controller-uid',
      rule: 'job-template-generated-label-conflict',
      field: 'spec.template.metadata.labels[batch.kubernetes.io/controller-uid]',
      bad: withJobSpec('Job', (spec) => (spec.template.metadata.labels['batch.kubernetes.io/controller-uid'] = 'abc')),
      good: withJobSpec('Job', (spec) => (spec.template.metadata.labels['example.com/controller-uid'] = 'abc')),
    },
    {
      row: 'CronJob job template with a selector',
      rule: 'cronjob-selector-forbidden',
      field: 'spec.jobTemplate.spec.selector',
      bad: withJobSpec('CronJob', (spec) => (spec.selector = { matchLabels: { app: 'report' } })),
      good: withJobSpec('CronJob', (spec) => delete spec.selector),
    },
    {
      row: 'CronJob job template with manualSelector true',
      rule: 'cronjob-manual-selector-forbidden',
      field: 'spec.jobTemplate.spec.manualSelector',
      bad: withJobSpec('CronJob', (spec) => (spec.manualSelector = true)),
      good: withJobSpec('CronJob', (spec) => (spec.manualSelector = false)),
    },
  ];
  runRuleTable(cases);
});

describe('selector generation in detail', () => {
  test('a user selector on job-name only still selects the generated labels, so it passes', () => {
    const job = withJobSpec('Job', (spec) => (spec.selector = { matchLabels: { 'job-name': 'nightly-report' } }));
    expect(findingsOf('job-selector-not-generated', job)).toEqual([]);
    expect(findingsOf('job-selector-template-mismatch', job)).toEqual([]);
  });

  test('a user selector naming a controller-uid can never match the UID the server assigns', () => {
    const job = withJobSpec(
      'Job',
      (spec) => (spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': '1234' } }),
    );
    expect(findingsOf('job-selector-not-generated', job).map((f) => f.field)).toEqual(['spec.selector']);
    expect(findingsOf('job-selector-template-mismatch', job).map((f) => f.field)).toEqual([
      'spec.template.metadata.labels',
    ]);
  });

  test('a generated-mode selector with DoesNotExist on a template label fails only the template match', () => {
    const job = withJobSpec(
      'Job',
      (spec) => (spec.selector = { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }),
    );
    expect(findingsOf('job-selector-not-generated', job)).toEqual([]);
    expect(findingsOf('job-selector-template-mismatch', job)).toHaveLength(1);
  });

  test('before 1.27 only the legacy labels are generated and required', () => {
    const job = withJobSpec('Job', (spec) => (spec.template.metadata.labels['batch.kubernetes.io/job-name'] = 'other'));
    expect(findingsOf('job-template-generated-label-conflict', job, '1.26')).toEqual([]);
    expect(findingsOf('job-template-generated-label-conflict', job, '1.27')).toHaveLength(1);
  });

  test('before 1.26 matchExpressions values are not checked, matchLabels values are', () => {
    const expression = withJobSpec(
      'Job',
      manual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a!'] }] }),
    );
    expect(findingsOf('job-selector-invalid', expression, '1.25')).toEqual([]);
    expect(findingsOf('job-selector-invalid', expression, '1.26')).toHaveLength(1);
    const label = withJobSpec('Job', manual({ matchLabels: { app: 'a!' } }));
    expect(findingsOf('job-selector-invalid', label, '1.25')).toHaveLength(1);
  });

  test('an invalid selector is reported as invalid only, not as a mismatch', () => {
    const job = withJobSpec('Job', manual({ matchExpressions: [{ key: 'app', operator: 'Equals' }] }));
    expect(findingsOf('job-selector-template-mismatch', job)).toEqual([]);
    expect(findingsOf('job-selector-invalid', job)).toHaveLength(1);
  });

  test('selector rules do not apply to a CronJob template, and the CronJob rules not to a Job', () => {
    const cronJob = withJobSpec('CronJob', (spec) => (spec.manualSelector = true));
    expect(findingsOf('job-selector-required', cronJob)).toEqual([]);
    const job = objectWith('Job', (o) => (o.spec.selector = { matchLabels: { 'job-name': o.metadata.name } }));
    expect(findingsOf('cronjob-selector-forbidden', job)).toEqual([]);
    expect(findingsOf('job-selector-not-generated', goodJob())).toEqual([]);
  });
});
