import { ManifestDocument } from '../../src/manifests/document';
import { countFindings, lintDocuments, ValidateFunction } from '../../src/manifests/lint';
import { Finding, Severity } from '../../src/rules/finding';
import { ValidateOptions } from '../../src/rules/registry';

/** A stand-in for the rule registry: one error for restartPolicy Always, one warning for a missing TTL. */
const fakeRules: ValidateFunction = (object: any) => {
  const findings: Finding[] = [];
  const spec = object.kind === 'Job' ? object.spec : object.spec?.jobTemplate?.spec;
  if (spec?.template?.spec?.restartPolicy === 'Always') {
    findings.push({
      rule: 'fake-restart-policy',
      severity: Severity.ERROR,
      field: 'spec.template.spec.restartPolicy',
      message: 'Always is not allowed',
      fix: 'Use Never',
    });
  }
  if (object.kind === 'Job' && spec?.ttlSecondsAfterFinished === undefined) {
    findings.push({
      rule: 'fake-ttl',
      severity: Severity.WARNING,
      field: 'spec.ttlSecondsAfterFinished',
      message: 'no TTL',
      fix: 'Set one',
    });
  }
  return findings;
};

const doc = (index: number, value: unknown, file = 'm.yaml'): ManifestDocument => ({
  file,
  index,
  line: index * 10 + 1,
  value,
});
const job = (name: string, restartPolicy = 'Never') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { ttlSecondsAfterFinished: 60, template: { spec: { restartPolicy } } },
});

describe('lintDocuments', () => {
  test('checks batch/v1 Jobs and CronJobs, in order, and ignores other kinds silently', () => {
    const result = lintDocuments(
      [
        doc(0, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
        doc(1, job('bad', 'Always')),
        doc(2, {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'cj' },
          spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Always' } } } } },
        }),
        doc(3, job('good')),
        doc(4, { apiVersion: 'apps/v1', kind: 'Job' }),
      ],
      {},
      fakeRules,
    );
    expect(result.objects.map((o) => [o.index, o.line, o.kind, o.name, o.findings.map((f) => f.rule)])).toEqual([
      [1, 11, 'Job', 'bad', ['fake-restart-policy']],
      [2, 21, 'CronJob', 'cj', ['fake-restart-policy']],
      [3, 31, 'Job', 'good', []],
    ]);
    expect(result.skipped).toEqual([]);
  });

  test('passes the options to the validate function unchanged', () => {
    const seen: ValidateOptions[] = [];
    const options = { kubernetesVersion: '1.30', policy: { rules: {} }, now: 0 };
    lintDocuments([doc(0, job('a'))], options, (_object, o) => {
      seen.push(o);
      return [];
    });
    expect(seen).toEqual([options]);
  });

  test('uses the real registry by default', () => {
    const suppressed = {
      ...job('a'),
      metadata: { name: 'a', annotations: { 'cdk8s-batch.io/suppress-no-such-rule': 'testing' } },
    };
    const [object] = lintDocuments([doc(0, suppressed)]).objects;
    expect(object.findings).toContainEqual(
      expect.objectContaining({
        rule: 'suppression-unknown-rule',
        field: 'metadata.annotations[cdk8s-batch.io/suppress-no-such-rule]',
      }),
    );
  });

  test('an object without a name is checked, with name ""', () => {
    expect(lintDocuments([doc(0, { apiVersion: 'batch/v1', kind: 'Job' })], {}, fakeRules).objects[0].name).toBe('');
  });

  test('the items of a kind: List (kubectl get -o yaml) are checked, each with its position', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'Service' }, job('x', 'Always'), 'junk'],
    };
    const result = lintDocuments([doc(0, list)], {}, fakeRules);
    expect(result.objects).toEqual([expect.objectContaining({ index: 0, item: 1, name: 'x' })]);
    expect(result.skipped).toEqual([
      { file: 'm.yaml', index: 0, line: 1, reason: 'items[2] is a string, not a Kubernetes object; skipped' },
    ]);
  });

  test('documents that are not objects are skipped with a reason; empty documents silently', () => {
    const result = lintDocuments(
      [doc(0, null), doc(1, 'hello'), doc(2, [1, 2]), doc(3, 42), doc(4, true)],
      {},
      fakeRules,
    );
    expect(result.objects).toEqual([]);
    expect(result.skipped.map((s) => [s.index, s.reason])).toEqual([
      [1, 'is a string, not a Kubernetes object; skipped'],
      [2, 'is a list, not a Kubernetes object; skipped'],
      [3, 'is a number, not a Kubernetes object; skipped'],
      [4, 'is a boolean, not a Kubernetes object; skipped'],
    ]);
  });

  test('a CronJob of a removed batch API version is checked (an error finding), not skipped', () => {
    const result = lintDocuments([doc(0, { apiVersion: 'batch/v1beta1', kind: 'CronJob' })]);
    expect(result.skipped).toEqual([]);
    expect(result.objects[0].findings).toEqual([
      expect.objectContaining({ rule: 'batch-api-removed', field: 'apiVersion' }),
    ]);
  });

  test('a batch API version that never existed gets a note, not silence', () => {
    const result = lintDocuments([doc(0, { apiVersion: 'batch/v3', kind: 'CronJob' })], {}, fakeRules);
    expect(result.objects).toEqual([]);
    expect(result.skipped[0].reason).toMatch(/batch\/v3.*use batch\/v1/);
  });

  test('5,000 documents are checked, each once', () => {
    let calls = 0;
    const documents = Array.from({ length: 5000 }, (_, i) => doc(i, job(`job-${i}`, i % 2 === 0 ? 'Always' : 'Never')));
    const result = lintDocuments(documents, {}, (object, options) => {
      calls++;
      return fakeRules(object, options);
    });
    expect(calls).toBe(5000);
    expect(countFindings(result.objects, Severity.ERROR)).toBe(2500);
    expect(countFindings(result.objects, Severity.WARNING)).toBe(0);
  });
});
