/** Pod template annotations the API server reads: seccomp and AppArmor, pod-deletion-cost, mirror pods. */
import { findingsOf, jobSpecPath, Json, Kind, RuleCase, runRuleTable, withJobSpec } from '../fixtures';

const RULE = 'pod-template-annotations-invalid';

/** The Job (or CronJob) whose pod template has `annotations`, after `change` to its pod spec. */
const annotated =
  (annotations: Json, change: (podSpec: Json) => void = () => {}) =>
  (kind: Kind) =>
    withJobSpec(kind, (s) => {
      s.template.metadata = { ...s.template.metadata, annotations };
      change(s.template.spec);
    });

interface AnnotationCase {
  readonly row: string;
  /** Relative to `<jobSpec>.template`. */
  readonly field: string;
  readonly bad: (kind: Kind) => Json;
  readonly good: (kind: Kind) => Json;
}

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const APPARMOR_MAIN = 'container.apparmor.security.beta.kubernetes.io/main';

const CASES: AnnotationCase[] = [
  {
    row: 'a seccomp annotation written like the field',
    field: `annotations[${SECCOMP_POD}]`,
    bad: annotated({ [SECCOMP_POD]: 'RuntimeDefault' }),
    good: annotated({ [SECCOMP_POD]: 'runtime/default' }),
  },
  {
    row: 'a localhost seccomp profile that climbs out',
    field: 'annotations[container.seccomp.security.alpha.kubernetes.io/main]',
    bad: annotated({ 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/../etc/profile.json' }),
    good: annotated({ 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/profiles/job.json' }),
  },
  {
    row: 'a seccomp annotation that disagrees with the field',
    field: 'spec.securityContext.seccompProfile.type',
    bad: annotated(
      { [SECCOMP_POD]: 'unconfined' },
      (p) => (p.securityContext = { seccompProfile: { type: 'RuntimeDefault' } }),
    ),
    good: annotated(
      { [SECCOMP_POD]: 'docker/default' },
      (p) => (p.securityContext = { seccompProfile: { type: 'RuntimeDefault' } }),
    ),
  },
  {
    row: 'a container seccomp annotation naming another localhost profile than the field',
    field: 'spec.containers[0].securityContext.seccompProfile.localhostProfile',
    bad: annotated({ 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/a.json' }, (p) => {
      p.containers[0].securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'b.json' } };
    }),
    good: annotated({ 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/b.json' }, (p) => {
      p.containers[0].securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'b.json' } };
    }),
  },
  {
    row: 'an AppArmor annotation for a container the pod lacks',
    field: 'annotations[container.apparmor.security.beta.kubernetes.io/worker]',
    bad: annotated({ 'container.apparmor.security.beta.kubernetes.io/worker': 'runtime/default' }),
    good: annotated({ [APPARMOR_MAIN]: 'runtime/default' }),
  },
  {
    row: 'an AppArmor annotation with an unknown profile',
    field: `annotations[${APPARMOR_MAIN}]`,
    bad: annotated({ [APPARMOR_MAIN]: 'RuntimeDefault' }),
    good: annotated({ [APPARMOR_MAIN]: 'localhost/k8s-batch' }),
  },
  {
    row: 'a pod-deletion-cost that is not a 32-bit integer',
    field: 'annotations[controller.kubernetes.io/pod-deletion-cost]',
    bad: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '3000000000' }),
    good: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '-100' }),
  },
  {
    row: 'a pod-deletion-cost with a plus sign',
    field: 'annotations[controller.kubernetes.io/pod-deletion-cost]',
    bad: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '+10' }),
    good: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '10' }),
  },
  {
    row: 'a pod-deletion-cost with a leading zero (a minus sign before it is fine)',
    field: 'annotations[controller.kubernetes.io/pod-deletion-cost]',
    bad: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '008' }),
    good: annotated({ 'controller.kubernetes.io/pod-deletion-cost': '-08' }),
  },
  {
    row: 'the mirror-pod annotation without nodeName',
    field: 'annotations[kubernetes.io/config.mirror]',
    bad: annotated({ 'kubernetes.io/config.mirror': 'x' }),
    good: annotated({ 'kubernetes.io/config.mirror': 'x' }, (p) => (p.nodeName = 'node-a')),
  },
];

describe.each(['Job', 'CronJob'] as const)('pod template annotations in a %s', (kind) => {
  runRuleTable(
    CASES.map((c): RuleCase => ({
      row: c.row,
      rule: RULE,
      field: `${jobSpecPath(kind)}.template.${c.field}`,
      bad: c.bad(kind),
      good: c.good(kind),
    })),
  );
});

test('a template without these annotations has no finding', () => {
  expect(findingsOf(RULE, annotated({ 'example.com/owner': 'data' })('Job'))).toEqual([]);
});

describe('AppArmor annotations against the appArmorProfile fields (1.30+)', () => {
  const fields = (job: Json, release = '1.35') => findingsOf(RULE, job, release).map((f) => f.field);

  test.each(['Job', 'CronJob'] as const)(
    "a container annotation that disagrees with the pod's profile is reported at the container's field (%s)",
    (kind) => {
      const job = annotated({ [APPARMOR_MAIN]: 'runtime/default' }, (p) => {
        p.securityContext = { appArmorProfile: { type: 'Unconfined' } };
      })(kind);
      expect(fields(job)).toEqual([
        `${jobSpecPath(kind)}.template.spec.containers[0].securityContext.appArmorProfile.type`,
      ]);
      expect(fields(job, '1.29')).toEqual([]);
    },
  );

  test("a container's own profile wins over the pod's; a Localhost profile must name the same file", () => {
    const agree = annotated({ [APPARMOR_MAIN]: 'localhost/k8s-batch' }, (p) => {
      p.securityContext = { appArmorProfile: { type: 'RuntimeDefault' } };
      p.containers[0].securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-batch' } };
    })('Job');
    expect(fields(agree)).toEqual([]);
    const other = annotated({ [APPARMOR_MAIN]: 'localhost/k8s-other' }, (p) => {
      p.containers[0].securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-batch' } };
    })('Job');
    expect(fields(other)).toEqual([
      'spec.template.spec.containers[0].securityContext.appArmorProfile.localhostProfile',
    ]);
  });

  test('a Windows pod is not compared', () => {
    const job = annotated({ [APPARMOR_MAIN]: 'runtime/default' }, (p) => {
      p.os = { name: 'windows' };
      p.securityContext = { appArmorProfile: { type: 'Unconfined' } };
    })('Job');
    expect(fields(job)).toEqual([]);
  });
});
