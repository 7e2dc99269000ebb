/**
 * Fields the target release cannot use (FEATURES in kubernetes-version.ts).
 *
 * Checklist (k8s-validation.md "since" columns and the feature gates → rule id):
 * - managedBy (alpha 1.30, on 1.32), successPolicy (alpha 1.30, on 1.31),
 *   backoffLimitPerIndex and maxFailedIndexes (alpha 1.28, on 1.29),
 *   podReplacementPolicy (alpha 1.28, on 1.29), podFailurePolicy (alpha 1.25, on 1.26),
 *   action FailIndex (1.29), CronJob timeZone (on 1.25)       → field-unavailable-in-version
 * - GA without change to the field's availability: podFailurePolicy 1.31, backoffLimitPerIndex and
 *   successPolicy 1.33, podReplacementPolicy 1.34, managedBy 1.35  → accepted 1.32 to 1.37
 * - workload-aware scheduling: pod template workloadRef (alpha 1.35, gone in 1.36), schedulingGroup
 *   (alpha 1.36, GenericWorkload off by default through 1.37), JobSpec scheduling (alpha 1.37,
 *   WorkloadWithJob off)                                          → field-unavailable-in-version
 * - a release newer than the library knows is checked as the newest known
 */
import { fieldUnavailableInVersion } from '../../../src/rules/api-server/version-gates';
import { ruleInput } from '../../../src/rules/registry';
import { apiServerFindings, findingsOf, goodCronJob, jobSpecPath, Json, objectWith, withJobSpec } from './fixtures';

/** An Indexed Job using every gated field, valid once all of them are on (1.32). */
function everyGatedField(kind: 'Job' | 'CronJob'): Json {
  return withJobSpec(kind, (spec) =>
    Object.assign(spec, {
      completionMode: 'Indexed',
      completions: 4,
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 2,
      podReplacementPolicy: 'Failed',
      managedBy: 'example.com/batch',
      successPolicy: { rules: [{ succeededCount: 3 }] },
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [7] } }] },
    }),
  );
}

const GATED = [
  'podFailurePolicy',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
  'podReplacementPolicy',
  'successPolicy',
  'managedBy',
];

describe.each(['Job', 'CronJob'] as const)('field-unavailable-in-version in a %s', (kind) => {
  const at = (field: string) => `${jobSpecPath(kind)}.${field}`;
  const fieldsAt = (release: string) =>
    findingsOf('field-unavailable-in-version', everyGatedField(kind), release).map((f) => f.field);

  test('1.28 (the default target): everything but podFailurePolicy is unavailable', () => {
    expect(fieldsAt('1.28')).toEqual([...GATED.slice(1).map(at), at('podFailurePolicy.rules[0].action')]);
  });

  test('1.31: only managedBy is still unavailable', () => {
    expect(fieldsAt('1.31')).toEqual([at('managedBy')]);
  });

  test.each(['1.32', '1.33', '1.34', '1.35', '1.36', '1.37', '1.38'])(
    '%s: everything is available and the object passes',
    (release) => {
      expect(fieldsAt(release)).toEqual([]);
      expect(apiServerFindings(everyGatedField(kind), release)).toEqual([]);
    },
  );

  test('JobSpec scheduling (1.37) is alpha behind WorkloadWithJob, which no release turns on by default', () => {
    const object = withJobSpec(kind, (spec) => {
      Object.assign(spec, { completionMode: 'Indexed', completions: 4, parallelism: 4 });
      spec.scheduling = { schedulingPolicy: { gang: {} } };
    });
    const at37 = findingsOf('field-unavailable-in-version', object, '1.37');
    expect(at37.map((f) => f.field)).toEqual([at('scheduling')]);
    expect(at37[0].message).toMatch(
      /^scheduling needs the WorkloadWithJob feature gate, .* its WorkloadWithJob feature gate is off by default/,
    );
    expect(at37[0].fix).toMatch(/^Remove scheduling/);
    expect(findingsOf('field-unavailable-in-version', object, '1.36')[0].message).toContain(
      'does not have it: the API server drops it as an unknown field',
    );
    expect(findingsOf('field-unavailable-in-version', objectWith(kind), '1.37')).toEqual([]);
  });

  test('the pod template schedulingGroup (1.36) and workloadRef (1.35 only) need GenericWorkload', () => {
    const object = withJobSpec(kind, (spec) => {
      spec.template.spec.schedulingGroup = { podGroupName: 'trainers' };
      spec.template.spec.workloadRef = { name: 'training', podGroup: 'workers' };
    });
    const findings = (release: string) => findingsOf('field-unavailable-in-version', object, release);
    const podSpec = (field: string) => at(`template.spec.${field}`);
    expect(findings('1.35').map((f) => f.field)).toEqual([podSpec('workloadRef'), podSpec('schedulingGroup')]);
    expect(findings('1.35')[0].message).toContain('its GenericWorkload feature gate is off by default');
    expect(findings('1.35')[0].message).toContain('drops it from the pod template');
    expect(findings('1.36')[0].message).toContain('no longer has it (it was removed in 1.36)');
    expect(findings('1.37')[1].message).toMatch(/^schedulingGroup needs the GenericWorkload feature gate/);
    expect(findings('1.34').map((f) => f.message)).toEqual([
      expect.stringContaining('It arrives as alpha in 1.35.'),
      expect.stringContaining('It arrives as alpha in 1.36.'),
    ]);
  });

  test('1.25: the alpha podFailurePolicy is unavailable too', () => {
    expect(fieldsAt('1.25')).toContain(at('podFailurePolicy'));
    expect(fieldsAt('1.26')).not.toContain(at('podFailurePolicy'));
  });

  test.each([
    ['managedBy', '1.31', '1.32', { managedBy: 'example.com/batch' }],
    [
      'successPolicy',
      '1.30',
      '1.31',
      { completionMode: 'Indexed', completions: 2, successPolicy: { rules: [{ succeededCount: 1 }] } },
    ],
    ['backoffLimitPerIndex', '1.28', '1.29', { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 }],
    [
      'maxFailedIndexes',
      '1.28',
      '1.29',
      { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 1 },
    ],
    ['podReplacementPolicy', '1.28', '1.29', { podReplacementPolicy: 'Failed' }],
  ])('%s is reported in %s and accepted from %s', (field, before, from, fields) => {
    const object = withJobSpec(kind, (spec) => Object.assign(spec, fields));
    const found = findingsOf('field-unavailable-in-version', object, before).filter((f) => f.field === at(field));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`Kubernetes ${from} or later`);
    expect(found[0].fix).toContain(from);
    expect(findingsOf('field-unavailable-in-version', object, from)).toEqual([]);
  });
});

describe('version gate details', () => {
  test('the same object at 1.28 and 1.31: a success policy is an error before it is on, and is validated after', () => {
    const job = withJobSpec('Job', (spec) =>
      Object.assign(spec, {
        completionMode: 'Indexed',
        completions: 3,
        successPolicy: { rules: [{ succeededIndexes: '0-3' }] },
      }),
    );
    expect(apiServerFindings(job, '1.28').map((f) => `${f.rule} ${f.field}`)).toEqual([
      'field-unavailable-in-version spec.successPolicy',
    ]);
    expect(apiServerFindings(job, '1.31').map((f) => `${f.rule} ${f.field}`)).toEqual([
      'job-success-policy-indexes-invalid spec.successPolicy.rules[0].succeededIndexes',
    ]);
  });

  test('the messages tell a field unknown to the release from one whose gate is off', () => {
    const job = withJobSpec('Job', (spec) => (spec.managedBy = 'example.com/batch'));
    expect(findingsOf('field-unavailable-in-version', job, '1.28')[0].message).toContain('does not have it');
    expect(findingsOf('field-unavailable-in-version', job, '1.30')[0].message).toContain(
      'silently drops it from the Job',
    );
    const cronJob = withJobSpec('CronJob', (spec) => (spec.managedBy = 'example.com/batch'));
    expect(findingsOf('field-unavailable-in-version', cronJob, '1.30')[0].message).toContain(
      'drops it from every Job created from it',
    );
  });

  test('a CronJob timeZone needs 1.25 (checked below the oldest supported release)', () => {
    const check = (minor: number) =>
      fieldUnavailableInVersion.check(ruleInput('CronJob', goodCronJob(), { major: 1, minor }, 0));
    expect(check(24).map((v) => v.field)).toEqual(['spec.timeZone']);
    expect(check(25)).toEqual([]);
  });
});
