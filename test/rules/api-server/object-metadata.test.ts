/**
 * Object metadata and the limits derived from names.
 *
 * Checklist (k8s-validation.md §0 and §1 → rule id):
 * - §1 metadata.name DNS-1123 subdomain (Job, CronJob)          → metadata-name-invalid
 *   (name or generateName required; generateName prefix)       → metadata-name-required, metadata-name-invalid
 *   (namespace, part of the same ValidateObjectMeta)            → metadata-namespace-invalid
 * - §0/§1 Job name > 63 at spec.template.labels (job-name labels),
 *   also at metadata.labels when the Job inherits template labels → job-name-too-long
 * - §1 Indexed "<name>-<completions-1>" must be a DNS-1123 label  → job-indexed-pod-hostname-invalid
 * - §1 CronJob name > 52                                         → cronjob-name-too-long
 * - §1 ownerReferences (apiVersion, kind, name, uid, no Event, one controller) → metadata-owner-references-invalid
 * - finalizers (qualified names, a domain unless standard, not orphan with foregroundDeletion) → metadata-finalizers-invalid
 * - a resourceVersion on create (refused by the storage layer)  → metadata-resource-version-set
 * - §1 labels and annotations (object and pod template);
 *   §0 bad template label also at metadata.labels when inherited  → metadata-labels-invalid,
 *                                                                  metadata-annotations-invalid,
 *                                                                  metadata-annotations-too-large
 */
import { findingsOf, Json, objectWith, RuleCase, runRuleTable, withJobSpec } from './fixtures';

const name = (length: number, char = 'a') => char.repeat(length);
const OWNER = {
  apiVersion: 'pxc.percona.com/v1',
  kind: 'PerconaXtraDBCluster',
  name: 'cluster-a',
  uid: 'b6f1c0de-0000-4000-8000-000000000001',
};
const rename = (kind: 'Job' | 'CronJob', value: string) => objectWith(kind, (o) => (o.metadata.name = value));
/** The object without a name, to be named from generateName `prefix`. */
const generated = (kind: 'Job' | 'CronJob', prefix: string) =>
  objectWith(kind, (o) => {
    delete o.metadata.name;
    o.metadata.generateName = prefix;
  });

describe('object metadata rules', () => {
  const cases: RuleCase[] = [];
  for (const kind of ['Job', 'CronJob'] as const) {
    cases.push(
      {
        row: `${kind}: name missing (no generateName)`,
        rule: 'metadata-name-required',
        field: 'metadata.name',
        bad: objectWith(kind, (o) => delete o.metadata.name),
        good: generated(kind, 'report-'),
      },
      {
        row: `${kind}: name with uppercase letters is not a DNS-1123 subdomain`,
        rule: 'metadata-name-invalid',
        field: 'metadata.name',
        bad: rename(kind, 'Nightly-Report'),
        good: rename(kind, 'nightly.report'),
      },
      {
        row: `${kind}: name longer than 253 characters`,
        rule: 'metadata-name-invalid',
        field: 'metadata.name',
        bad: rename(kind, `${name(60)}.${name(60)}.${name(60)}.${name(60)}.${name(20)}`),
        good: rename(kind, 'report-2'),
      },
      {
        row: `${kind}: generateName prefix with an underscore`,
        rule: 'metadata-name-invalid',
        field: 'metadata.generateName',
        bad: generated(kind, 'nightly_report-'),
        good: generated(kind, 'nightly-report-'),
      },
      {
        row: `${kind}: namespace is not a DNS-1123 label`,
        rule: 'metadata-namespace-invalid',
        field: 'metadata.namespace',
        bad: objectWith(kind, (o) => (o.metadata.namespace = 'team.reports')),
        good: objectWith(kind, (o) => (o.metadata.namespace = 'team-reports')),
      },
      {
        row: `${kind}: an owner reference without a uid`,
        rule: 'metadata-owner-references-invalid',
        field: 'metadata.ownerReferences[1].uid',
        bad: objectWith(kind, (o) => (o.metadata.ownerReferences = [OWNER, { ...OWNER, name: 'cluster-b', uid: '' }])),
        good: objectWith(kind, (o) => (o.metadata.ownerReferences = [OWNER])),
      },
      {
        row: `${kind}: an owner reference whose apiVersion has no version`,
        rule: 'metadata-owner-references-invalid',
        field: 'metadata.ownerReferences[0].apiVersion',
        bad: objectWith(kind, (o) => (o.metadata.ownerReferences = [{ ...OWNER, apiVersion: 'pxc.percona.com/' }])),
        good: objectWith(
          kind,
          (o) => (o.metadata.ownerReferences = [{ ...OWNER, apiVersion: 'v1', kind: 'ConfigMap' }]),
        ),
      },
      {
        row: `${kind}: two controller owner references`,
        rule: 'metadata-owner-references-invalid',
        field: 'metadata.ownerReferences[1]',
        bad: objectWith(
          kind,
          (o) =>
            (o.metadata.ownerReferences = [
              { ...OWNER, controller: true },
              { ...OWNER, name: 'cluster-b', uid: 'b6f1c0de-0000-4000-8000-000000000002', controller: true },
            ]),
        ),
        good: objectWith(
          kind,
          (o) =>
            (o.metadata.ownerReferences = [
              { ...OWNER, controller: true },
              { ...OWNER, name: 'cluster-b', uid: 'b6f1c0de-0000-4000-8000-000000000002', controller: false },
            ]),
        ),
      },
      {
        row: `${kind}: the same controller reference written twice is one (the API server drops the copy), not two controllers`,
        rule: 'metadata-owner-references-invalid',
        field: 'metadata.ownerReferences[1]',
        bad: objectWith(
          kind,
          (o) =>
            (o.metadata.ownerReferences = [
              { ...OWNER, controller: true },
              { ...OWNER, controller: true, blockOwnerDeletion: true },
            ]),
        ),
        good: objectWith(
          kind,
          (o) =>
            (o.metadata.ownerReferences = [
              { ...OWNER, controller: true },
              { ...OWNER, controller: true },
            ]),
        ),
      },
      {
        row: `${kind}: a finalizer without a domain that is not one of Kubernetes' own`,
        rule: 'metadata-finalizers-invalid',
        field: 'metadata.finalizers[1]',
        bad: objectWith(kind, (o) => (o.metadata.finalizers = ['example.com/cleanup', 'cleanup'])),
        good: objectWith(kind, (o) => (o.metadata.finalizers = ['example.com/cleanup', 'foregroundDeletion'])),
      },
      {
        row: `${kind}: a finalizer that is not a qualified name`,
        rule: 'metadata-finalizers-invalid',
        field: 'metadata.finalizers[0]',
        bad: objectWith(kind, (o) => (o.metadata.finalizers = ['example.com/'])),
        good: objectWith(kind, (o) => (o.metadata.finalizers = ['kubernetes'])),
      },
      {
        row: `${kind}: orphan and foregroundDeletion together`,
        rule: 'metadata-finalizers-invalid',
        field: 'metadata.finalizers',
        bad: objectWith(kind, (o) => (o.metadata.finalizers = ['orphan', 'foregroundDeletion'])),
        good: objectWith(kind, (o) => (o.metadata.finalizers = ['orphan'])),
      },
      {
        row: `${kind}: a resourceVersion copied from a live object`,
        rule: 'metadata-resource-version-set',
        field: 'metadata.resourceVersion',
        bad: objectWith(kind, (o) => (o.metadata.resourceVersion = '48213')),
        good: objectWith(kind, (o) => (o.metadata.resourceVersion = '')),
      },
      {
        row: `${kind}: a generateName prefix that passes its check but generates an invalid name`,
        rule: 'metadata-name-invalid',
        field: 'metadata.name',
        bad: generated(kind, 'A-'),
        good: generated(kind, 'a-'),
      },
      {
        row: `${kind}: a generateName prefix is checked beside a name too`,
        rule: 'metadata-name-invalid',
        field: 'metadata.generateName',
        bad: objectWith(kind, (o) => (o.metadata.generateName = 'Report-')),
        good: objectWith(kind, (o) => (o.metadata.generateName = 'report-')),
      },
      {
        row: `${kind}: an Event as owner`,
        rule: 'metadata-owner-references-invalid',
        field: 'metadata.ownerReferences[0]',
        bad: objectWith(kind, (o) => (o.metadata.ownerReferences = [{ ...OWNER, apiVersion: 'v1', kind: 'Event' }])),
        // Only the core v1 Event is banned.
        good: objectWith(
          kind,
          (o) => (o.metadata.ownerReferences = [{ ...OWNER, apiVersion: 'events.k8s.io/v1', kind: 'Event' }]),
        ),
      },
      {
        row: `${kind}: label value longer than 63 characters`,
        rule: 'metadata-labels-invalid',
        field: 'metadata.labels',
        bad: objectWith(kind, (o) => (o.metadata.labels.version = name(64))),
        good: objectWith(kind, (o) => (o.metadata.labels.version = name(63))),
      },
      {
        row: `${kind}: label value with a space`,
        rule: 'metadata-labels-invalid',
        field: 'metadata.labels',
        bad: objectWith(kind, (o) => (o.metadata.labels.team = 'data team')),
        good: objectWith(kind, (o) => (o.metadata.labels.team = 'data_team.1')),
      },
      {
        row: `${kind}: label key with two slashes`,
        rule: 'metadata-labels-invalid',
        field: 'metadata.labels',
        bad: objectWith(kind, (o) => (o.metadata.labels['example.com/a/b'] = 'x')),
        good: objectWith(kind, (o) => (o.metadata.labels['example.com/a-b'] = 'x')),
      },
      {
        row: `${kind}: label key prefix is not a DNS subdomain`,
        rule: 'metadata-labels-invalid',
        field: 'metadata.labels',
        bad: objectWith(kind, (o) => (o.metadata.labels['Example.com/team'] = 'x')),
        good: objectWith(kind, (o) => (o.metadata.labels['example.com/Team'] = 'x')),
      },
      {
        row: `${kind}: label key name part longer than 63 characters`,
        rule: 'metadata-labels-invalid',
        field: 'metadata.labels',
        bad: objectWith(kind, (o) => (o.metadata.labels[name(64)] = 'x')),
        good: objectWith(kind, (o) => (o.metadata.labels[name(63)] = 'x')),
      },
      {
        row: `${kind}: pod template label value invalid (reported at the template's labels)`,
        rule: 'metadata-labels-invalid',
        field: `${kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec'}.template.labels`,
        bad: withJobSpec(kind, (s) => (s.template.metadata.labels.app = '-report')),
        good: withJobSpec(kind, (s) => (s.template.metadata.labels.app = 'report_1')),
      },
      {
        row: `${kind}: annotation key with a space`,
        rule: 'metadata-annotations-invalid',
        field: 'metadata.annotations',
        bad: objectWith(kind, (o) => (o.metadata.annotations = { 'owner name': 'x' })),
        good: objectWith(kind, (o) => (o.metadata.annotations = { 'Owner-Name': 'x' })),
      },
      {
        row: `${kind}: pod template annotation key invalid`,
        rule: 'metadata-annotations-invalid',
        field: `${kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec'}.template.annotations`,
        bad: withJobSpec(kind, (s) => (s.template.metadata.annotations = { '/purpose': 'x' })),
        good: withJobSpec(kind, (s) => (s.template.metadata.annotations = { 'example.com/purpose': 'x' })),
      },
      {
        row: `${kind}: annotations larger than 256 KiB`,
        rule: 'metadata-annotations-too-large',
        field: 'metadata.annotations',
        bad: objectWith(kind, (o) => (o.metadata.annotations = { big: 'x'.repeat(256 * 1024) })),
        good: objectWith(kind, (o) => (o.metadata.annotations = { big: 'x'.repeat(256 * 1024 - 3) })),
      },
    );
  }
  cases.push(
    {
      row: 'Job: pod template annotations larger than 256 KiB (multi-byte characters count as bytes)',
      rule: 'metadata-annotations-too-large',
      field: 'spec.template.annotations',
      bad: withJobSpec('Job', (s) => (s.template.metadata.annotations = { note: 'é'.repeat(128 * 1024) })),
      good: withJobSpec('Job', (s) => (s.template.metadata.annotations = { note: 'é'.repeat(128 * 1024 - 4) })),
    },
    {
      row: 'Job: a bad template label is also reported at metadata.labels when the Job has no labels of its own',
      rule: 'metadata-labels-invalid',
      field: 'metadata.labels',
      bad: objectWith('Job', (o) => {
        delete o.metadata.labels;
        o.spec.template.metadata.labels.app = 'a b';
      }),
      good: objectWith('Job', (o) => (o.spec.template.metadata.labels.app = 'a-b')),
    },
    {
      row: 'Job: name of 64 characters is reported at spec.template.labels',
      rule: 'job-name-too-long',
      field: 'spec.template.labels',
      bad: rename('Job', name(64)),
      good: rename('Job', name(63)),
    },
    {
      row: 'Job: name of 64 characters without own labels is also reported at metadata.labels',
      rule: 'job-name-too-long',
      field: 'metadata.labels',
      bad: objectWith('Job', (o) => {
        o.metadata.name = name(64);
        o.metadata.labels = {};
      }),
      good: objectWith('Job', (o) => (o.metadata.labels = {})),
    },
    {
      row: 'Indexed Job: "<name>-<completions-1>" longer than 63 characters',
      rule: 'job-indexed-pod-hostname-invalid',
      field: 'metadata.name',
      bad: objectWith('Job', (o) => {
        o.metadata.name = name(60);
        Object.assign(o.spec, { completionMode: 'Indexed', completions: 1000 });
      }),
      good: objectWith('Job', (o) => {
        o.metadata.name = name(59);
        Object.assign(o.spec, { completionMode: 'Indexed', completions: 1000 });
      }),
    },
    {
      row: 'Indexed Job: a dotted name is a subdomain but not a DNS label',
      rule: 'job-indexed-pod-hostname-invalid',
      field: 'metadata.name',
      bad: objectWith('Job', (o) => {
        o.metadata.name = 'nightly.report';
        Object.assign(o.spec, { completionMode: 'Indexed', completions: 3 });
      }),
      good: objectWith('Job', (o) => (o.metadata.name = 'nightly.report')),
    },
    {
      row: 'CronJob: name longer than 52 characters',
      rule: 'cronjob-name-too-long',
      field: 'metadata.name',
      bad: rename('CronJob', name(53)),
      good: rename('CronJob', name(52)),
    },
    {
      row: 'CronJob: a generated name longer than 52 characters',
      rule: 'cronjob-name-too-long',
      field: 'metadata.name',
      bad: objectWith('CronJob', (o) => {
        delete o.metadata.name;
        o.metadata.generateName = `${name(47)}-`;
      }),
      good: objectWith('CronJob', (o) => {
        delete o.metadata.name;
        o.metadata.generateName = `${name(46)}-`;
      }),
    },
  );
  runRuleTable(cases);
});

describe('name limits in detail', () => {
  test('job-name-too-long: a manual selector means no generated labels, so no finding', () => {
    const job: Json = objectWith('Job', (o) => {
      o.metadata.name = name(64);
      o.spec.manualSelector = true;
      o.spec.selector = { matchLabels: { app: 'report' } };
    });
    expect(findingsOf('job-name-too-long', job)).toEqual([]);
  });

  test('job-name-too-long: a Job with labels of its own is reported once, at spec.template.labels', () => {
    expect(findingsOf('job-name-too-long', rename('Job', name(70))).map((f) => f.field)).toEqual([
      'spec.template.labels',
    ]);
  });

  test('job-name-too-long: a 253-character name passes metadata-name-invalid but not the label limit', () => {
    const job = rename('Job', `${name(63)}.${name(63)}.${name(63)}.${name(61)}`);
    expect(findingsOf('metadata-name-invalid', job)).toEqual([]);
    expect(findingsOf('job-name-too-long', job)).toHaveLength(1);
  });

  test('job-indexed-pod-hostname-invalid does not apply to a CronJob (validateJobSpec has no such check)', () => {
    const cronJob = objectWith('CronJob', (o) => {
      o.metadata.name = 'nightly.report';
      Object.assign(o.spec.jobTemplate.spec, { completionMode: 'Indexed', completions: 3 });
    });
    expect(findingsOf('job-indexed-pod-hostname-invalid', cronJob)).toEqual([]);
  });

  test('job-indexed-pod-hostname-invalid quotes the last hostname', () => {
    const job = objectWith('Job', (o) => {
      o.metadata.name = name(62);
      Object.assign(o.spec, { completionMode: 'Indexed', completions: 11 });
    });
    expect(findingsOf('job-indexed-pod-hostname-invalid', job)[0].message).toContain(`${name(62)}-10`);
  });

  test('annotation keys are checked ignoring case, label keys are not lowercased', () => {
    const job = objectWith('Job', (o) => {
      o.metadata.annotations = { 'Example.COM/Owner': 'x' };
      o.metadata.labels = { 'Example.COM/Owner': 'x' };
    });
    expect(findingsOf('metadata-annotations-invalid', job)).toEqual([]);
    expect(findingsOf('metadata-labels-invalid', job)).toHaveLength(1);
  });

  test('an empty label value is valid', () => {
    expect(
      findingsOf(
        'metadata-labels-invalid',
        objectWith('Job', (o) => (o.metadata.labels.flag = '')),
      ),
    ).toEqual([]);
  });
});
