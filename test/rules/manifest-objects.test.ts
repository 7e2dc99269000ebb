/** Removed batch API versions and KEDA ScaledJobs, as lint checks them. */
import { lintDocuments } from '../../src/manifests/lint';
import { Severity } from '../../src/rules/finding';
import { manifestKindOf, validateManifestObject } from '../../src/rules/manifest-objects';
import { goodCronJob, goodJob } from './api-server/fixtures';

const OPTIONS = { kubernetesVersion: '1.35', now: Date.UTC(2026, 0, 1) };

function scaledJob(image: string | undefined): any {
  const job = goodJob();
  delete job.spec.template.spec.restartPolicy;
  job.spec.template.spec.containers[0].image = image;
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledJob',
    metadata: { name: 'queue-worker', namespace: 'work' },
    spec: { jobTargetRef: job.spec, triggers: [{ type: 'rabbitmq', metadata: { queueName: 'q' } }] },
  };
}

describe('removed batch API versions', () => {
  test.each(['batch/v1beta1', 'batch/v2alpha1'])('a %s CronJob is an error at apiVersion', (apiVersion) => {
    const cronJob = { ...goodCronJob(), apiVersion };
    expect(manifestKindOf(cronJob)).toBe('CronJob');
    const findings = validateManifestObject(cronJob, OPTIONS);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'batch-api-removed', severity: 'error', field: 'apiVersion' }),
    ]);
    expect(findings[0].message).toContain(apiVersion);
  });

  test('the batch/v1 CronJob is not reported', () => {
    expect(validateManifestObject(goodCronJob(), OPTIONS).filter((f) => f.rule === 'batch-api-removed')).toEqual([]);
  });

  test('lint reports it in its findings (and so in JSON), not as a skipped note', () => {
    const result = lintDocuments(
      [{ file: 'old.yaml', index: 0, line: 1, value: { ...goodCronJob(), apiVersion: 'batch/v1beta1' } }],
      OPTIONS,
    );
    expect(result.skipped).toEqual([]);
    expect(result.objects[0].findings.map((f) => f.rule)).toEqual(['batch-api-removed']);
  });
});

describe('KEDA ScaledJob', () => {
  test('is linted through its jobTargetRef, at the ScaledJob field paths', () => {
    const findings = validateManifestObject(scaledJob(undefined), OPTIONS).filter((f) => f.severity === Severity.ERROR);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'pod-container-image-required',
        field: 'spec.jobTargetRef.template.spec.containers[0].image',
      }),
    ]);
  });

  test('a good ScaledJob has no errors (KEDA defaults restartPolicy to OnFailure)', () => {
    expect(
      validateManifestObject(scaledJob('registry.example.com/worker:1.0.0'), OPTIONS).filter(
        (f) => f.severity === Severity.ERROR,
      ),
    ).toEqual([]);
  });

  test('a name of the wrong JSON type (even one without a usable toString) does not break the reading', () => {
    const odd = scaledJob('registry.example.com/worker:1.0.0');
    odd.metadata.name = { toString: {} };
    expect(() => validateManifestObject(odd, OPTIONS)).not.toThrow();
  });

  test('lint checks it as kind ScaledJob', () => {
    const result = lintDocuments([{ file: 'keda.yaml', index: 0, line: 1, value: scaledJob('2GB') }], OPTIONS);
    expect(result.objects.map((o) => [o.kind, o.name])).toEqual([['ScaledJob', 'queue-worker']]);
  });

  test('other KEDA kinds are not checked', () => {
    expect(manifestKindOf({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject' })).toBeUndefined();
  });
});
