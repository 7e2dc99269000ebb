/**
 * JobSpec fields, for a Job (`spec.*`) and a CronJob's job template (`spec.jobTemplate.spec.*`).
 *
 * Checklist (k8s-validation.md §2 → rule id):
 * - parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished,
 *   backoffLimitPerIndex, maxFailedIndexes < 0 (0 allowed)          → job-negative-value
 * - backoffLimitPerIndex missing while maxFailedIndexes is set       → job-backoff-limit-per-index-required
 * - managedBy not a domain-prefixed path; longer than 63            → job-managed-by-invalid
 * - completionMode neither NonIndexed nor Indexed                    → job-completion-mode-unsupported
 * - Indexed and completions nil (after defaulting; CronJob templates
 *   are not defaulted)                                               → job-indexed-completions-required
 * - Indexed and parallelism > 100000;
 *   completions > 100000 + backoffLimitPerIndex and parallelism > 10000 → job-indexed-parallelism-too-high
 * - Indexed and maxFailedIndexes > completions; > 100000;
 *   > 10000 with completions > 100000 + backoffLimitPerIndex          → job-max-failed-indexes-too-high
 * - completions > 100000 + backoffLimitPerIndex, maxFailedIndexes nil → job-max-failed-indexes-required
 * - backoffLimitPerIndex / maxFailedIndexes while NonIndexed         → job-per-index-requires-indexed
 * - podReplacementPolicy ≠ Failed with podFailurePolicy;
 *   otherwise not Failed or TerminatingOrFailed                       → job-pod-replacement-policy-unsupported
 */
import { findingsOf, jobSpecPath, Json, RuleCase, runRuleTable, withJobSpec } from './fixtures';

type Change = (spec: Json) => void;
const set =
  (fields: Record<string, unknown>): Change =>
  (spec) =>
    Object.assign(spec, fields);
const indexed = (fields: Record<string, unknown> = {}): Change =>
  set({ completionMode: 'Indexed', completions: 10, ...fields });

interface SpecCase {
  readonly row: string;
  readonly rule: string;
  /** Relative to the JobSpec. */
  readonly field: string;
  readonly bad: Change;
  readonly good: Change;
  readonly version?: string;
}

const SPEC_CASES: SpecCase[] = [
  ...['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'].map(
    (field): SpecCase => ({
      row: `${field} < 0 (0 allowed)`,
      rule: 'job-negative-value',
      field,
      bad: set({ [field]: -1 }),
      good: set({ [field]: 0 }),
    }),
  ),
  {
    row: 'backoffLimitPerIndex < 0',
    rule: 'job-negative-value',
    field: 'backoffLimitPerIndex',
    bad: indexed({ backoffLimitPerIndex: -1 }),
    good: indexed({ backoffLimitPerIndex: 0 }),
    version: '1.29',
  },
  {
    row: 'maxFailedIndexes < 0',
    rule: 'job-negative-value',
    field: 'maxFailedIndexes',
    bad: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: -1 }),
    good: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 0 }),
    version: '1.29',
  },
  {
    row: 'backoffLimitPerIndex missing while maxFailedIndexes is set',
    rule: 'job-backoff-limit-per-index-required',
    field: 'backoffLimitPerIndex',
    bad: indexed({ maxFailedIndexes: 2 }),
    good: indexed({ maxFailedIndexes: 2, backoffLimitPerIndex: 1 }),
    version: '1.29',
  },
  {
    row: 'managedBy without a domain prefix',
    rule: 'job-managed-by-invalid',
    field: 'managedBy',
    bad: set({ managedBy: 'kueue' }),
    good: set({ managedBy: 'kueue.x-k8s.io/multikueue' }),
    version: '1.32',
  },
  {
    row: 'managedBy with an invalid domain',
    rule: 'job-managed-by-invalid',
    field: 'managedBy',
    bad: set({ managedBy: 'Kueue_IO/multikueue' }),
    good: set({ managedBy: 'kueue.io/multikueue' }),
    version: '1.32',
  },
  {
    row: 'managedBy with a space in the path',
    rule: 'job-managed-by-invalid',
    field: 'managedBy',
    bad: set({ managedBy: 'example.com/my controller' }),
    good: set({ managedBy: 'example.com/my-controller' }),
    version: '1.32',
  },
  {
    row: 'managedBy empty',
    rule: 'job-managed-by-invalid',
    field: 'managedBy',
    bad: set({ managedBy: '' }),
    good: set({}),
    version: '1.32',
  },
  {
    row: 'managedBy longer than 63 characters',
    rule: 'job-managed-by-invalid',
    field: 'managedBy',
    bad: set({ managedBy: `example.com/${'a'.repeat(52)}` }),
    good: set({ managedBy: `example.com/${'a'.repeat(51)}` }),
    version: '1.32',
  },
  {
    row: 'completionMode neither NonIndexed nor Indexed',
    rule: 'job-completion-mode-unsupported',
    field: 'completionMode',
    bad: set({ completionMode: 'indexed' }),
    good: set({ completionMode: 'NonIndexed' }),
  },
  {
    row: 'Indexed with parallelism but no completions',
    rule: 'job-indexed-completions-required',
    field: 'completions',
    bad: set({ completionMode: 'Indexed', parallelism: 3 }),
    good: set({ completionMode: 'Indexed', parallelism: 3, completions: 6 }),
  },
  {
    row: 'Indexed and parallelism > 100000',
    rule: 'job-indexed-parallelism-too-high',
    field: 'parallelism',
    bad: indexed({ parallelism: 100_001 }),
    good: indexed({ parallelism: 100_000 }),
  },
  {
    row: 'completions > 100000 with backoffLimitPerIndex and parallelism > 10000',
    rule: 'job-indexed-parallelism-too-high',
    field: 'parallelism',
    bad: indexed({ completions: 100_001, backoffLimitPerIndex: 1, maxFailedIndexes: 10, parallelism: 10_001 }),
    good: indexed({ completions: 100_001, backoffLimitPerIndex: 1, maxFailedIndexes: 10, parallelism: 10_000 }),
    version: '1.29',
  },
  {
    row: 'Indexed and maxFailedIndexes > completions',
    rule: 'job-max-failed-indexes-too-high',
    field: 'maxFailedIndexes',
    bad: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 11 }),
    good: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 10 }),
    version: '1.29',
  },
  {
    row: 'Indexed and maxFailedIndexes > 100000',
    rule: 'job-max-failed-indexes-too-high',
    field: 'maxFailedIndexes',
    bad: indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 100_001 }),
    good: indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 10_000 }),
    version: '1.29',
  },
  {
    row: 'completions > 100000 with backoffLimitPerIndex and maxFailedIndexes > 10000',
    rule: 'job-max-failed-indexes-too-high',
    field: 'maxFailedIndexes',
    bad: indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 10_001 }),
    good: indexed({ completions: 100_000, parallelism: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 10_001 }),
    version: '1.29',
  },
  {
    row: 'completions > 100000 with backoffLimitPerIndex and no maxFailedIndexes',
    rule: 'job-max-failed-indexes-required',
    field: 'maxFailedIndexes',
    bad: indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1 }),
    good: indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }),
    version: '1.29',
  },
  {
    row: 'backoffLimitPerIndex set while completionMode is unset',
    rule: 'job-per-index-requires-indexed',
    field: 'backoffLimitPerIndex',
    bad: set({ backoffLimitPerIndex: 1 }),
    good: indexed({ backoffLimitPerIndex: 1 }),
    version: '1.29',
  },
  {
    row: 'maxFailedIndexes set while NonIndexed',
    rule: 'job-per-index-requires-indexed',
    field: 'maxFailedIndexes',
    bad: set({ completionMode: 'NonIndexed', backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
    good: indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
    version: '1.29',
  },
  {
    row: 'podReplacementPolicy TerminatingOrFailed with a podFailurePolicy',
    rule: 'job-pod-replacement-policy-unsupported',
    field: 'podReplacementPolicy',
    bad: set({
      podReplacementPolicy: 'TerminatingOrFailed',
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    }),
    good: set({
      podReplacementPolicy: 'Failed',
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    }),
    version: '1.29',
  },
  {
    row: 'podReplacementPolicy not Failed or TerminatingOrFailed',
    rule: 'job-pod-replacement-policy-unsupported',
    field: 'podReplacementPolicy',
    bad: set({ podReplacementPolicy: 'Terminating' }),
    good: set({ podReplacementPolicy: 'TerminatingOrFailed' }),
    version: '1.29',
  },
];

describe.each(['Job', 'CronJob'] as const)('JobSpec rules in a %s', (kind) => {
  runRuleTable(
    SPEC_CASES.map((c): RuleCase => ({
      row: c.row,
      rule: c.rule,
      field: `${jobSpecPath(kind)}.${c.field}`,
      bad: withJobSpec(kind, c.bad),
      good: withJobSpec(kind, c.good),
      version: c.version,
    })),
  );
});

describe('defaulting decides some JobSpec findings', () => {
  test('a Job with completionMode Indexed and neither completions nor parallelism is defaulted to 1 and passes', () => {
    expect(
      findingsOf('job-indexed-completions-required', withJobSpec('Job', set({ completionMode: 'Indexed' }))),
    ).toEqual([]);
  });

  test('a CronJob template is not defaulted: Indexed without completions is reported', () => {
    const found = findingsOf(
      'job-indexed-completions-required',
      withJobSpec('CronJob', set({ completionMode: 'Indexed' })),
    );
    expect(found.map((f) => f.field)).toEqual(['spec.jobTemplate.spec.completions']);
    expect(found[0].message).toContain('not defaulted');
  });

  test('the limits for more than 100,000 completions apply from 1.29 only (checked on a CronJob, which keeps the alpha field in 1.28)', () => {
    const cronJob = withJobSpec('CronJob', indexed({ completions: 100_001, parallelism: 10, backoffLimitPerIndex: 1 }));
    expect(findingsOf('job-max-failed-indexes-required', cronJob, '1.28')).toEqual([]);
    expect(findingsOf('job-max-failed-indexes-required', cronJob, '1.29')).toHaveLength(1);
  });

  test('a gated-off field is dropped from a Job before validation: only the version finding remains', () => {
    const job = withJobSpec('Job', set({ backoffLimitPerIndex: -1, maxFailedIndexes: 2 }));
    const rules = findingsOf('job-negative-value', job, '1.28')
      .concat(findingsOf('job-per-index-requires-indexed', job, '1.28'))
      .concat(findingsOf('job-backoff-limit-per-index-required', job, '1.28'));
    expect(rules).toEqual([]);
    expect(findingsOf('field-unavailable-in-version', job, '1.28').map((f) => f.field)).toEqual([
      'spec.backoffLimitPerIndex',
      'spec.maxFailedIndexes',
    ]);
  });

  test('a CronJob keeps an alpha field in its template, so it is validated as well as reported', () => {
    const cronJob = withJobSpec('CronJob', set({ backoffLimitPerIndex: 1 }));
    expect(findingsOf('job-per-index-requires-indexed', cronJob, '1.28')).toHaveLength(1);
    expect(findingsOf('field-unavailable-in-version', cronJob, '1.28')).toHaveLength(1);
  });

  test('podReplacementPolicy defaults to Failed with a podFailurePolicy, which passes', () => {
    const job = withJobSpec(
      'Job',
      set({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3] } }] } }),
    );
    expect(findingsOf('job-pod-replacement-policy-unsupported', job, '1.29')).toEqual([]);
  });
});
