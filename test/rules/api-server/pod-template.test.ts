/**
 * The pod template basics, in a Job and in a CronJob's job template.
 *
 * Checklist (k8s-validation.md §0 defaulting and §2 template rows → rule id):
 * - template.*: containers required                          → pod-containers-required
 * - container name required / a DNS-1123 label               → pod-container-name-invalid
 * - container names unique across containers and initContainers → pod-container-name-duplicate
 * - image required                                           → pod-container-image-required
 * - template.spec.activeDeadlineSeconds 1..2147483647 (0 invalid) → pod-active-deadline-out-of-range
 * - template.spec.restartPolicy missing (defaults to Always) or Always
 *   → Required; any other value but OnFailure/Never → NotSupported → job-restart-policy-invalid
 * - template labels and annotations: see object-metadata.test.ts
 */
import { findingsOf, jobSpecPath, Json, RuleCase, runRuleTable, withJobSpec } from './fixtures';

type Change = (podSpec: Json) => void;
interface PodCase {
  readonly row: string;
  readonly rule: string;
  /** Relative to `<jobSpec>.template.spec`. */
  readonly field: string;
  readonly bad: Change;
  readonly good: Change;
}

const CASES: PodCase[] = [
  {
    row: 'no containers',
    rule: 'pod-containers-required',
    field: 'containers',
    bad: (p) => (p.containers = []),
    good: () => {},
  },
  {
    row: 'containers missing',
    rule: 'pod-containers-required',
    field: 'containers',
    bad: (p) => delete p.containers,
    good: () => {},
  },
  {
    row: 'container without a name',
    rule: 'pod-container-name-invalid',
    field: 'containers[0].name',
    bad: (p) => delete p.containers[0].name,
    good: () => {},
  },
  {
    row: 'container name not a DNS-1123 label',
    rule: 'pod-container-name-invalid',
    field: 'containers[0].name',
    bad: (p) => (p.containers[0].name = 'Main_Container'),
    good: (p) => (p.containers[0].name = 'main-container'),
  },
  {
    row: 'init container name longer than 63 characters',
    rule: 'pod-container-name-invalid',
    field: 'initContainers[0].name',
    bad: (p) => (p.initContainers[0].name = 'a'.repeat(64)),
    good: (p) => (p.initContainers[0].name = 'a'.repeat(63)),
  },
  {
    row: 'two containers with one name',
    rule: 'pod-container-name-duplicate',
    field: 'containers[1].name',
    bad: (p) => p.containers.push({ name: 'main', image: 'busybox:1.36' }),
    good: (p) => p.containers.push({ name: 'sidecar', image: 'busybox:1.36' }),
  },
  {
    row: 'an init container named like a container',
    rule: 'pod-container-name-duplicate',
    field: 'initContainers[0].name',
    bad: (p) => (p.initContainers[0].name = 'main'),
    good: (p) => (p.initContainers[0].name = 'setup'),
  },
  {
    row: 'container without an image',
    rule: 'pod-container-image-required',
    field: 'containers[0].image',
    bad: (p) => delete p.containers[0].image,
    good: () => {},
  },
  {
    row: 'init container with an empty image',
    rule: 'pod-container-image-required',
    field: 'initContainers[0].image',
    bad: (p) => (p.initContainers[0].image = ''),
    good: (p) => (p.initContainers[0].image = 'busybox:1.36'),
  },
  {
    row: 'pod activeDeadlineSeconds 0',
    rule: 'pod-active-deadline-out-of-range',
    field: 'activeDeadlineSeconds',
    bad: (p) => (p.activeDeadlineSeconds = 0),
    good: (p) => (p.activeDeadlineSeconds = 1),
  },
  {
    row: 'pod activeDeadlineSeconds above 2147483647',
    rule: 'pod-active-deadline-out-of-range',
    field: 'activeDeadlineSeconds',
    bad: (p) => (p.activeDeadlineSeconds = 2_147_483_648),
    good: (p) => (p.activeDeadlineSeconds = 2_147_483_647),
  },
  {
    row: 'restartPolicy missing (defaults to Always)',
    rule: 'job-restart-policy-invalid',
    field: 'restartPolicy',
    bad: (p) => delete p.restartPolicy,
    good: (p) => (p.restartPolicy = 'OnFailure'),
  },
  {
    row: 'restartPolicy empty',
    rule: 'job-restart-policy-invalid',
    field: 'restartPolicy',
    bad: (p) => (p.restartPolicy = ''),
    good: () => {},
  },
  {
    row: 'restartPolicy Always',
    rule: 'job-restart-policy-invalid',
    field: 'restartPolicy',
    bad: (p) => (p.restartPolicy = 'Always'),
    good: () => {},
  },
  {
    row: 'restartPolicy other value',
    rule: 'job-restart-policy-invalid',
    field: 'restartPolicy',
    bad: (p) => (p.restartPolicy = 'never'),
    good: () => {},
  },
];

describe.each(['Job', 'CronJob'] as const)('pod template rules in a %s', (kind) => {
  runRuleTable(
    CASES.map((c): RuleCase => ({
      row: c.row,
      rule: c.rule,
      field: `${jobSpecPath(kind)}.template.spec.${c.field}`,
      bad: withJobSpec(kind, (spec) => c.bad(spec.template.spec)),
      good: withJobSpec(kind, (spec) => c.good(spec.template.spec)),
    })),
  );
});

describe('pod template details', () => {
  test('a missing restartPolicy says it defaulted to Always', () => {
    const [finding] = findingsOf(
      'job-restart-policy-invalid',
      withJobSpec('Job', (spec) => delete spec.template.spec.restartPolicy),
    );
    expect(finding.message).toContain('defaults to Always');
    expect(finding.message).toContain('Required value');
  });

  test('a missing template is reported as missing containers and the defaulted restartPolicy', () => {
    const found = findingsOf(
      'pod-containers-required',
      withJobSpec('Job', (spec) => delete spec.template),
    ).concat(
      findingsOf(
        'job-restart-policy-invalid',
        withJobSpec('Job', (spec) => delete spec.template),
      ),
    );
    expect(found.map((f) => f.field)).toEqual(['spec.template.spec.containers', 'spec.template.spec.restartPolicy']);
  });

  test('the Job-level activeDeadlineSeconds may be 0, the pod-level one may not', () => {
    const job = withJobSpec('Job', (spec) => (spec.activeDeadlineSeconds = 0));
    expect(findingsOf('job-negative-value', job)).toEqual([]);
    expect(findingsOf('pod-active-deadline-out-of-range', job)).toEqual([]);
  });
});
